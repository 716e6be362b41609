import { describe, expect, it } from 'vitest';
import { acceptDeflateOffer } from '../../../shared/protocol/deflate-acceptance.js';
import { formatExtension, parseExtensionHeader } from '../../../shared/protocol/extension-header.js';
import { selectSubprotocol } from '../../../shared/protocol/subprotocol-selection.js';

/** The server's answer to a Sec-WebSocket-Extensions request value, as header text, with the agreement. */
function answer(offer: string) {
  const parsed = parseExtensionHeader(offer);
  if (!parsed.ok) throw new Error(parsed.message.key);
  const accepted = acceptDeflateOffer(parsed.extensions);
  return accepted ? { header: formatExtension(accepted.element), agreement: accepted.agreement } : null;
}

describe('accepting a permessage-deflate offer as the server (RFC 7692 §5.1, §7.1)', () => {
  it('answers the offers browsers, ws and python3-websockets send', () => {
    // Chrome and Firefox; ws's default; python3-websockets' default.
    expect(answer('permessage-deflate; client_max_window_bits')).toEqual({
      header: 'permessage-deflate',
      agreement: { serverNoContextTakeover: false, clientNoContextTakeover: false, serverMaxWindowBits: 15, clientMaxWindowBits: 15 },
    });
  });

  it('§7.1.1.1, §7.1.2.1: honours server_no_context_takeover and a cap on its own window, and says so', () => {
    expect(answer('permessage-deflate; server_no_context_takeover; server_max_window_bits=10; client_no_context_takeover')).toEqual({
      header: 'permessage-deflate; server_no_context_takeover; server_max_window_bits=10',
      agreement: { serverNoContextTakeover: true, clientNoContextTakeover: true, serverMaxWindowBits: 10, clientMaxWindowBits: 15 },
    });
  });

  it('§5.1: declines an offer it cannot honour and takes the next one', () => {
    expect(answer('permessage-deflate; server_max_window_bits=8, permessage-deflate')?.header).toBe('permessage-deflate');
    expect(answer('permessage-deflate; unknown_param, permessage-deflate; server_no_context_takeover')?.header).toBe('permessage-deflate; server_no_context_takeover');
    expect(answer('permessage-deflate; server_max_window_bits=16')).toBeNull();
    expect(answer('permessage-deflate; server_no_context_takeover; server_no_context_takeover')).toBeNull();
  });

  it('accepts nothing when nothing is deflate', () => {
    expect(answer('x-webkit-deflate-frame')).toBeNull();
    expect(answer('')).toBeNull();
  });
});

describe('selecting a subprotocol as the server (RFC 6455 §4.2.2)', () => {
  it('takes the first of its own list the client offered, exactly as written', () => {
    expect(selectSubprotocol(['chat.v1', 'chat.v2'], ['chat.v2', 'chat.v1'])).toBe('chat.v2');
    expect(selectSubprotocol(['chat.v1'], ['chat.v2', 'chat.v1'])).toBe('chat.v1');
    expect(selectSubprotocol(['Chat.V1'], ['chat.v1'])).toBeNull();
    expect(selectSubprotocol(['mqtt'], [])).toBeNull();
    expect(selectSubprotocol([], ['chat.v1'])).toBeNull();
  });
});
