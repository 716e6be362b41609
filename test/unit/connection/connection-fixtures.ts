import type { ConnectionCommand, TimerName } from '../../../shared/connection/connection-command.js';
import type { WebSocketConnectionOptions } from '../../../shared/connection/connection-options.js';
import { WebSocketConnection } from '../../../shared/connection/websocket-connection.js';
import type { SenderRole } from '../../../shared/protocol/frame-decoder-options.js';
import { opcodeName } from '../../../shared/protocol/opcode.js';

/** The RFC 6455 §5.7 example key; every masked frame we send in these tests uses it. */
export const testKey = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);

/** Limits small enough to read in a test. */
export const testLimits = {
  payloadRetentionBytes: 1024,
  maxPayloadBytes: 4096,
  maxFragments: 100_000,
  maxInflatedBytes: 4096,
  closeTimeoutMs: 5_000,
};

/** A connection in `role` with test defaults; `start` has not been called. */
export function connectionFor(role: SenderRole, overrides: Partial<WebSocketConnectionOptions> = {}): WebSocketConnection {
  return new WebSocketConnection({
    role,
    mode: 'observe',
    limits: testLimits,
    autoPong: true,
    autoPingIntervalMs: 0,
    nextMaskingKey: () => testKey.slice(),
    ...overrides,
  });
}

/** Bytes as spaced lowercase hex, the way RFC 6455 §5.7 writes frames. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

/**
 * Commands as one line each, so a playbook reads like the protocol:
 * `#0 in close fin code=1000`, `write 88 82 37 fa 21 3d 34 12`, `arm close-wait 5000`.
 * Wire-chunk bookkeeping is left out unless asked for.
 */
export function lines(commands: readonly ConnectionCommand[], withWire = false): string[] {
  const out: string[] = [];
  for (const command of commands) {
    const line = describe(command, withWire);
    if (line !== null) out.push(line);
  }
  return out;
}

function describe(command: ConnectionCommand, withWire: boolean): string | null {
  switch (command.type) {
    case 'record':
      return `#${command.seq} ${describeRecord(command.record)}`;
    case 'wire-chunk':
      return withWire ? `wire ${command.direction} ${command.byteLength}` : null;
    case 'write':
      return `write ${toHex(command.bytes)}`;
    case 'end-socket':
    case 'destroy-socket':
    case 'yield':
      return command.type;
    case 'arm-timer':
      return `arm ${command.timer} ${command.delayMs}`;
    case 'cancel-timer':
      return `cancel ${command.timer}`;
    case 'message': {
      const message = command.message;
      const text = new TextDecoder().decode(message.payload);
      return `message ${message.direction} ${opcodeName(message.opcode)} seqs=${message.frameSeqs.join(',')} ${message.isWhole ? 'whole' : 'partial'} "${text}"`;
    }
    case 'closed':
      return `closed ${closedText(command.details)}`;
  }
}

function describeRecord(record: Extract<ConnectionCommand, { type: 'record' }>['record']): string {
  switch (record.kind) {
    case 'frame': {
      const frame = record.frame;
      const parts = [frame.masked ? 'masked' : '', frame.fin ? 'fin' : '', frame.rsv1 ? 'rsv1' : ''].filter(Boolean);
      const payload = frame.closeCode !== undefined ? `code=${frame.closeCode}` : frame.payload.length > 0 ? `"${new TextDecoder().decode(frame.payload)}"` : '';
      const violations = frame.violations.length > 0 ? `[${frame.violations.map((violation) => violation.rule).join(',')}]` : '';
      const rtt = record.rttMicros !== undefined ? `rtt=${record.rttMicros}` : '';
      return [record.direction, opcodeName(frame.opcode), ...parts, payload, violations, rtt].filter(Boolean).join(' ');
    }
    case 'undecoded':
      return `undecoded ${record.direction} ${record.byteLength} bytes (kept ${record.bytes.length}) ${record.violation.rule}`;
    case 'failed':
      return `failed ${record.violation.closeCode} ${record.violation.rule}`;
    case 'budget':
      return `budget ${record.budget} ${record.limit}`;
    case 'closed':
      return `closed ${closedText(record.details)}`;
  }
}

function closedText(details: { by: string; how: string; closeCode?: number; message?: string }): string {
  return [`by=${details.by}`, `how=${details.how}`, details.closeCode !== undefined ? `code=${details.closeCode}` : '', details.message ? `(${details.message})` : ''].filter(Boolean).join(' ');
}

/**
 * Runs a connection's timers in test time: `run` notes arm/cancel commands, `advanceTo` fires each
 * timer that is due, in order, feeding `timerFired` back and collecting everything it returns.
 */
export class TestTimers {
  private readonly due = new Map<string, number>();
  private nowMicros = 0;

  constructor(private readonly connection: WebSocketConnection) {}

  /** When each armed timer goes off, in microseconds. */
  get armed(): ReadonlyMap<string, number> {
    return this.due;
  }

  /** Feeds one input's commands through the timer bookkeeping and returns them. */
  run(commands: ConnectionCommand[], atMicros: number): ConnectionCommand[] {
    this.nowMicros = Math.max(this.nowMicros, atMicros);
    for (const command of commands) {
      if (command.type === 'arm-timer') this.due.set(command.timer, atMicros + command.delayMs * 1000);
      else if (command.type === 'cancel-timer') this.due.delete(command.timer);
    }
    return commands;
  }

  /** Fires due timers up to `untilMicros`. */
  advanceTo(untilMicros: number): ConnectionCommand[] {
    const out: ConnectionCommand[] = [];
    for (;;) {
      const next = [...this.due.entries()].sort((a, b) => a[1] - b[1])[0];
      if (!next || next[1] > untilMicros) break;
      const [timer, atMicros] = next;
      this.due.delete(timer);
      out.push(...this.run(this.connection.timerFired(timer as TimerName, atMicros), atMicros));
    }
    this.nowMicros = Math.max(this.nowMicros, untilMicros);
    return out;
  }
}
