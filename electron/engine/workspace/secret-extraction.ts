import type { ConnectionFile } from '../../../shared/workspace/connection-file.js';
import { mapQueryValues, mapUserinfo } from '../../../shared/text/url-parts.js';
import { hasTemplate } from '../../../shared/workspace/template.js';
import { defaultRedaction, RedactionRules } from '../capture/export/redaction-rules.js';

/** A connection without literal secrets, and the values taken out of it (variable name → value). */
export interface ExtractedSecrets {
  readonly file: ConnectionFile;
  readonly secrets: Readonly<Record<string, string>>;
}

// What counts as secret is the export redaction's rule: one list for both.
const rules = new RedactionRules(defaultRedaction);

/**
 * Moves literal secrets out of a connection before its file is written: values of secret headers
 * (Authorization, Proxy-Authorization, Cookie), token-like query parameters and userinfo in the
 * URL, proxy passwords. Each becomes a `{{<connection>.<what>}}` variable whose value goes to the
 * local secrets store, so the shared file never holds it. Values already written with a variable
 * are left as they are.
 */
export function extractSecrets(file: ConnectionFile): ExtractedSecrets {
  const secrets: Record<string, string> = {};
  const prefix = /^[A-Za-z_]/.test(file.id) ? file.id : `_${file.id}`;
  const take = (what: string, value: string): string => {
    if (value === '' || hasTemplate(value)) return value;
    const name = `${prefix}.${what.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-')}`;
    secrets[name] = value;
    return `{{${name}}}`;
  };
  const headers = file.options.headers.map(([name, value]): [string, string] => [name, rules.isSecretHeader(name) ? take(name, value) : value]);
  const proxy = file.options.proxy;
  const safeProxy = (proxy.kind === 'http-connect' || proxy.kind === 'socks5') && proxy.password !== undefined ? { ...proxy, password: take('proxy-password', proxy.password) } : proxy;
  const url = extractFromUrl(file.options.url, take);
  return { file: { ...file, options: { ...file.options, url, headers, proxy: safeProxy } }, secrets };
}

function extractFromUrl(url: string, take: (what: string, value: string) => string): string {
  const withoutPassword = mapUserinfo(url, (userinfo) => {
    const colon = userinfo.indexOf(':');
    return colon < 0 ? userinfo : `${userinfo.slice(0, colon)}:${take('url-password', userinfo.slice(colon + 1))}`;
  });
  return mapQueryValues(withoutPassword, (name, value) => (rules.isSecretQueryName(name) ? take(`query-${name}`, value) : value));
}
