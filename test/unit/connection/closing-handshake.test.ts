import { describe, expect, it } from 'vitest';
import type { ClosedDetails } from '../../../shared/connection/closed-details.js';
import type { ConnectionCommand } from '../../../shared/connection/connection-command.js';
import type { WebSocketConnection } from '../../../shared/connection/websocket-connection.js';
import { buildClosePayload } from '../../../shared/protocol/close-payload.js';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import type { DecodeMode, SenderRole } from '../../../shared/protocol/frame-decoder-options.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { connectionFor, TestTimers, testKey } from './connection-fixtures.js';

/** One thing that happens to the connection, in test time (each step is 1 ms after the last). */
type Step =
  | { readonly peerCloses: number | null; readonly reason?: Uint8Array }
  | { readonly weClose: number }
  | { readonly peerPings: true }
  | { readonly socket: 'fin' | 'rst' | 'error' }
  | { readonly abort: true }
  | { readonly silence: true };

interface Rule {
  readonly rule: string;
  readonly steps: readonly Step[];
  readonly mode?: DecodeMode;
  /** `us` and `peer` are resolved per role. */
  readonly closed: { readonly by: 'us' | 'peer' | 'path'; readonly how: ClosedDetails['how']; readonly closeCode?: number };
  /** The codes of the close frames we wrote, in order (null: an empty close body). */
  readonly ourCloses: readonly (number | null)[];
  /** Whether we answered a ping with a pong. */
  readonly pongs?: number;
  /** Only the server ends TCP on its own (§7.1.1); a client waits for the server's FIN. */
  readonly serverEndsSocket: boolean;
  readonly messageIncludes?: string;
}

const rules: Rule[] = [
  { rule: '§5.5.1 a peer close is answered with a close echoing its code; §7.1.5 the first close names the code', steps: [{ peerCloses: 1000 }, { socket: 'fin' }], closed: { by: 'peer', how: 'close-frame', closeCode: 1000 }, ourCloses: [1000], serverEndsSocket: true },
  { rule: '§5.5.1 an empty close is answered with an empty close', steps: [{ peerCloses: null }, { socket: 'fin' }], closed: { by: 'peer', how: 'close-frame' }, ourCloses: [null], serverEndsSocket: true },
  { rule: '§7.4.1 a code not allowed on the wire is not echoed (observe mode answers with an empty close)', steps: [{ peerCloses: 1006 }, { socket: 'fin' }], closed: { by: 'peer', how: 'close-frame', closeCode: 1006 }, ourCloses: [null], serverEndsSocket: true },
  { rule: '§7.4.1, §7.1.7 strict mode fails on a code not allowed on the wire with 1002', mode: 'strict', steps: [{ peerCloses: 1006 }, { socket: 'fin' }], closed: { by: 'us', how: 'fin', closeCode: 1002 }, ourCloses: [1002], serverEndsSocket: true, messageIncludes: 'strict mode failed the connection' },
  { rule: '§5.5.1, §8.1 strict mode fails on a close reason that is not UTF-8 with 1007', mode: 'strict', steps: [{ peerCloses: 1000, reason: Uint8Array.of(0xc3, 0x28) }, { socket: 'fin' }], closed: { by: 'us', how: 'fin', closeCode: 1007 }, ourCloses: [1007], serverEndsSocket: true },
  { rule: '§5.5.1 a close we sent is answered: closed by us with a close frame', steps: [{ weClose: 1000 }, { peerCloses: 1000 }, { socket: 'fin' }], closed: { by: 'us', how: 'close-frame', closeCode: 1000 }, ourCloses: [1000], serverEndsSocket: true },
  { rule: '§7.1.2 when both sides close at once, each sends one close and the first one sent names the ending', steps: [{ weClose: 1000 }, { peerCloses: 1001 }, { socket: 'fin' }], closed: { by: 'us', how: 'close-frame', closeCode: 1000 }, ourCloses: [1000], serverEndsSocket: true },
  { rule: '§7.1.1 a peer that never answers our close is dropped when its silence reaches the close timeout', steps: [{ weClose: 1000 }, { silence: true }], closed: { by: 'us', how: 'timeout', closeCode: 1000 }, ourCloses: [1000], serverEndsSocket: false },
  { rule: '§7.1.1 a peer that cuts TCP instead of answering our close', steps: [{ weClose: 1000 }, { socket: 'fin' }], closed: { by: 'us', how: 'fin', closeCode: 1000 }, ourCloses: [1000], serverEndsSocket: false },
  { rule: '§7.1.1 a peer that resets instead of answering our close', steps: [{ weClose: 1000 }, { socket: 'rst' }], closed: { by: 'us', how: 'rst', closeCode: 1000 }, ourCloses: [1000], serverEndsSocket: false },
  { rule: 'giving up on the closing handshake ourselves still ends with our close', steps: [{ weClose: 1000 }, { abort: true }], closed: { by: 'us', how: 'close-frame', closeCode: 1000 }, ourCloses: [1000], serverEndsSocket: false },
  { rule: '§7.1.1 after both closes a peer that keeps TCP open is dropped after the close timeout', steps: [{ peerCloses: 1000 }, { silence: true }], closed: { by: 'peer', how: 'close-frame', closeCode: 1000 }, ourCloses: [1000], serverEndsSocket: true },
  { rule: '§5.5.1 no pong follows a close: a ping after the peer\'s close is not answered', steps: [{ peerCloses: 1000 }, { peerPings: true }, { socket: 'fin' }], closed: { by: 'peer', how: 'close-frame', closeCode: 1000 }, ourCloses: [1000], pongs: 0, serverEndsSocket: true },
  { rule: '§5.5.1 no pong follows our close either', steps: [{ weClose: 1000 }, { peerPings: true }, { socket: 'fin' }], closed: { by: 'us', how: 'fin', closeCode: 1000 }, ourCloses: [1000], pongs: 0, serverEndsSocket: false },
  { rule: '§7.1.4 TCP ending without any close frame was the path (the peer or something between)', steps: [{ socket: 'fin' }], closed: { by: 'path', how: 'fin' }, ourCloses: [], serverEndsSocket: false },
  { rule: 'a reset without any close frame', steps: [{ socket: 'rst' }], closed: { by: 'path', how: 'rst' }, ourCloses: [], serverEndsSocket: false },
  { rule: 'a socket error without any close frame', steps: [{ socket: 'error' }], closed: { by: 'path', how: 'error' }, ourCloses: [], serverEndsSocket: false },
  { rule: 'dropping the connection ourselves without any close frame', steps: [{ abort: true }], closed: { by: 'us', how: 'fin' }, ourCloses: [], serverEndsSocket: false },
];

