import { message as sentence } from '../../i18n/message.js';
import { dutySend, type DutyCommand, type ProtocolDuties } from '../protocol-duties.js';
import type { ProtocolMessage } from '../protocol-message.js';
import { encodeStomp } from './stomp-encoder.js';
import { headerValue, parseHeartBeat } from './stomp-headers.js';

const heartBeatTimer = 'stomp heart-beat';

/**
 * Client heart-beats (STOMP 1.2 "Heart-beating"): CONNECT offers `cx,cy`, CONNECTED answers
 * `sx,sy`; when cx and sy are both non-zero the client must send something at least every
 * max(cx, sy) ms. Any frame counts, so the timer restarts on every outgoing message and an EOL
 * goes out only when the client was silent for a whole period.
 */
export class StompDuties implements ProtocolDuties {
  private clientCanSendMs = 0;
  private intervalMs: number | undefined;

  constructor(private enabled: boolean) {}

  get isEnabled(): boolean {
    return this.enabled;
  }

  setEnabled(isEnabled: boolean): DutyCommand[] {
    this.enabled = isEnabled;
    return isEnabled ? this.arm() : [{ kind: 'cancel-timer', timer: heartBeatTimer }];
  }

  onMessage(message: ProtocolMessage): DutyCommand[] {
    const headers = headersOf(message);
    if (message.direction === 'out' && (message.kind === 'CONNECT' || message.kind === 'STOMP')) {
      this.clientCanSendMs = parseHeartBeat(headerValue(headers, 'heart-beat'))?.canSendMs ?? 0;
    }
    if (message.direction === 'in' && message.kind === 'CONNECTED') {
      const serverWantsMs = parseHeartBeat(headerValue(headers, 'heart-beat'))?.wantsMs ?? 0;
      this.intervalMs = this.clientCanSendMs > 0 && serverWantsMs > 0 ? Math.max(this.clientCanSendMs, serverWantsMs) : undefined;
      return this.enabled ? this.arm() : [];
    }
    if (message.direction === 'out' && message.kind === 'DISCONNECT') {
      this.intervalMs = undefined;
      return [{ kind: 'cancel-timer', timer: heartBeatTimer }];
    }
    return message.direction === 'out' && this.enabled ? this.arm() : [];
  }

  onTimer(timer: string): DutyCommand[] {
    if (timer !== heartBeatTimer || !this.enabled || this.intervalMs === undefined) return [];
    const [beat] = encodeStomp({ kind: 'heart-beat' }, {});
    return [...(beat ? [dutySend(beat, sentence('protocols:duty.stompHeartBeat', { intervalMs: this.intervalMs }))] : []), ...this.arm()];
  }

  private arm(): DutyCommand[] {
    return this.intervalMs === undefined ? [] : [{ kind: 'arm-timer', timer: heartBeatTimer, delayMs: this.intervalMs }];
  }
}

function headersOf(message: ProtocolMessage): Array<readonly [string, string]> {
  const tree = message.tree;
  if (typeof tree !== 'object' || tree === null || Array.isArray(tree) || tree instanceof Uint8Array) return [];
  const headers = (tree as { headers?: unknown }).headers;
  if (!Array.isArray(headers)) return [];
  return headers.filter((pair): pair is [string, string] => Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string');
}
