import { z } from 'zod';
import type { HeaderPair } from '../../../shared/contract/records.js';
import type { ProxyOptions, UnopenedSecret } from '../../../shared/contract/session-options.js';
import type { Message } from '../../../shared/i18n/message.js';
import { headerValuePlacementProblem, isHeaderValueStoredWeakly, keepUnopenedHeaderValues, openHeaderValues, storeHeaderValues, type StoredHeaders } from './header-secrets.js';
import { isPasswordStoredWeakly, keepUnopenedPassword, openProxyPassword, passwordPlacementProblem, storeProxyPassword, type StoredProxy } from './proxy-password.js';
import type { SecretCipher } from './secret-cipher.js';
import { storedSecretSchema, type StoredSecret } from './stored-secret.js';
import { isUrlPartField, isUrlSecretStoredWeakly, keepUnopenedUrlSecrets, openUrlSecrets, storeUrlSecrets, urlSecretPlacementProblem, urlSecretsOf, type StoredUrl } from './url-secrets.js';

/** A settings file's `secrets`: each stored value under the path its field has in the settings. */
export const fileSecretsSchema = z.record(z.string(), storedSecretSchema);

/** The secrets of one settings file, by field path. */
export type FileSecrets = Readonly<Record<string, StoredSecret>>;

/**
 * The connection options that hold secrets: the proxy (its password), the headers (Authorization,
 * Proxy-Authorization, Cookie) and, where the options have one, the URL (its userinfo password and
 * the values of credential query parameters).
 */
export interface SecretBearingOptions {
  readonly proxy: ProxyOptions;
  readonly headers: HeaderPair[];
  readonly url?: string;
  readonly unopenedSecrets?: UnopenedSecret[];
}

/** Connection options as a file keeps them: their secrets taken out into `secrets`. */
export interface StoredConnection<T extends SecretBearingOptions> {
  readonly options: T;
  readonly secrets: FileSecrets;
}

/** Connection options read back from a file, with a problem for each secret this process cannot open. */
export interface OpenedConnection<T extends SecretBearingOptions> {
  readonly options: T;
  readonly problems: Message[];
  /** A secret is stored more weakly than this process would now, or the keychain asked for one to be encrypted again: write the file again. */
  readonly isRewriteDue: boolean;
}

/**
 * Takes the secrets out of `options` (`prefix` is the options' path in the file, such as
 * `options`), encrypted when the keychain works here. Secrets of `previous` (the file being
 * replaced) this process could not open are kept when the same proxy or header comes back without
 * its value.
 */
export async function storeConnectionSecrets<T extends SecretBearingOptions>(options: T, previous: StoredConnection<T> | null, cipher: SecretCipher | null, prefix: string): Promise<StoredConnection<T>> {
  const proxy = await keepUnopenedPassword(await storeProxyPassword(options.proxy, cipher), previous ? proxyOf(previous, prefix) : null, cipher);
  const headers = await keepUnopenedHeaderValues(await storeHeaderValues(options.headers, cipher, prefix), previous ? headersOf(previous) : null, cipher, prefix);
  const url = options.url === undefined ? null : await keepUnopenedUrlSecrets(await storeUrlSecrets(options.url, cipher, urlField(prefix)), previous ? urlOf(previous, prefix) : null, cipher, urlField(prefix));
  const secrets: Record<string, StoredSecret> = { ...headers.secrets, ...url?.secrets };
  if (proxy.password !== undefined) secrets[passwordField(prefix)] = proxy.password;
  return { options: withUnopenedSecrets({ ...options, proxy: proxy.proxy, headers: headers.headers, ...(url === null ? {} : { url: url.url }) }, []), secrets };
}

