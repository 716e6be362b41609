import type { ProtocolSessionContext } from '../app-protocol.js';
import { isRecord, numberField } from '../json-text.js';
import { message as sentence } from '../../i18n/message.js';
import { dutySend, type DutyCommand, type ProtocolDuties } from '../protocol-duties.js';
import type { ProtocolMessage } from '../protocol-message.js';
import { encodeSocketIo } from './socket-io-encoder.js';
import { engineIoVersionOf } from './socket-io-version.js';

const pingTimer = 'engine.io ping';

/**
 * Engine.IO heartbeats (Engine.IO protocol "Heartbeat"): in v4 the server pings every
 * pingInterval and the client must answer each ping with a pong within pingTimeout; in v3 the
 * client pings every pingInterval and the server answers.
 */
export class SocketIoDuties implements ProtocolDuties {
  private pingIntervalMs: number | undefined;

  constructor(
    private readonly eio: 3 | 4,
    private enabled: boolean,
  ) {}

  /** Duties for a session whose URL names its Engine.IO version (4 when it does not, like the decoder). */
  static forContext(context: ProtocolSessionContext, isEnabled: boolean): SocketIoDuties {
    return new SocketIoDuties(engineIoVersionOf(context.url) ?? 4, isEnabled);
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  setEnabled(isEnabled: boolean): DutyCommand[] {
    this.enabled = isEnabled;
    if (!isEnabled) return [{ kind: 'cancel-timer', timer: pingTimer }];
    return this.armPing();
  }

  onMessage(message: ProtocolMessage): DutyCommand[] {
    if (message.kind === 'open' && message.direction === 'in') {
      const handshake = isRecord(message.tree) ? message.tree['handshake'] : undefined;
      this.pingIntervalMs = numberField(handshake, 'pingInterval');
      return this.enabled ? this.armPing() : [];
    }
    if (message.kind === 'ping' && message.direction === 'in' && this.eio === 4 && this.enabled) {
      const data = isRecord(message.tree) && typeof message.tree['data'] === 'string' ? message.tree['data'] : '';
      return [dutySend(this.pong(data), sentence('protocols:duty.engineIoPong'))];
    }
    return [];
  }

  onTimer(timer: string): DutyCommand[] {
    if (timer !== pingTimer || !this.enabled || this.eio !== 3) return [];
    const [ping] = encodeSocketIo({ kind: 'engine', packet: 'ping' }, { eio: 3 });
    return [...(ping ? [dutySend(ping, sentence('protocols:duty.engineIo3Ping'))] : []), ...this.armPing()];
  }

  private armPing(): DutyCommand[] {
    if (this.eio !== 3 || this.pingIntervalMs === undefined) return [];
    return [{ kind: 'arm-timer', timer: pingTimer, delayMs: this.pingIntervalMs }];
  }

  private pong(data: string) {
    const [pong] = encodeSocketIo({ kind: 'engine', packet: 'pong', data }, { eio: this.eio });
    return pong as NonNullable<typeof pong>;
  }
}
