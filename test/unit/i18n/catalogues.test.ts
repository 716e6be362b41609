import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../shared/i18n/create-i18n.js';
import { resolveLanguage, supportedLanguages } from '../../../shared/i18n/languages.js';
import { resources } from '../../../shared/i18n/resources.js';

const root = join(import.meta.dirname, '../../..');
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/** Every leaf of a catalogue as `namespace:dotted.key`, with its text. */
function leaves(namespace: string, node: unknown, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') found.set(`${namespace}:${path}`, value);
    else for (const [leaf, text] of leaves(namespace, value, path)) found.set(leaf, text);
  }
  return found;
}

function catalogue(language: (typeof supportedLanguages)[number]): Map<string, string> {
  const all = new Map<string, string>();
  for (const [namespace, tree] of Object.entries(resources[language])) {
    for (const [key, text] of leaves(namespace, tree)) all.set(key, text);
  }
  return all;
}

/** Plural forms differ by language (zh has only `other`); compare the keys the code names. */
function baseKeys(keys: Iterable<string>): Set<string> {
  return new Set([...keys].map((key) => key.replace(pluralSuffix, '')));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((match) => match[1]!).sort();
}

function sourceFiles(directory: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (name === 'node_modules' || name === 'locales') continue;
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

const english = catalogue('en');
const namespaces = Object.keys(resources.en);
const sources = ['renderer', 'electron', 'shared'].flatMap((folder) => sourceFiles(join(root, folder)));
const sourceText = new Map(sources.map((file) => [relative(root, file), readFileSync(file, 'utf8')]));
// A key is always written whole as a literal, `'namespace:some.key'`, so it can be found by text.
const literalKey = new RegExp(`['"\`]((?:${namespaces.join('|')}):[\\w.-]+)['"\`]`, 'g');

describe('message catalogues', () => {
  it.each(supportedLanguages.filter((language) => language !== 'en'))('%s has exactly the keys English has', (language) => {
    const translated = catalogue(language);
    const missing = [...baseKeys(english.keys())].filter((key) => !baseKeys(translated.keys()).has(key));
    const extra = [...baseKeys(translated.keys())].filter((key) => !baseKeys(english.keys()).has(key));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(supportedLanguages.filter((language) => language !== 'en'))('%s uses the same placeholders as English', (language) => {
    const translated = catalogue(language);
    const mismatched: string[] = [];
    for (const [key, text] of translated) {
      const source = english.get(key) ?? english.get(`${key.replace(pluralSuffix, '')}_other`);
      if (source !== undefined && placeholders(source).join() !== placeholders(text).join()) mismatched.push(key);
    }
    expect(mismatched).toEqual([]);
  });

  it('has no key that the code never names', () => {
    const used = new Set<string>();
    for (const text of sourceText.values()) for (const match of text.matchAll(literalKey)) used.add(match[1]!);
    const unused = [...baseKeys(english.keys())].filter((key) => !used.has(key));
    expect(unused).toEqual([]);
  });

  it('names no key that the English catalogue lacks', () => {
    const known = baseKeys(english.keys());
    const unknown: string[] = [];
    for (const [file, text] of sourceText) {
      for (const match of text.matchAll(literalKey)) if (!known.has(match[1]!) && !english.has(match[1]!)) unknown.push(`${file}: ${match[1]}`);
    }
    expect(unknown).toEqual([]);
  });
});

describe('language choice', () => {
  it.each([
    ['zh_CN.UTF-8', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['en-GB', 'en'],
    ['C', 'en'],
    ['fr_FR.UTF-8', 'en'],
    [undefined, 'en'],
  ])('%s speaks %s', (tag, language) => {
    expect(resolveLanguage(tag)).toBe(language);
  });

  it('translates and falls back to English', () => {
    expect(createI18n('zh-CN').t('common:language.label')).toBe('语言');
    expect(createI18n('en').t('common:language.label')).toBe('Language');
  });
});
