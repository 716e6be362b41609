import type { CaptureHeader, WireChunkJson } from '../../../../shared/contract/capture.js';
import type { RelayLeg } from '../../../../shared/contract/records.js';
import type { CapturedRecord } from '../captured-record.js';
import type { CaptureStream } from './capture-stream.js';

/**
 * The TCP connections a capture holds, each as a capture of its own: one for a client session,
 * two for a relay capture (the client's connection to the relay, then the relay's to the server),
 * so an export that rebuilds byte streams (pcapng) writes each connection apart. A leg's view
 * keeps that leg's handshake and frames; its header names that connection's ends.
 */
export function connectionStreams(capture: CaptureStream): CaptureStream[] {
  const relay = capture.header.relay;
  if (!relay) return [capture];
  const clientScheme = relay.clientTlsServername !== null ? 'wss' : 'ws';
  const relayAddress = relay.clientEndpoints.local;
  const clientHeader: CaptureHeader = {
    ...capture.header,
    targetUrl: `${clientScheme}://${relayAddress.address.includes(':') ? `[${relayAddress.address}]` : relayAddress.address}:${relayAddress.port}/`,
    options: { proxies: [], connectTo: null, tls: null },
    // The client dialled the relay: the client is the local end, the relay the remote.
    endpoints: { local: relay.clientEndpoints.remote, remote: relay.clientEndpoints.local },
  };
  return [legStream(capture, 'client', clientHeader), legStream(capture, 'server', capture.header)];
}

function legStream(capture: CaptureStream, leg: RelayLeg, header: CaptureHeader): CaptureStream {
  return {
    header,
    records: (direction) => onlyLeg(capture.records(direction), leg),
    // A relay capture records no socket chunks (one capture, two sockets); each leg is rebuilt from its records.
    wireChunks: () => noChunks(),
  };
}

async function* onlyLeg(slices: AsyncIterable<CapturedRecord[]>, leg: RelayLeg): AsyncGenerator<CapturedRecord[]> {
  for await (const slice of slices) yield slice.filter((record) => record.kind === 'event' || record.leg === leg);
}

async function* noChunks(): AsyncGenerator<WireChunkJson[]> {}
