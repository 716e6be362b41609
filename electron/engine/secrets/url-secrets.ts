import type { UnopenedSecret } from '../../../shared/contract/session-options.js';
import type { Message } from '../../../shared/i18n/message.js';
import { mapQueryValues, mapUserinfo } from '../../../shared/text/url-parts.js';
import { defaultRedaction, RedactionRules } from '../capture/export/redaction-rules.js';
import type { SecretCipher } from './secret-cipher.js';
import { openSecret, storeSecret, type StoredSecret } from './stored-secret.js';

// Which query parameters carry credentials is the export redaction's rule: one list for exports, workspaces and settings files.
const rules = new RedactionRules(defaultRedaction);

/**
 * One part of a URL a settings file keeps in `secrets`: the password in the userinfo (key
 * `password`) or the value of a credential query parameter (key `query.N`, N counting the query's
 * `name=value` pairs from 0). `value` is the text as written, percent-encoding and all.
 */
interface UrlSecretPart {
  readonly key: string;
  /** The query parameter's decoded name; null for the userinfo password. */
  readonly parameter: string | null;
  /** The user name before the password; null for a query parameter. */
  readonly username: string | null;
  readonly value: string;
}

/** A URL as a file keeps it: each secret value emptied in place (the URL keeps its shape), stored under its field path. */
export interface StoredUrl {
  readonly url: string;
  readonly secrets: Record<string, StoredSecret>;
}

/** A URL read back: values put back, those this process cannot open left empty with a problem and a mark each. */
export interface OpenedUrl {
  readonly url: string;
  readonly problems: Message[];
  readonly unopened: UnopenedSecret[];
  readonly isReEncryptionDue: boolean;
}

/** The field path of a URL part under the URL's own field (`options.url.password`, `options.url.query.2`). */
export function urlPartField(urlField: string, key: string): string {
  return `${urlField}.${key}`;
}

/** The secrets of a file that belong to the URL at `urlField` (their fields start with it). */
export function urlSecretsOf(secrets: Readonly<Record<string, StoredSecret>>, urlField: string): Record<string, StoredSecret> {
  return Object.fromEntries(Object.entries(secrets).filter(([field]) => isUrlPartField(field, urlField)));
}

/** True when `field` is a part of the URL at `urlField`. */
export function isUrlPartField(field: string, urlField: string): boolean {
  return field.startsWith(`${urlField}.`);
}

/** Takes the userinfo password and the values of credential query parameters out of `url` and stores them (encrypted when the keychain works here); each stays in the URL, empty. */
export async function storeUrlSecrets(url: string, cipher: SecretCipher | null, urlField: string): Promise<StoredUrl> {
  const emptied = new Map<string, string>();
  const secrets: Record<string, StoredSecret> = {};
  for (const part of secretParts(url)) {
    if (part.value === '') continue;
    emptied.set(part.key, '');
    secrets[urlPartField(urlField, part.key)] = await storeSecret(part.value, cipher);
  }
  return { url: withValues(url, emptied), secrets };
}

/**
 * Puts stored URL values back. One this process cannot open stays empty, says why (naming the part
 * and field) and is marked by its place, so a connection is refused while it stays empty; the file keeps it.
 */
export async function openUrlSecrets(stored: StoredUrl, cipher: SecretCipher | null, file: string, urlField: string): Promise<OpenedUrl> {
  const values = new Map<string, string>();
  const problems: Message[] = [];
  const unopened: UnopenedSecret[] = [];
  let isReEncryptionDue = false;
  for (const part of secretParts(stored.url)) {
    const field = urlPartField(urlField, part.key);
    const secret = stored.secrets[field];
    if (secret === undefined) continue;
    const place = part.parameter === null ? { file, field, isUrlPassword: true } : { file, field, queryParameter: part.parameter };
    const opened = await openSecret(secret, cipher, place);
    if ('problem' in opened) {
      problems.push(opened.problem);
      unopened.push(unopenedMark(part));
    } else {
      isReEncryptionDue ||= opened.isReEncryptionDue;
      values.set(part.key, opened.value);
    }
  }
  return { url: withValues(stored.url, values), problems, unopened, isReEncryptionDue };
}

