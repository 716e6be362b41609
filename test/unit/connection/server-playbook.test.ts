import { describe, expect, it } from 'vitest';
import { hex, utf8 } from '../protocol/protocol-fixtures.js';
import { connectionFor, lines, TestTimers } from './connection-fixtures.js';

/**
 * Playbooks for the server role (listen mode, a relay's client-facing leg): the client's frames
 * arrive masked with 37 fa 21 3d; ours go out unmasked (§5.1). Directions keep the capture's
 * meaning: `out` is client→server, `in` is what the server sends.
 */
describe('server: replies to the client', () => {
  it('a masked client close is recorded, answered with an unmasked close echoing 1000, and the server closes TCP first (§7.1.1)', () => {
    const connection = connectionFor('server');
    expect(lines(connection.receive(hex('88 82 37 fa 21 3d 34 12'), 10))).toEqual([
      '#0 out close masked fin code=1000',
      'write 88 02 03 e8',
      '#1 in close fin code=1000',
      'end-socket',
      'arm close-wait 5000',
    ]);
    expect(lines(connection.socketEnded('fin', 20)).at(-1)).toBe('closed by=client how=close-frame code=1000');
  });

  it('a masked ping gets an unmasked pong with the same payload', () => {
    const connection = connectionFor('server');
    expect(lines(connection.receive(hex('89 85 37 fa 21 3d 7f 9f 4d 51 58'), 1))).toEqual(['#0 out ping masked fin "Hello"', 'write 8a 05 48 65 6c 6c 6f', '#1 in pong fin "Hello"']);
  });

  it('with auto-pong off a ping is only recorded', () => {
    const connection = connectionFor('server', { autoPong: false });
    expect(lines(connection.receive(hex('89 85 37 fa 21 3d 7f 9f 4d 51 58'), 1))).toEqual(['#0 out ping masked fin "Hello"']);
  });

  it('an unmasked client frame is a violation (§5.1), recorded and read on in observe mode', () => {
    const connection = connectionFor('server');
    expect(lines(connection.receive(hex('81 05 48 65 6c 6c 6f'), 1))).toEqual(['#0 out text fin "Hello" [client-frame-unmasked]']);
    expect(connection.state).toBe('open');
  });

  it('strict mode fails on an unmasked client frame with 1002, its payload on its record: an unmasked close, then the server closes TCP', () => {
    const connection = connectionFor('server', { mode: 'strict' });
    expect(lines(connection.receive(hex('81 05 48 65 6c 6c 6f'), 1))).toEqual([
      '#0 out text fin "Hello" [client-frame-unmasked]',
      '#1 failed 1002 client-frame-unmasked',
      'write 88 02 03 ea',
      '#2 in close fin code=1002',
      'end-socket',
      'arm close-wait 5000',
    ]);
    expect(lines(connection.socketEnded('fin', 2)).at(-1)).toMatch(/^closed by=server how=fin code=1002 \(strict mode failed the connection: A client frame arrived unmasked/);
  });

  it('echo sends each data frame back as it came, unmasked, before the close reply of the same read', () => {
    const connection = connectionFor('server', { autoEcho: true });
    expect(lines(connection.receive(hex('01 81 37 fa 21 3d 56  88 82 37 fa 21 3d 34 12'), 1))).toEqual([
      '#0 out text masked "a"',
      '#1 out close masked fin code=1000',
      'write 01 01 61',
      '#2 in text "a"',
      'write 88 02 03 e8',
      '#3 in close fin code=1000',
      'end-socket',
      'arm close-wait 5000',
    ]);
  });

  it('a pong we send in reply comes after every frame of the same read', () => {
    const connection = connectionFor('server');
    expect(lines(connection.receive(hex('89 80 37 fa 21 3d  81 81 37 fa 21 3d 56'), 5))).toEqual(['#0 out ping masked fin', '#1 out text masked fin "a"', 'write 8a 00', '#2 in pong fin']);
  });
});

describe('server: driving the connection (issue 11 builds on this)', () => {
  it('sends text unmasked and a crafted masked frame as asked (flagged on its own record)', () => {
    const connection = connectionFor('server');
    expect(lines(connection.send({ kind: 'text', payload: utf8('Hello') }, 1))).toEqual(['write 81 05 48 65 6c 6c 6f', '#0 in text fin "Hello"']);
    expect(lines(connection.send({ kind: 'frames', frames: [{ opcode: 2, payload: utf8('x'), mask: Uint8Array.of(1, 2, 3, 4), fin: false }] }, 2))).toEqual([
      'write 02 81 01 02 03 04 79',
      '#1 in binary masked "x" [server-frame-masked]',
    ]);
  });

  it('closes with a code: the client answers, the server closes TCP, closed by server with a close frame', () => {
    const connection = connectionFor('server');
    expect(lines(connection.close(0, 4000, 'done'))).toEqual(['write 88 06 0f a0 64 6f 6e 65', '#0 in close fin code=4000', 'arm close-wait 5000']);
    expect(lines(connection.receive(hex('88 82 37 fa 21 3d 38 5a'), 1))).toEqual(['#1 out close masked fin code=4000', 'end-socket']);
    expect(lines(connection.socketEnded('fin', 2)).at(-1)).toBe('closed by=server how=close-frame code=4000');
  });

  it('a client that never answers our close is dropped after its silence: closed by server (timeout)', () => {
    const connection = connectionFor('server');
    const timers = new TestTimers(connection);
    timers.run(connection.close(0, 1001), 0);
    expect(lines(timers.advanceTo(5_000_000)).at(-1)).toBe('closed by=server how=timeout code=1001');
  });

  it('the listener stopping drops an open connection: closed by server (fin)', () => {
    const connection = connectionFor('server');
    expect(lines(connection.abort(3))).toEqual(['destroy-socket', '#0 closed by=server how=fin', 'closed by=server how=fin']);
  });

  it('a client that goes away without a close frame: closed by path', () => {
    expect(lines(connectionFor('server').socketEnded('fin', 1)).at(-1)).toBe('closed by=path how=fin');
    expect(lines(connectionFor('server').socketEnded('error', 1, 'write EPIPE')).at(-1)).toBe('closed by=path how=error (write EPIPE)');
  });
});
