import { describe, expect, it } from 'vitest';
import { buildSendRequest, type ComposerInput } from '../../../renderer/features/composer/build-send-request.js';
import { textOf } from '../../../renderer/lib/text.js';
import { createI18n } from '../../../shared/i18n/create-i18n.js';
import { encodeMessage } from '../../../shared/workspace/message-request.js';

const t = createI18n('en').t;
/** The built request, or its problem in English. */
const built = (input: ComposerInput) => {
  const result = buildSendRequest(input);
  return 'error' in result ? { error: textOf(result.error, t) } : result;
};

const plain: ComposerInput = {
  mode: 'text',
  text: '',
  encoding: 'text',
  closeCode: '',
  closeReason: '',
  advanced: { isEnabled: false, opcode: 1, fin: true, rsv1: false, rsv2: false, rsv3: false, mask: 'random', fixedKeyHex: '', fragmentSize: 0 },
  role: 'client',
};

describe('the composer’s send request', () => {
  it('is the request of the same message saved to a workspace, in every mode', () => {
    const cases: [Partial<ComposerInput>, Parameters<typeof encodeMessage>[0], string][] = [
      [{ mode: 'text', text: 'hi {{not a variable here}}' }, { id: 'm', mode: 'text', encoding: 'text' }, 'hi {{not a variable here}}'],
      [{ mode: 'json', text: '{"big":12345678901234567890}' }, { id: 'm', mode: 'json', encoding: 'text' }, '{"big":12345678901234567890}'],
      [{ mode: 'binary', encoding: 'hex', text: '0x81, 0x7e:00 ff' }, { id: 'm', mode: 'binary', encoding: 'hex' }, '0x81, 0x7e:00 ff'],
      [{ mode: 'ping', encoding: 'base64', text: 'aGk' }, { id: 'm', mode: 'ping', encoding: 'base64' }, 'aGk'],
      [{ mode: 'close', closeCode: '4001', closeReason: 'bye' }, { id: 'm', mode: 'close', encoding: 'text', closeCode: 4001 }, 'bye'],
      [{ mode: 'close' }, { id: 'm', mode: 'close', encoding: 'text' }, ''],
    ];
    for (const [composer, saved, text] of cases) {
      const fromSaved = encodeMessage(saved, text);
      expect(fromSaved.ok).toBe(true);
      expect(buildSendRequest({ ...plain, ...composer })).toEqual({ request: fromSaved.ok ? fromSaved.request : null });
    }
    expect(buildSendRequest({ ...plain, mode: 'binary', encoding: 'hex', text: '0x81, 0x7e' })).toEqual({ request: { type: 'binary', base64: 'gX4=' } });
  });

  it('names what is wrong with a payload or a close code', () => {
    expect(built({ ...plain, mode: 'binary', encoding: 'hex', text: 'abc' })).toEqual({ error: 'Payload is not valid hex (pairs of 0-9, a-f)' });
    expect(built({ ...plain, mode: 'pong', encoding: 'base64', text: 'a*b=' })).toEqual({ error: 'Payload is not valid base64' });
    expect(built({ ...plain, mode: 'close', closeCode: '70000' })).toEqual({ error: 'Close code must be a whole number from 0 to 65535' });
  });

  it('writes a hand-made close frame’s body as code and reason (§5.5.1), any opcode and bits allowed', () => {
    const advanced = { ...plain.advanced, isEnabled: true, opcode: 0x8, rsv2: true, mask: 'fixed' as const, fixedKeyHex: '0A0B0C0D' };
    expect(buildSendRequest({ ...plain, mode: 'close', closeCode: '1000', closeReason: 'ok', advanced })).toEqual({
      request: { type: 'frame', opcode: 0x8, fin: true, rsv1: false, rsv2: true, rsv3: false, mask: { key: '0a0b0c0d' }, payload: 'A+hvaw==' },
    });
    expect(buildSendRequest({ ...plain, mode: 'close', closeCode: '', advanced })).toEqual({
      request: { type: 'frame', opcode: 0x8, fin: true, rsv1: false, rsv2: true, rsv3: false, mask: { key: '0a0b0c0d' }, payload: '' },
    });
  });
});
