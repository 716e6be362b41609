import { describe, expect, it } from 'vitest';
import { SendRefusedError } from '../../../shared/connection/send-refused-error.js';
import { concat, hex, utf8, XorInflater, xorDeflate } from '../protocol/protocol-fixtures.js';
import { connectionFor, lines, TestTimers } from './connection-fixtures.js';

/**
 * Playbooks for the client role (STYLE.md §10): hex in, commands out. Our frames are masked with
 * the RFC's example key 37 fa 21 3d, so "Hello" masks to 7f 9f 4d 51 58 as in §5.7.
 */
describe('client: replies to the server', () => {
  it('frames that came in the same read as the 101 are decoded at start, without a wire chunk of their own (the handshake recorded that read)', () => {
    const connection = connectionFor('client');
    expect(lines(connection.start(3, hex('81 02 68 69  89 00')), true)).toEqual(['#0 in text fin "hi"', '#1 in ping fin', 'write 8a 80 37 fa 21 3d', 'wire out 6', '#2 out pong masked fin']);
    expect(lines(connection.receive(hex('81 00'), 4), true)).toEqual(['wire in 2', '#3 in text fin']);
  });

  it('a server close 88 02 03 e8 is recorded, answered with a masked close echoing 1000, and the client waits for the server to close TCP', () => {
    const connection = connectionFor('client');
    expect(lines(connection.receive(hex('88 02 03 e8'), 10))).toEqual([
      '#0 in close fin code=1000',
      'write 88 82 37 fa 21 3d 34 12',
      '#1 out close masked fin code=1000',
      'arm close-wait 5000',
    ]);
    expect(connection.state).toBe('closing');
    expect(lines(connection.socketEnded('fin', 20))).toEqual([
      'cancel close-wait',
      'destroy-socket',
      '#2 closed by=server how=close-frame code=1000',
      'closed by=server how=close-frame code=1000',
    ]);
    expect(connection.state).toBe('closed');
  });

  it('a ping gets a masked pong carrying the same payload (§5.5.2)', () => {
    const connection = connectionFor('client');
    expect(lines(connection.receive(hex('89 05 48 65 6c 6c 6f'), 10))).toEqual([
      '#0 in ping fin "Hello"',
      'write 8a 85 37 fa 21 3d 7f 9f 4d 51 58',
      '#1 out pong masked fin "Hello"',
    ]);
  });

  it('with auto-pong off a ping is only recorded', () => {
    const connection = connectionFor('client', { autoPong: false });
    expect(lines(connection.receive(hex('89 05 48 65 6c 6c 6f'), 10))).toEqual(['#0 in ping fin "Hello"']);
  });

  it('a pong we send in reply is recorded after every frame of the same read, at that read\'s time', () => {
    const connection = connectionFor('client');
    const commands = connection.receive(hex('89 01 70  81 01 61  81 01 62'), 42);
    expect(lines(commands)).toEqual(['#0 in ping fin "p"', '#1 in text fin "a"', '#2 in text fin "b"', 'write 8a 81 37 fa 21 3d 47', '#3 out pong masked fin "p"']);
    const times = commands.flatMap((command) => (command.type === 'record' && command.record.kind === 'frame' ? [command.record.frame.atMicros] : []));
    expect(times).toEqual([42, 42, 42, 42]);
  });

  it('a close reply follows a pong in the same read, and no pong follows our close', () => {
    const connection = connectionFor('client');
    expect(lines(connection.receive(hex('89 00  88 02 03 e8  89 00'), 1))).toEqual([
      '#0 in ping fin',
      '#1 in close fin code=1000',
      '#2 in ping fin [data-after-close]',
      'write 8a 80 37 fa 21 3d',
      '#3 out pong masked fin',
      'write 88 82 37 fa 21 3d 34 12',
      '#4 out close masked fin code=1000',
      'arm close-wait 5000',
    ]);
  });

  it('a close with a code that may not be on the wire (1005) is answered with an empty close in observe mode (§7.4.1)', () => {
    const connection = connectionFor('client');
    expect(lines(connection.receive(hex('88 02 03 ed'), 1))).toEqual([
      '#0 in close fin code=1005 [invalid-close-code]',
      'write 88 80 37 fa 21 3d',
      '#1 out close masked fin',
      'arm close-wait 5000',
    ]);
  });
});

