import type { HeaderPair } from '../contract/records.js';
import type { UnopenedSecret } from '../contract/session-options.js';
import { message, type Message } from '../i18n/message.js';
import { mapQueryValues, mapUserinfo } from '../text/url-parts.js';

/** The options a secret of a settings file can sit in; the relay's upstream options have their URL beside them. */
export interface SecretHoldingOptions {
  readonly proxy: { readonly kind: string; readonly host?: string; readonly port?: number; readonly username?: string; readonly password?: string };
  readonly headers: readonly HeaderPair[];
  readonly url?: string;
  readonly unopenedSecrets?: readonly UnopenedSecret[];
}

/**
 * The unopened secrets whose field is still empty in the same place: the same proxy without a
 * password, the same occurrence of the header with an empty value, the same user name with an
 * empty password, the same query pair with an empty value. These are the ones a connection would
 * send empty, so it is refused while any is left; a typed value (or the field removed) ends one.
 * The places are the keep rule's (docs/settings-files.md, "Saving again").
 */
export function liveUnopenedSecrets(options: SecretHoldingOptions): UnopenedSecret[] {
  return (options.unopenedSecrets ?? []).filter((secret) => isStillEmpty(secret, options));
}

/**
 * `options` keeping only the marks still empty in `place` (the same options, or them with the URL
 * as typed), the list left out when none is left: a value typed once ends its mark for good, so
 * clearing the field again later is the user's choice, not a secret lost.
 */
export function keepLiveUnopenedSecrets<T extends { readonly unopenedSecrets?: readonly UnopenedSecret[] }>(options: T, place: SecretHoldingOptions): T {
  const marks = options.unopenedSecrets;
  if (marks === undefined) return options;
  const live = liveUnopenedSecrets(place);
  if (live.length === marks.length) return options;
  const { unopenedSecrets: _marks, ...rest } = options;
  return (live.length === 0 ? rest : { ...rest, unopenedSecrets: live }) as T;
}

/** True when a mark sits in the URL (its userinfo password or a query value). */
export function isUrlSecret(secret: UnopenedSecret): boolean {
  return secret.kind === 'url-password' || secret.kind === 'query-parameter';
}

/** The failure a connection from such options is refused with, before any socket opens (null when none is left). */
export function unopenedSecretsFailure(options: SecretHoldingOptions): { readonly message: Message; readonly hint: Message } | null {
  const live = liveUnopenedSecrets(options);
  if (live.length === 0) return null;
  const fields = live.map(unopenedSecretName);
  const values = { fields, count: fields.length };
  return { message: message('failure:settings.unopened', values), hint: message('failure:settings.hint', values) };
}

/** How a sentence names the field of an unopened secret ("the Authorization header's value"). */
export function unopenedSecretName(secret: UnopenedSecret): Message {
  switch (secret.kind) {
    case 'proxy-password':
      return message('failure:settings.field.proxyPassword');
    case 'header':
      return message('failure:settings.field.header', { name: secret.name });
    case 'url-password':
      return message('failure:settings.field.urlPassword');
    case 'query-parameter':
      return message('failure:settings.field.queryParameter', { name: secret.name });
  }
}

function isStillEmpty(secret: UnopenedSecret, options: SecretHoldingOptions): boolean {
  switch (secret.kind) {
    case 'proxy-password': {
      const proxy = options.proxy;
      if (proxy.kind !== secret.proxyKind || proxy.host !== secret.host || proxy.port !== secret.port || proxy.username !== secret.username) return false;
      return (proxy.password ?? '') === '';
    }
    case 'header': {
      const same = options.headers.filter(([name]) => name.toLowerCase() === secret.name.toLowerCase());
      return same[secret.occurrence]?.[1] === '';
    }
    case 'url-password':
      return options.url !== undefined && urlPassword(options.url, secret.username) === '';
    case 'query-parameter':
      return options.url !== undefined && queryValueAt(options.url, secret.index, secret.name) === '';
  }
}

/** The password in `url`'s userinfo when its user name is `username`, else null. */
function urlPassword(url: string, username: string): string | null {
  let password: string | null = null;
  mapUserinfo(url, (userinfo) => {
    const colon = userinfo.indexOf(':');
    if (colon >= 0 && userinfo.slice(0, colon) === username) password = userinfo.slice(colon + 1);
    return userinfo;
  });
  return password;
}

/** The value of the `index`th `name=value` query pair when its decoded name is `name`, else null. */
function queryValueAt(url: string, index: number, name: string): string | null {
  let found: string | null = null;
  let at = 0;
  mapQueryValues(url, (pairName, value) => {
    if (at === index && pairName === name) found = value;
    at += 1;
    return value;
  });
  return found;
}