/** Puts a file's secrets back into its options; `file` names the file in problems. */
export async function openConnectionSecrets<T extends SecretBearingOptions>(stored: StoredConnection<T>, cipher: SecretCipher | null, file: string, prefix: string): Promise<OpenedConnection<T>> {
  const proxy = await openProxyPassword(proxyOf(stored, prefix), cipher, { file, field: passwordField(prefix) });
  const headers = await openHeaderValues(headersOf(stored), cipher, file, prefix);
  const storedUrl = urlOf(stored, prefix);
  const url = storedUrl === null ? null : await openUrlSecrets(storedUrl, cipher, file, urlField(prefix));
  const problems = [...(proxy.problem ? [proxy.problem] : []), ...headers.problems, ...(url?.problems ?? [])];
  const isReEncryptionDue = proxy.isReEncryptionDue || headers.isReEncryptionDue || (url?.isReEncryptionDue ?? false);
  const isStoredWeakly =
    problems.length === 0 &&
    ((await isPasswordStoredWeakly(proxyOf(stored, prefix), cipher)) ||
      (await isHeaderValueStoredWeakly(headersOf(stored), cipher, prefix)) ||
      (storedUrl !== null && (await isUrlSecretStoredWeakly(storedUrl, cipher, urlField(prefix)))));
  const unopened = [...(proxy.unopened ? [proxy.unopened] : []), ...headers.unopened, ...(url?.unopened ?? [])];
  const options = withUnopenedSecrets({ ...stored.options, proxy: proxy.proxy, headers: headers.headers, ...(url === null ? {} : { url: url.url }) }, unopened);
  return { options, problems, isRewriteDue: problems.length === 0 && (isReEncryptionDue || isStoredWeakly) };
}

/**
 * `options` carrying `unopened` as its `unopenedSecrets`, or none at all: the marks are made on
 * each load from what the file holds, and never written to a file.
 */
export function withUnopenedSecrets<T extends SecretBearingOptions>(options: T, unopened: readonly UnopenedSecret[]): T {
  const copy: T = { ...options };
  delete (copy as { unopenedSecrets?: UnopenedSecret[] }).unopenedSecrets;
  return unopened.length === 0 ? copy : { ...copy, unopenedSecrets: [...unopened] };
}

/** For a file's schema: each `secrets` key that cannot belong to its options (a file we did not write), with why. */
export function secretPlacementIssues(stored: StoredConnection<SecretBearingOptions>, prefix: string): { readonly field: string; readonly message: string }[] {
  const issues: { field: string; message: string }[] = [];
  const headerField = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.headers\\.(\\d+)\\.1$`);
  for (const field of Object.keys(stored.secrets)) {
    const index = headerField.exec(field)?.[1];
    const problem =
      field === passwordField(prefix) ? passwordPlacementProblem(proxyOf(stored, prefix))
      : index !== undefined ? headerValuePlacementProblem(stored.options.headers, Number(index))
      : stored.options.url !== undefined && isUrlPartField(field, urlField(prefix)) ? urlSecretPlacementProblem(stored.options.url, field.slice(urlField(prefix).length + 1))
      : 'not a field whose secret a settings file keeps';
    if (problem !== null) issues.push({ field, message: problem });
  }
  return issues;
}

function passwordField(prefix: string): string {
  return `${prefix}.proxy.password`;
}

function urlField(prefix: string): string {
  return `${prefix}.url`;
}

function urlOf(stored: StoredConnection<SecretBearingOptions>, prefix: string): StoredUrl | null {
  if (stored.options.url === undefined) return null;
  return { url: stored.options.url, secrets: urlSecretsOf(stored.secrets, urlField(prefix)) };
}

function proxyOf(stored: StoredConnection<SecretBearingOptions>, prefix: string): StoredProxy {
  const password = stored.secrets[passwordField(prefix)];
  return password ? { proxy: stored.options.proxy, password } : { proxy: stored.options.proxy };
}

function headersOf(stored: StoredConnection<SecretBearingOptions>): StoredHeaders {
  return { headers: stored.options.headers, secrets: stored.secrets };
}
