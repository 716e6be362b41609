/** Outstanding pings kept at most; a peer that never answers must not make the list grow without bound. */
const maxOutstandingPings = 1024;

/**
 * Pairs pongs with the pings they answer to measure round-trip time. §5.5.3: a pong echoes its
 * ping's payload, and an endpoint may answer only the most recent ping, so a pong is matched to
 * the newest outstanding ping with the same payload; older pings with that payload are dropped.
 */
export class PingTracker {
  private readonly outstanding: { payloadKey: string; sentAtMicros: number }[] = [];

  /** Remembers a ping we sent. */
  pingSent(payload: Uint8Array, atMicros: number): void {
    this.outstanding.push({ payloadKey: keyOf(payload), sentAtMicros: atMicros });
    if (this.outstanding.length > maxOutstandingPings) this.outstanding.shift();
  }

  /** Returns the round-trip time for a received pong, or undefined for an unsolicited pong. */
  pongReceived(payload: Uint8Array, atMicros: number): number | undefined {
    const payloadKey = keyOf(payload);
    for (let index = this.outstanding.length - 1; index >= 0; index--) {
      const ping = this.outstanding[index]!;
      if (ping.payloadKey === payloadKey) {
        this.outstanding.splice(0, index + 1);
        return atMicros - ping.sentAtMicros;
      }
    }
    return undefined;
  }
}

function keyOf(payload: Uint8Array): string {
  let key = '';
  for (const byte of payload) key += byte.toString(16).padStart(2, '0');
  return key;
}
