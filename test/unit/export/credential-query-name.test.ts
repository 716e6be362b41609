import { describe, expect, it } from 'vitest';
import { credentialNameHint, isCredentialQueryName } from '../../../electron/engine/capture/export/credential-query-name.js';

// The decision table for the one rule export redaction, workspace secret extraction and settings files share.
const credentials = [
  'access_token', 'id_token', 'refresh_token', 'Access_Token', 'token', 'authToken', 'X-Amz-Security-Token',
  'code', 'CODE',
  'jwt', 'jwt_auth', 'bearer', 'bearer_token', 'credential', 'credentials', 'X-Amz-Credential',
  'apikey', 'api_key', 'apiKey', 'API-KEY', 'key', 'x-api-key', 'sessionKey', 'private_key', 'accesskey',
  'secret', 'client_secret', 'password', 'passwd', 'pass', 'pwd', 'otp',
  'auth', 'X-Auth', 'authorization', 'oauth_signature',
  'sig', 'X-Sig', 'signature', 'X-Amz-Signature', 'hmac',
  'session', 'sessionId', 'session_id', 'sid', 'jsessionid', 'PHPSESSID', 'ticket',
];

const harmless = [
  'room', 'channel', 'user', 'id', 'client_id', 'state', 'nonce', 'scope', 'redirect_uri', 'format', 'v', 'EIO', 'transport',
  'author', 'authority', 'monkey', 'keyboard', 'keyword', 'hotkey', 'signal', 'design', 'sigma', 'passage', 'compass',
  'country_code', 'error_code', 'zip_code', 'codec', 'sider', 'inside',
];

describe('which query parameter names carry credentials', () => {
  it.each(credentials)('%s is a credential', (name) => {
    expect(isCredentialQueryName(name)).toBe(true);
    // The quick test before the rule never skips a credential's name.
    expect(credentialNameHint.test(name)).toBe(true);
  });

  it.each(harmless)('%s is not', (name) => {
    expect(isCredentialQueryName(name)).toBe(false);
  });
});
