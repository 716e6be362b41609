import type { CaptureHeaderFields } from '../../../shared/contract/capture.js';

/**
 * The header of a capture that knows only when it started and what it is about: no proxy, TLS,
 * endpoints, handshake, extensions, subprotocol or redactions yet. Sessions, relays, listeners,
 * conformance cases and imports start from it and override what they know.
 */
export function blankCaptureHeader(epochMicros: number, targetUrl: string): CaptureHeaderFields {
  return {
    created: { iso: new Date(epochMicros / 1000).toISOString(), epochMicros },
    targetUrl,
    options: { proxies: [], connectTo: null, tls: null },
    endpoints: null,
    tls: null,
    handshake: null,
    extensions: [],
    subprotocol: null,
    redactions: [],
  };
}