describe('client: the end of the connection', () => {
  it('a server that never answers our close: the close-wait timer drops it, closed by client (timeout)', () => {
    const connection = connectionFor('client');
    const timers = new TestTimers(connection);
    expect(lines(timers.run(connection.close(0, 1000, 'bye'), 0))).toEqual([
      'write 88 85 37 fa 21 3d 34 12 43 44 52',
      '#0 out close masked fin code=1000',
      'arm close-wait 5000',
    ]);
    expect(lines(timers.advanceTo(5_000_000))).toEqual(['destroy-socket', '#1 closed by=client how=timeout code=1000', 'closed by=client how=timeout code=1000']);
  });

  it('our close answered, then the server closes TCP: closed by client with a close frame', () => {
    const connection = connectionFor('client');
    connection.close(0, 1000);
    expect(lines(connection.receive(hex('88 02 03 e8'), 5))).toEqual(['#1 in close fin code=1000']);
    expect(lines(connection.socketEnded('fin', 6)).at(-1)).toBe('closed by=client how=close-frame code=1000');
  });

  it('FIN in the middle of a frame: the part that arrived is a truncated frame, closed by path (fin)', () => {
    const connection = connectionFor('client');
    expect(lines(connection.receive(hex('81 0a 68 65 6c 6c'), 1))).toEqual([]);
    expect(lines(connection.socketEnded('fin', 2))).toEqual(['#0 in text fin "hell" [truncated-frame]', 'destroy-socket', '#1 closed by=path how=fin', 'closed by=path how=fin']);
  });

  it('a reset: closed by path (rst), with the socket error kept', () => {
    const connection = connectionFor('client');
    expect(lines(connection.socketEnded('rst', 2, 'read ECONNRESET'))).toEqual(['destroy-socket', '#0 closed by=path how=rst (read ECONNRESET)', 'closed by=path how=rst (read ECONNRESET)']);
  });

  it('closing again while the handshake runs drops the connection at once', () => {
    const connection = connectionFor('client');
    connection.close(0, 1000);
    expect(lines(connection.close(1)).slice(-2)).toEqual(['#1 closed by=client how=close-frame code=1000', 'closed by=client how=close-frame code=1000']);
  });

  it('nothing is accepted after the end', () => {
    const connection = connectionFor('client');
    connection.socketEnded('fin', 1);
    expect(connection.receive(hex('81 00'), 2)).toEqual([]);
    expect(connection.timerFired('close-wait', 3)).toEqual([]);
    expect(() => connection.send({ kind: 'text', payload: utf8('late') }, 4)).toThrow(SendRefusedError);
  });
});

describe('client: the close-wait timer measures the peer\'s silence', () => {
  it('every read restarts it: data 4 s into a 5 s wait re-arms it for the 4 s of silence still needed', () => {
    const connection = connectionFor('client');
    const timers = new TestTimers(connection);
    timers.run(connection.close(0, 1000), 0);
    timers.run(connection.receive(hex('81 01 61'), 4_000_000), 4_000_000);
    expect(lines(timers.advanceTo(5_000_000))).toEqual(['arm close-wait 4000']);
    expect(lines(timers.advanceTo(8_999_999))).toEqual([]);
    expect(lines(timers.advanceTo(9_000_000)).at(-1)).toBe('closed by=client how=timeout code=1000');
  });

  it('a backlog of 20,000 one-byte fragments arriving over 20 s after our close is recorded whole, then the reply ends it cleanly', () => {
    const connection = connectionFor('client');
    const timers = new TestTimers(connection);
    timers.run(connection.close(0, 1000), 0);
    const fragment = (index: number, isLast: boolean): Uint8Array => hex(`${isLast ? '80' : index === 0 ? '01' : '00'} 01 61`);
    let frames = 0;
    for (let read = 0; read < 200; read++) {
      const atMicros = (read + 1) * 100_000;
      const seen = lines(timers.advanceTo(atMicros));
      expect(seen.filter((line) => line.startsWith('closed') || line === 'destroy-socket')).toEqual([]);
      const chunk = concat(...Array.from({ length: 100 }, (_, index) => fragment(read * 100 + index, read === 199 && index === 99)));
      frames += lines(timers.run(connection.receive(chunk, atMicros), atMicros)).filter((line) => / in (text|continuation) /.test(line)).length;
    }
    expect(frames).toBe(20_000);
    timers.run(connection.receive(hex('88 02 03 e8'), 20_100_000), 20_100_000);
    expect(lines(timers.run(connection.socketEnded('fin', 20_200_000), 20_200_000)).at(-1)).toBe('closed by=client how=close-frame code=1000');
    expect(connection.frameCounts).toEqual({ framesIn: 20_001, framesOut: 1 });
  });
});

