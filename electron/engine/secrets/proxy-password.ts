import type { ProxyOptions, UnopenedSecret } from '../../../shared/contract/session-options.js';
import type { Message } from '../../../shared/i18n/message.js';
import type { SecretCipher } from './secret-cipher.js';
import { openSecret, storeSecret, type SecretPlace, type StoredSecret } from './stored-secret.js';

/** A proxy as a settings file keeps it: without its password, which is stored beside it (`secrets`). */
export interface StoredProxy {
  readonly proxy: ProxyOptions;
  readonly password?: StoredSecret;
}

/** A proxy read back from a file: with its password, or without it and the reason. */
export interface OpenedProxy {
  readonly proxy: ProxyOptions;
  readonly problem?: Message;
  /** The mark the options carry for a password this process cannot open, so a connection through that proxy is refused without it. */
  readonly unopened?: UnopenedSecret;
  /** The keychain asked for the password to be encrypted again (its key was rotated): write the file again. */
  readonly isReEncryptionDue: boolean;
}

/** Takes the password out of `proxy` and stores it (encrypted when the keychain works here). */
export async function storeProxyPassword(proxy: ProxyOptions, cipher: SecretCipher | null): Promise<StoredProxy> {
  if (!hasPasswordField(proxy) || proxy.password === undefined) return { proxy };
  const { password, ...rest } = proxy;
  return { proxy: rest, password: await storeSecret(password, cipher) };
}

/**
 * Puts a stored password back into its proxy. One this process cannot open leaves the proxy
 * without a password and says why, naming the field; the file keeps it (`keepUnopenedPassword`).
 */
export async function openProxyPassword(stored: StoredProxy, cipher: SecretCipher | null, place: SecretPlace): Promise<OpenedProxy> {
  if (stored.password === undefined || !hasPasswordField(stored.proxy)) return { proxy: stored.proxy, isReEncryptionDue: false };
  const opened = await openSecret(stored.password, cipher, place);
  if ('problem' in opened) {
    const { kind, host, port, username } = stored.proxy;
    return { proxy: stored.proxy, problem: opened.problem, unopened: { kind: 'proxy-password', proxyKind: kind, host, port, ...(username === undefined ? {} : { username }) }, isReEncryptionDue: false };
  }
  return { proxy: { ...stored.proxy, password: opened.value }, isReEncryptionDue: opened.isReEncryptionDue };
}

/**
 * What to store for the proxy being saved, given what the file held before. A password this
 * process could not open is kept as stored (never decrypted, never dropped) when the same proxy
 * (kind, host, port, user name) is saved again without a password, since the window could not
 * show it; a new password replaces it, and another proxy never inherits it.
 */
export async function keepUnopenedPassword(next: StoredProxy, previous: StoredProxy | null, cipher: SecretCipher | null): Promise<StoredProxy> {
  if (next.password !== undefined || previous?.password === undefined || !isSameProxy(next.proxy, previous.proxy)) return next;
  const opened = await openSecret(previous.password, cipher, { file: '', field: '' });
  return 'problem' in opened ? { ...next, password: previous.password } : next;
}

/** The proxy kinds that take a password. */
export function hasPasswordField(proxy: ProxyOptions): proxy is Extract<ProxyOptions, { kind: 'http-connect' | 'socks5' }> {
  return proxy.kind === 'http-connect' || proxy.kind === 'socks5';
}

function isSameProxy(a: ProxyOptions, b: ProxyOptions): boolean {
  if (!hasPasswordField(a) || !hasPasswordField(b)) return false;
  return a.kind === b.kind && a.host === b.host && a.port === b.port && a.username === b.username;
}

/** Why a file's stored password cannot belong to its proxy (a file we did not write), or null. */
export function passwordPlacementProblem(stored: StoredProxy): string | null {
  if (stored.password === undefined) return null;
  if (!hasPasswordField(stored.proxy)) return `a password for a ${stored.proxy.kind} proxy, which takes none`;
  if (stored.proxy.password !== undefined) return 'the proxy has a password in the settings too; a file keeps it in one place';
  return null;
}

/** True when a file keeps the password more weakly than this process would now (in clear while the keychain works): write it again. */
export async function isPasswordStoredWeakly(stored: StoredProxy, cipher: SecretCipher | null): Promise<boolean> {
  if (cipher === null || !(await cipher.isAvailable())) return false;
  if (stored.password !== undefined) return stored.password.storage === 'plain';
  return hasPasswordField(stored.proxy) && stored.proxy.password !== undefined;
}
