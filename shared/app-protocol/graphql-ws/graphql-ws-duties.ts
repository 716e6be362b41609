import { isRecord } from '../json-text.js';
import { message as sentence } from '../../i18n/message.js';
import { dutySend, type DutyCommand, type ProtocolDuties } from '../protocol-duties.js';
import type { ProtocolMessage } from '../protocol-message.js';
import { encodeGraphqlWs } from './graphql-ws-encoder.js';

const pingTimer = 'graphql ping';

/**
 * graphql-transport-ws keep-alive (PROTOCOL.md "Ping" and "Pong"): a `ping` from the server is
 * answered with a `pong` at once; with `keepAliveMs`, the client pings the server after that long
 * without sending, once the connection is acknowledged. The legacy protocol's `ka` needs no answer.
 */
export class GraphqlWsDuties implements ProtocolDuties {
  private isAcknowledged = false;
  private isTransportWs = true;

  constructor(
    private enabled: boolean,
    private readonly keepAliveMs: number | undefined,
  ) {}

  get isEnabled(): boolean {
    return this.enabled;
  }

  setEnabled(isEnabled: boolean): DutyCommand[] {
    this.enabled = isEnabled;
    return isEnabled ? this.arm() : [{ kind: 'cancel-timer', timer: pingTimer }];
  }

  onMessage(message: ProtocolMessage): DutyCommand[] {
    if (message.kind === 'start' || message.kind === 'ka' || message.kind === 'data') this.isTransportWs = false;
    if (message.direction === 'in' && message.kind === 'connection_ack') {
      this.isAcknowledged = true;
      return this.enabled ? this.arm() : [];
    }
    if (!this.enabled) return [];
    if (message.direction === 'in' && message.kind === 'ping' && this.isTransportWs) {
      const payload = isRecord(message.tree) && message.tree['payload'] !== undefined ? JSON.stringify(message.tree['payload']) : undefined;
      const [pong] = encodeGraphqlWs({ kind: 'message', type: 'pong', ...(payload === undefined ? {} : { payloadJson: payload }) }, {});
      return pong ? [dutySend(pong, sentence('protocols:duty.graphqlPong'))] : [];
    }
    return message.direction === 'out' ? this.arm() : [];
  }

  onTimer(timer: string): DutyCommand[] {
    if (timer !== pingTimer || !this.enabled || !this.isTransportWs) return [];
    const [ping] = encodeGraphqlWs({ kind: 'message', type: 'ping' }, {});
    return [...(ping ? [dutySend(ping, sentence('protocols:duty.graphqlPing', { intervalMs: this.keepAliveMs ?? 0 }))] : []), ...this.arm()];
  }

  private arm(): DutyCommand[] {
    if (this.keepAliveMs === undefined || !this.isAcknowledged || !this.isTransportWs) return [];
    return [{ kind: 'arm-timer', timer: pingTimer, delayMs: this.keepAliveMs }];
  }
}