describe('client: strict mode fails the connection (§7.1.7)', () => {
  it('a masked server frame fails it with 1002: the frame with its payload, the failure, our masked close; then nothing more is read', () => {
    const connection = connectionFor('client', { mode: 'strict' });
    expect(lines(connection.receive(hex('81 85 37 fa 21 3d 7f 9f 4d 51 58'), 1))).toEqual([
      '#0 in text masked fin "Hello" [server-frame-masked]',
      '#1 failed 1002 server-frame-masked',
      'write 88 82 37 fa 21 3d 34 10',
      '#2 out close masked fin code=1002',
      'arm close-wait 5000',
    ]);
    expect(lines(connection.receive(hex('88 02 03 e8'), 2))).toEqual([]);
    expect(lines(connection.socketEnded('fin', 3)).at(-1)).toMatch(/^closed by=client how=fin code=1002 \(strict mode failed the connection: A server frame arrived masked/);
    expect(connection.failure?.rule).toBe('server-frame-masked');
  });

  it('a header that broke a rule waits for its payload across reads, then fails; the closed details name the rule and the seq', () => {
    const connection = connectionFor('client', { mode: 'strict' });
    expect(lines(connection.receive(hex('83 05 48 65'), 1))).toEqual(['arm failed-frame-wait 1000']);
    expect(lines(connection.receive(hex('6c 6c 6f 81 01 61'), 2))).toEqual([
      '#0 in reserved-0x3 fin "Hello" [reserved-opcode]',
      '#1 failed 1002 reserved-opcode',
      'cancel failed-frame-wait',
      'write 88 82 37 fa 21 3d 34 10',
      '#2 out close masked fin code=1002',
      'arm close-wait 5000',
    ]);
    connection.socketEnded('fin', 3);
    expect(connection.closed?.strictFailure).toEqual({ seq: 0, rule: 'reserved-opcode' });
  });

  it('a peer that stops in the middle of that payload is waited for only so long: the failure then carries what arrived', () => {
    const connection = connectionFor('client', { mode: 'strict' });
    const timers = new TestTimers(connection);
    expect(lines(timers.run(connection.receive(hex('c1 05 48 65'), 1_000), 1_000))).toEqual(['arm failed-frame-wait 1000']);
    expect(lines(timers.advanceTo(1_001_000))).toEqual([
      '#0 in text fin rsv1 "He" [rsv-without-extension]',
      '#1 failed 1002 rsv-without-extension',
      'write 88 82 37 fa 21 3d 34 10',
      '#2 out close masked fin code=1002',
      'arm close-wait 5000',
    ]);
  });

  it('a socket that ends in the middle of that payload fails on the header\'s rule, the record also marked truncated', () => {
    const connection = connectionFor('client', { mode: 'strict' });
    connection.receive(hex('a2 03 41'), 1);
    expect(lines(connection.socketEnded('fin', 2)).slice(0, 3)).toEqual(['#0 in binary fin "A" [rsv-without-extension,truncated-frame]', '#1 failed 1002 rsv-without-extension', 'cancel failed-frame-wait']);
    expect(connection.closed?.strictFailure).toEqual({ seq: 0, rule: 'rsv-without-extension' });
  });

  it('an invalid close code fails with 1002 instead of being echoed', () => {
    const connection = connectionFor('client', { mode: 'strict' });
    expect(lines(connection.receive(hex('88 02 03 ed'), 1))).toEqual([
      '#0 in close fin code=1005 [invalid-close-code]',
      '#1 failed 1002 invalid-close-code',
      'write 88 82 37 fa 21 3d 34 10',
      '#2 out close masked fin code=1002',
      'arm close-wait 5000',
    ]);
  });

  it('a close reason that is not UTF-8 fails with 1007 instead of echoing 1000', () => {
    const connection = connectionFor('client', { mode: 'strict' });
    const commands = lines(connection.receive(hex('88 04 03 e8 c3 28'), 1));
    expect(commands.slice(1)).toEqual(['#1 failed 1007 invalid-close-reason-utf8', 'write 88 82 37 fa 21 3d 34 15', '#2 out close masked fin code=1007', 'arm close-wait 5000']);
    expect(lines(connection.socketEnded('fin', 2)).at(-1)).toMatch(/^closed by=client how=fin code=1007/);
  });

  it('a frame cut off by the end of the stream fails with 1006, so no close frame is sent', () => {
    const connection = connectionFor('client', { mode: 'strict' });
    connection.receive(hex('81 05 48'), 1);
    expect(lines(connection.socketEnded('fin', 2))).toEqual([
      '#0 in text fin "H" [truncated-frame]',
      '#1 failed 1006 truncated-frame',
      'destroy-socket',
      '#2 closed by=path how=fin (strict mode failed the connection: The stream ended in the middle of a frame.)',
      'closed by=path how=fin (strict mode failed the connection: The stream ended in the middle of a frame.)',
    ]);
  });
});

describe('client: sending', () => {
  it('text is masked with a fresh key; a crafted unmasked frame is sent as asked and flagged on its own record', () => {
    const connection = connectionFor('client');
    expect(lines(connection.send({ kind: 'text', payload: utf8('Hello') }, 1))).toEqual(['write 81 85 37 fa 21 3d 7f 9f 4d 51 58', '#0 out text masked fin "Hello"']);
    expect(lines(connection.send({ kind: 'frames', frames: [{ opcode: 1, payload: utf8('Hi'), mask: 'none', rsv2: true }] }, 2))).toEqual([
      'write a1 02 48 69',
      '#1 out text fin "Hi" [rsv-without-extension,client-frame-unmasked]',
    ]);
  });

  it('data is refused once our close is sent, crafted frames are not', () => {
    const connection = connectionFor('client');
    connection.close(0, 1000);
    expect(() => connection.send({ kind: 'text', payload: utf8('late') }, 1)).toThrow('cannot send: the connection is closing');
    expect(lines(connection.send({ kind: 'frames', frames: [{ opcode: 1, payload: utf8('late') }] }, 1))[1]).toBe('#1 out text masked fin "late" [data-after-close]');
  });

  it('with permessage-deflate a message is compressed with RSV1 and recorded with its inflated view', () => {
    const connection = connectionFor('client', { deflate: { inflater: new XorInflater(), deflater: { deflate: xorDeflate }, sentInflater: new XorInflater() } });
    const commands = connection.send({ kind: 'text', payload: utf8('ab') }, 1);
    expect(lines(commands)).toEqual(['write c1 82 37 fa 21 3d 0c c2', '#0 out text masked fin rsv1 ";8"']);
    const record = commands.find((command) => command.type === 'record');
    expect(record?.type === 'record' && record.record.kind === 'frame' ? record.record.frame.inflatedPayload : null).toEqual(utf8('ab'));
  });

  it('auto-ping sends frameline-1 on its interval; the pong that answers it carries the round-trip time', () => {
    const connection = connectionFor('client', { autoPingIntervalMs: 1000 });
    const timers = new TestTimers(connection);
    expect(lines(timers.run(connection.start(0), 0))).toEqual(['arm auto-ping 1000']);
    expect(lines(timers.advanceTo(1_000_000))).toEqual(['write 89 8b 37 fa 21 3d 51 88 40 50 52 96 48 53 52 d7 10', '#0 out ping masked fin "frameline-1"', 'arm auto-ping 1000']);
    expect(lines(connection.receive(concat(hex('8a 0b'), utf8('frameline-1')), 1_000_250))).toEqual(['#1 in pong fin "frameline-1" rtt=250']);
    expect(lines(timers.run(connection.receive(hex('88 00'), 1_500_000), 1_500_000))).toContain('cancel auto-ping');
  });
});
