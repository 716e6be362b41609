import { describe, expect, it } from 'vitest';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { closedMessage } from '../../../shared/i18n/event-text.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { concat, hex, utf8 } from '../protocol/protocol-fixtures.js';
import { connectionFor, lines, TestTimers } from './connection-fixtures.js';

/**
 * A dead peer (issue 18): a server that pings and drops a client whose pong does not come. The
 * wait runs from the oldest unanswered ping; any pong clears it, as the ws library's isAlive does.
 */
describe('pong timeout: a peer that stops answering is dropped', () => {
  it('no pong within pongTimeoutMs of the first unanswered ping: dropped as a timeout, with the reason', () => {
    const connection = connectionFor('server', { autoPingIntervalMs: 1000, pongTimeoutMs: 1500 });
    const timers = new TestTimers(connection);
    expect(lines(timers.run(connection.start(0), 0))).toEqual(['arm auto-ping 1000']);
    expect(lines(timers.advanceTo(1_000_000))).toEqual(['write 89 0b 66 72 61 6d 65 6c 69 6e 65 2d 31', '#0 in ping fin "frameline-1"', 'arm auto-ping 1000', 'arm pong-wait 1500']);
    // The second ping does not restart the wait: it runs from the oldest unanswered one.
    expect(lines(timers.advanceTo(2_000_000))).toEqual(['write 89 0b 66 72 61 6d 65 6c 69 6e 65 2d 32', '#1 in ping fin "frameline-2"', 'arm auto-ping 1000']);
    expect(lines(timers.advanceTo(2_500_000))).toEqual([
      'cancel auto-ping',
      'destroy-socket',
      '#2 closed by=server how=timeout (no pong within 1500 ms of our ping: the peer is presumed dead)',
      'closed by=server how=timeout (no pong within 1500 ms of our ping: the peer is presumed dead)',
    ]);
    // The window shows the reason in its reader's language.
    expect(renderMessage(createTranslate('zh-CN'), closedMessage(connection.closed!))).toBe('发出 ping 后 1500 毫秒内没有收到 pong：判定对端已失效');
  });

  it('a pong clears the wait; the next ping starts a new one', () => {
    const connection = connectionFor('server', { autoPingIntervalMs: 1000, pongTimeoutMs: 1500 });
    const timers = new TestTimers(connection);
    timers.run(connection.start(0), 0);
    timers.advanceTo(1_000_000);
    const pong = concat(hex('8a 8b 37 fa 21 3d'), xor(utf8('frameline-1'), Uint8Array.of(0x37, 0xfa, 0x21, 0x3d)));
    expect(lines(timers.run(connection.receive(pong, 1_200_000), 1_200_000))).toEqual(['#1 out pong masked fin "frameline-1" rtt=200000', 'cancel pong-wait']);
    expect(lines(timers.advanceTo(2_600_000))).toEqual(['write 89 0b 66 72 61 6d 65 6c 69 6e 65 2d 32', '#2 in ping fin "frameline-2"', 'arm auto-ping 1000', 'arm pong-wait 1500']);
    expect(connection.state).toBe('open');
  });

  it('without pongTimeoutMs the pings go on and nobody is dropped', () => {
    const connection = connectionFor('server', { autoPingIntervalMs: 1000 });
    const timers = new TestTimers(connection);
    timers.run(connection.start(0), 0);
    expect(lines(timers.advanceTo(10_000_000)).filter((line) => line.includes('closed') || line.includes('pong-wait'))).toEqual([]);
    expect(connection.state).toBe('open');
  });
});

function xor(bytes: Uint8Array, key: Uint8Array): Uint8Array {
  return bytes.map((byte, index) => byte ^ key[index % 4]!);
}
