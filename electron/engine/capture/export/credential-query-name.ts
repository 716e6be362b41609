/**
 * Which URL query parameter names carry credentials: one rule for export redaction, a workspace's
 * secret extraction and the secrets of settings files (docs/settings-files.md), decided by the
 * table in `test/unit/export/credential-query-name.test.ts`.
 */

// Parts that name a credential wherever they appear in a name: no everyday word contains them.
const credentialParts = /token|secret|passw|credential|jwt|bearer|apikey|accesskey|privatekey|authkey|sessid|sessionid|signature|authorization/i;

// Words that name a credential only as a whole word of the name: `key`, `api_key` and `sessionKey`
// but not `monkey` or `keyboard`; `auth` and `X-Auth` but not `author`; `sig` but not `signal` or `design`.
const credentialWords = new Set(['key', 'keys', 'auth', 'oauth', 'sig', 'session', 'sid', 'pass', 'pwd', 'otp', 'hmac', 'ticket']);

// Whole names that are credentials though the same word elsewhere is not: OAuth 2.0's
// authorization code (RFC 6749 §4.1.2), which a `country_code` or `error_code` is not.
const credentialNames = new Set(['code']);

/**
 * Every credential's name (`isCredentialQueryName`) contains one of these, any case: a quick test
 * that lets a scan of many names (JSON members of every frame of an export) skip text with none.
 */
export const credentialNameHint = /tok|secret|pass|cred|jwt|bearer|key|auth|sig|sess|sid|pwd|otp|hmac|ticket|code/i;

/** True when a query parameter of this (decoded) name usually carries a credential, any case. */
export function isCredentialQueryName(name: string): boolean {
  if (credentialParts.test(name) || credentialNames.has(name.toLowerCase())) return true;
  return wordsOf(name).some((word) => credentialWords.has(word));
}

/** A name's words, lower case: split at anything not a letter or digit and where camelCase turns upper. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}