/**
 * What to store for the URL being saved, given what the file held before. A value this process
 * could not open is kept as stored (never decrypted, never dropped) when the same part comes back
 * empty (the userinfo password with the same user name; the query pair at the same place with the
 * same name), since the window could not show it; a typed value replaces it, and another part
 * never inherits it.
 */
export async function keepUnopenedUrlSecrets(next: StoredUrl, previous: StoredUrl | null, cipher: SecretCipher | null, urlField: string): Promise<StoredUrl> {
  if (previous === null) return next;
  const secrets = { ...next.secrets };
  const previousParts = new Map(secretParts(previous.url).map((part) => [part.key, part]));
  for (const part of secretParts(next.url)) {
    const field = urlPartField(urlField, part.key);
    const before = previousParts.get(part.key);
    const previousSecret = previous.secrets[field];
    if (part.value !== '' || secrets[field] !== undefined || before === undefined || previousSecret === undefined) continue;
    if (before.parameter !== part.parameter || before.username !== part.username) continue;
    const opened = await openSecret(previousSecret, cipher, { file: '', field: '' });
    if ('problem' in opened) secrets[field] = previousSecret;
  }
  return { url: next.url, secrets };
}

/** True when a file keeps a URL secret more weakly than this process would now (in clear while the keychain works): write it again. */
export async function isUrlSecretStoredWeakly(stored: StoredUrl, cipher: SecretCipher | null, urlField: string): Promise<boolean> {
  if (cipher === null || !(await cipher.isAvailable())) return false;
  return secretParts(stored.url).some((part) => {
    const secret = stored.secrets[urlPartField(urlField, part.key)];
    return secret === undefined ? part.value !== '' : secret.storage === 'plain';
  });
}

/** Why a file's stored value under key `key` of `url` cannot belong there (a file we did not write), or null. */
export function urlSecretPlacementProblem(url: string, key: string): string | null {
  const part = secretParts(url).find((each) => each.key === key);
  if (part === undefined) return `a stored value for ${key} of the URL, which has no such credential part`;
  if (part.value !== '') return `the URL has that value in the settings too; a file keeps it in one place`;
  return null;
}

/** How a part this process could not open is marked in the options: the user name for the password, the place and name for a query value. */
function unopenedMark(part: UrlSecretPart): UnopenedSecret {
  if (part.parameter === null) return { kind: 'url-password', username: part.username ?? '' };
  return { kind: 'query-parameter', name: part.parameter, index: Number(part.key.slice('query.'.length)) };
}

/** The secret-bearing parts of `url`, in order. */
function secretParts(url: string): UrlSecretPart[] {
  const parts: UrlSecretPart[] = [];
  mapUserinfo(url, (userinfo) => {
    const colon = userinfo.indexOf(':');
    if (colon >= 0) parts.push({ key: 'password', parameter: null, username: userinfo.slice(0, colon), value: userinfo.slice(colon + 1) });
    return userinfo;
  });
  let index = 0;
  mapQueryValues(url, (name, value) => {
    if (rules.isSecretQueryName(name)) parts.push({ key: `query.${index}`, parameter: name, username: null, value });
    index += 1;
    return value;
  });
  return parts;
}

/** `url` with the parts named in `values` (by key) set to the given text, everything else as it was. */
function withValues(url: string, values: ReadonlyMap<string, string>): string {
  if (values.size === 0) return url;
  const withPassword = mapUserinfo(url, (userinfo) => {
    const colon = userinfo.indexOf(':');
    const password = values.get('password');
    return colon < 0 || password === undefined ? userinfo : `${userinfo.slice(0, colon + 1)}${password}`;
  });
  let index = 0;
  return mapQueryValues(withPassword, (_name, value) => {
    const replaced = values.get(`query.${index}`);
    index += 1;
    return replaced ?? value;
  });
}
