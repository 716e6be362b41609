import { describe, expect, it } from 'vitest';
import { outgoingOf } from '../../../electron/engine/connection/outgoing-request.js';
import { utf8 } from '../protocol/protocol-fixtures.js';
import { connectionFor, lines } from './connection-fixtures.js';

describe('send requests from the contract as bytes to send', () => {
  it('text is the UTF-8 of what was typed, never re-serialised', () => {
    expect(outgoingOf({ type: 'text', data: '{ "a" :1 }' })).toEqual({ kind: 'text', payload: utf8('{ "a" :1 }') });
  });

  it('a crafted message with a fragment size: header bits on the first frame, FIN as asked on the last, the fixed key on each', () => {
    const outgoing = outgoingOf({ type: 'frame', opcode: 1, fin: true, rsv1: false, rsv2: true, rsv3: false, mask: { key: '01020304' }, payload: Buffer.from('abcde').toString('base64'), fragmentSize: 2 });
    expect(lines(connectionFor('server').send(outgoing, 1)).filter((line) => line.startsWith('write'))).toEqual([
      'write 21 82 01 02 03 04 60 60',
      'write 00 82 01 02 03 04 62 66',
      'write 80 81 01 02 03 04 64',
    ]);
  });

  it('an unfinished crafted frame keeps FIN clear; mask none stays unmasked even from a client', () => {
    const outgoing = outgoingOf({ type: 'frame', opcode: 2, fin: false, rsv1: false, rsv2: false, rsv3: false, mask: 'none', payload: '' });
    expect(lines(connectionFor('client').send(outgoing, 1))[0]).toBe('write 02 00');
  });
});