function peerFrame(role: SenderRole, opcode: number, payload: Uint8Array): Uint8Array {
  // §5.1: the peer of a server is a client, whose frames are masked.
  return encodeFrame({ opcode, payload, maskingKey: role === 'server' ? testKey : null });
}

function play(connection: WebSocketConnection, role: SenderRole, steps: readonly Step[]): ConnectionCommand[] {
  const timers = new TestTimers(connection);
  const all: ConnectionCommand[] = [];
  let atMicros = 0;
  for (const step of steps) {
    atMicros += 1000;
    if ('peerCloses' in step) {
      const payload = step.peerCloses === null ? new Uint8Array(0) : buildClosePayload(step.peerCloses, step.reason ?? '');
      all.push(...timers.run(connection.receive(peerFrame(role, Opcode.close, payload), atMicros), atMicros));
    } else if ('weClose' in step) {
      all.push(...timers.run(connection.close(atMicros, step.weClose), atMicros));
    } else if ('peerPings' in step) {
      all.push(...timers.run(connection.receive(peerFrame(role, Opcode.ping, new Uint8Array(0)), atMicros), atMicros));
    } else if ('socket' in step) {
      all.push(...timers.run(connection.socketEnded(step.socket, atMicros), atMicros));
    } else if ('abort' in step) {
      all.push(...timers.run(connection.abort(atMicros), atMicros));
    } else {
      atMicros += 60_000_000;
      all.push(...timers.advanceTo(atMicros));
    }
  }
  return all;
}

/** The codes of the close frames we wrote, read back from our own records. */
function ourCloses(commands: readonly ConnectionCommand[]): (number | null)[] {
  return commands.flatMap((command) =>
    command.type === 'record' && command.record.kind === 'frame' && command.record.source === 'sent' && command.record.frame.opcode === Opcode.close ? [command.record.frame.closeCode ?? null] : [],
  );
}

function pongs(commands: readonly ConnectionCommand[]): number {
  return commands.filter((command) => command.type === 'record' && command.record.kind === 'frame' && command.record.source === 'sent' && command.record.frame.opcode === Opcode.pong).length;
}

describe.each(['client', 'server'] as const)('the closing handshake, every rule, as %s', (role) => {
  const us = role;
  const peer = role === 'client' ? 'server' : 'client';
  for (const rule of rules) {
    it(rule.rule, () => {
      const connection = connectionFor(role, rule.mode ? { mode: rule.mode } : {});
      const commands = play(connection, role, rule.steps);
      const by = rule.closed.by === 'us' ? us : rule.closed.by === 'peer' ? peer : 'path';
      const closed = commands.filter((command) => command.type === 'closed');
      expect(closed).toHaveLength(1);
      const details = closed[0]?.type === 'closed' ? closed[0].details : null;
      expect(details).toMatchObject({ by, how: rule.closed.how });
      expect(details?.closeCode).toBe(rule.closed.closeCode);
      if (rule.messageIncludes) expect(details?.message).toContain(rule.messageIncludes);
      expect(ourCloses(commands)).toEqual(rule.ourCloses);
      if (rule.pongs !== undefined) expect(pongs(commands)).toBe(rule.pongs);
      expect(commands.some((command) => command.type === 'end-socket')).toBe(role === 'server' && rule.serverEndsSocket);
      // The last two commands are always the closed record and the closed command, after the socket is dropped.
      expect(commands.slice(-3).map((command) => command.type)).toEqual(['destroy-socket', 'record', 'closed']);
      expect(connection.state).toBe('closed');
    });
  }
});
