import { isRecord } from '../json-text.js';
import { message as sentence } from '../../i18n/message.js';
import { dutySend, type DutyCommand, type ProtocolDuties } from '../protocol-duties.js';
import type { ProtocolMessage } from '../protocol-message.js';
import { encodeSignalr } from './signalr-encoder.js';

const pingTimer = 'signalr ping';
/** The clients' default KeepAliveInterval (15 s); servers time a client out after 30 s of silence. */
const defaultKeepAliveMs = 15_000;

/**
 * ASP.NET Core SignalR keep-alive (HubProtocol.md "Ping"): after the handshake is accepted, the
 * client sends a Ping when it has sent nothing for the keep-alive interval, so the server's
 * ClientTimeoutInterval never expires. Classic SignalR needs nothing from the client.
 */
export class SignalrDuties implements ProtocolDuties {
  private isOpen = false;
  private mode: 'json' | 'messagepack' = 'json';

  constructor(
    private enabled: boolean,
    private readonly keepAliveMs: number = defaultKeepAliveMs,
  ) {}

  get isEnabled(): boolean {
    return this.enabled;
  }

  setEnabled(isEnabled: boolean): DutyCommand[] {
    this.enabled = isEnabled;
    return isEnabled ? this.arm() : [{ kind: 'cancel-timer', timer: pingTimer }];
  }

  onMessage(message: ProtocolMessage): DutyCommand[] {
    if (message.direction === 'out' && message.kind === 'handshake' && isRecord(message.tree)) {
      this.mode = message.tree['protocol'] === 'messagepack' ? 'messagepack' : 'json';
    }
    if (message.direction === 'in' && message.kind === 'handshake-response') {
      this.isOpen = !(isRecord(message.tree) && typeof message.tree['error'] === 'string');
      return this.enabled ? this.arm() : [];
    }
    if (message.kind === 'Close') {
      this.isOpen = false;
      return [{ kind: 'cancel-timer', timer: pingTimer }];
    }
    return message.direction === 'out' && this.enabled ? this.arm() : [];
  }

  onTimer(timer: string): DutyCommand[] {
    if (timer !== pingTimer || !this.enabled || !this.isOpen) return [];
    const encoded = encodeSignalr({ kind: 'ping' }, { mode: this.mode });
    const ping = Array.isArray(encoded) ? encoded[0] : undefined;
    return [...(ping ? [dutySend(ping, sentence('protocols:duty.signalrPing', { intervalMs: this.keepAliveMs }))] : []), ...this.arm()];
  }

  private arm(): DutyCommand[] {
    return this.isOpen ? [{ kind: 'arm-timer', timer: pingTimer, delayMs: this.keepAliveMs }] : [];
  }
}
