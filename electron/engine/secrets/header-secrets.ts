import type { HeaderPair } from '../../../shared/contract/records.js';
import type { UnopenedSecret } from '../../../shared/contract/session-options.js';
import type { Message } from '../../../shared/i18n/message.js';
import { defaultRedaction, RedactionRules } from '../capture/export/redaction-rules.js';
import type { SecretCipher } from './secret-cipher.js';
import { openSecret, storeSecret, type StoredSecret } from './stored-secret.js';

// What counts as a secret header is the export redaction's rule: one list for exports, workspaces and settings files.
const rules = new RedactionRules(defaultRedaction);

/** True for a header whose value a settings file keeps in `secrets` (Authorization, Proxy-Authorization, Cookie, Set-Cookie; any case). */
export function isSecretHeaderName(name: string): boolean {
  return rules.isSecretHeader(name);
}

/** The field path of header `index`'s value under `prefix` (`options.headers.2.1`: the pair's second element). */
export function headerValueField(prefix: string, index: number): string {
  return `${prefix}.headers.${index}.1`;
}

/** Headers as a file keeps them: secret values emptied in place, each stored under its field path. */
export interface StoredHeaders {
  readonly headers: HeaderPair[];
  readonly secrets: Record<string, StoredSecret>;
}

/** Headers read back: values put back, those this process cannot open left empty with a problem and a mark each. */
export interface OpenedHeaders {
  readonly headers: HeaderPair[];
  readonly problems: Message[];
  readonly unopened: UnopenedSecret[];
  readonly isReEncryptionDue: boolean;
}

/** Takes the value of every secret header out of `headers` and stores it (encrypted when the keychain works here); the pair stays, in order, with an empty value. */
export async function storeHeaderValues(headers: readonly HeaderPair[], cipher: SecretCipher | null, prefix: string): Promise<StoredHeaders> {
  const kept: HeaderPair[] = [];
  const secrets: Record<string, StoredSecret> = {};
  for (const [index, [name, value]] of headers.entries()) {
    if (!isSecretHeaderName(name) || value === '') {
      kept.push([name, value]);
      continue;
    }
    kept.push([name, '']);
    secrets[headerValueField(prefix, index)] = await storeSecret(value, cipher);
  }
  return { headers: kept, secrets };
}

/**
 * Puts stored header values back. One this process cannot open leaves its header empty, says why
 * (naming the header and field) and is marked by name and occurrence, so a connection is refused
 * while it stays empty; the file keeps it.
 */
export async function openHeaderValues(stored: StoredHeaders, cipher: SecretCipher | null, file: string, prefix: string): Promise<OpenedHeaders> {
  const headers: HeaderPair[] = [];
  const problems: Message[] = [];
  const unopened: UnopenedSecret[] = [];
  let isReEncryptionDue = false;
  for (const [index, [name, value]] of stored.headers.entries()) {
    const field = headerValueField(prefix, index);
    const secret = stored.secrets[field];
    if (secret === undefined) {
      headers.push([name, value]);
      continue;
    }
    const opened = await openSecret(secret, cipher, { file, field, header: name });
    if ('problem' in opened) {
      problems.push(opened.problem);
      unopened.push({ kind: 'header', name, occurrence: occurrence(stored.headers, index) });
    } else isReEncryptionDue ||= opened.isReEncryptionDue;
    headers.push([name, 'value' in opened ? opened.value : '']);
  }
  return { headers, problems, unopened, isReEncryptionDue };
}

/**
 * What to store for the headers being saved, given what the file held before. A value this
 * process could not open is kept as stored (never decrypted, never dropped) when the same header
 * (its name, any case, and which occurrence of that name it is) comes back empty, since the window
 * could not show it; a typed value replaces it, and another header never inherits it.
 */
export async function keepUnopenedHeaderValues(next: StoredHeaders, previous: StoredHeaders | null, cipher: SecretCipher | null, prefix: string): Promise<StoredHeaders> {
  if (previous === null) return next;
  const secrets = { ...next.secrets };
  for (const [index, [name, value]] of next.headers.entries()) {
    const field = headerValueField(prefix, index);
    if (!isSecretHeaderName(name) || value !== '' || secrets[field] !== undefined) continue;
    const previousIndex = sameOccurrence(previous.headers, name, occurrence(next.headers, index));
    const previousSecret = previousIndex === null ? undefined : previous.secrets[headerValueField(prefix, previousIndex)];
    if (previousSecret === undefined) continue;
    const opened = await openSecret(previousSecret, cipher, { file: '', field: '' });
    if ('problem' in opened) secrets[field] = previousSecret;
  }
  return { headers: next.headers, secrets };
}

/** True when a file keeps a header value more weakly than this process would now (in clear while the keychain works): write it again. */
export async function isHeaderValueStoredWeakly(stored: StoredHeaders, cipher: SecretCipher | null, prefix: string): Promise<boolean> {
  if (cipher === null || !(await cipher.isAvailable())) return false;
  return stored.headers.some(([name, value], index) => {
    const secret = stored.secrets[headerValueField(prefix, index)];
    return secret === undefined ? isSecretHeaderName(name) && value !== '' : secret.storage === 'plain';
  });
}

/** Why a file's stored value at header `index` cannot belong there (a file we did not write), or null. */
export function headerValuePlacementProblem(headers: readonly HeaderPair[], index: number): string | null {
  const header = headers[index];
  if (header === undefined) return `a value for header ${index}, and the settings have ${headers.length} headers`;
  if (!isSecretHeaderName(header[0])) return `a stored value for the ${header[0]} header, which is kept in the settings`;
  if (header[1] !== '') return `the ${header[0]} header has a value in the settings too; a file keeps it in one place`;
  return null;
}

/** Which occurrence (0 for the first) of its name, in any case, the header at `index` is. */
function occurrence(headers: readonly HeaderPair[], index: number): number {
  const name = headers[index]![0].toLowerCase();
  return headers.slice(0, index).filter(([other]) => other.toLowerCase() === name).length;
}

function sameOccurrence(headers: readonly HeaderPair[], name: string, nth: number): number | null {
  let seen = 0;
  for (const [index, [other]] of headers.entries()) {
    if (other.toLowerCase() !== name.toLowerCase()) continue;
    if (seen === nth) return index;
    seen += 1;
  }
  return null;
}
