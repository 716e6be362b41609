import type { ConnectionFile } from '../../../shared/workspace/connection-file.js';
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
  let result = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i, (_whole, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return colon < 0 ? `${scheme}${userinfo}@` : `${scheme}${userinfo.slice(0, colon)}:${take('url-password', userinfo.slice(colon + 1))}@`;
  });
  const queryStart = result.indexOf('?');
  if (queryStart < 0) return result;
  const hashStart = result.indexOf('#', queryStart);
  const queryEnd = hashStart < 0 ? result.length : hashStart;
  const query = result
    .slice(queryStart + 1, queryEnd)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0) return pair;
      const name = pair.slice(0, equals);
      return rules.isSecretQueryName(decodeName(name)) ? `${name}=${take(`query-${decodeName(name)}`, pair.slice(equals + 1))}` : pair;
    })
    .join('&');
  result = `${result.slice(0, queryStart + 1)}${query}${result.slice(queryEnd)}`;
  return result;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}
