import type { HeaderPair } from '../../../shared/contract/records.js';

/**
 * The upgrade request exactly as it arrived at the listener: the first record of a listened
 * connection (`{"kind":"request",…}` in `frameline listen --json`). Nothing is normalised: header
 * names keep their case and order, duplicates stay, and `raw` holds the bytes themselves, so a
 * proxy's rewrites are visible rather than smoothed over.
 */
export interface ListenRequestRecord {
  readonly kind: 'request';
  /** Which accepted connection, counting from 1 per listener. */
  readonly connection: number;
  /** Microseconds since the connection was accepted. */
  readonly atMicros: number;
  /** Who connected: the client, or the proxy in front of us. */
  readonly peer: { readonly address: string; readonly port: number };
  readonly requestLine: string;
  readonly method: string;
  readonly target: string;
  readonly httpVersion: string;
  readonly headers: HeaderPair[];
  /** base64 of the exact head bytes. */
  readonly raw: string;
}
