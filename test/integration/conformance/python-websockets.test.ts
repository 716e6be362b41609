import { describe, expect, it } from 'vitest';
import { startPythonWs } from '../../harness/python-ws.js';
import { requirePeer } from '../../harness/require-peer.js';
import { expectedNotOk, notOk, verdictsAgainst } from './battery-verdicts.js';

const peer = requirePeer('python-websockets');

/**
 * python3-websockets 10.4 against the battery (CI cases; the full run is in docs/conformance.md).
 * What is not OK: 5.15 and 6.4.3–6.4.4 as websockets' own compliance notes say; 7.11/7.13 and
 * 14.4–14.5 are open by the RFC; 13.3/13.5/13.7 offer server_max_window_bits=8, which zlib no
 * longer accepts for raw deflate, so this release answers 500 or fails with 1011 (later releases
 * compress with 9 instead); 15.2–15.3: an unknown version gets 400, not 426.
 */
describe.skipIf(!peer.isAvailable)('python3-websockets (Debian) against the conformance battery', () => {
  it('gives the verdicts recorded in docs/conformance.md', async () => {
    const server = await startPythonWs();
    try {
      const verdicts = await verdictsAgainst(server.url);
      expect(notOk(verdicts), `websockets ${server.websocketsVersion}\n${server.logs().slice(-2000)}`).toEqual(expectedNotOk({
        'NON-STRICT failMissingEcho': ['3.3', '5.15'],
        'NON-STRICT failLate': ['6.4.3', '6.4.4'],
        'INFORMATIONAL infoCloseBeforeEcho': ['7.1.6'],
        'INFORMATIONAL infoCloseAnswered': ['7.11.1', '7.11.2', '7.11.3', '7.13.1', '7.13.2'],
        'FAILED handshakeRefused': ['13.3.1', '13.3.2', '13.3.3', '13.3.4'],
        'FAILED serverClosedEarly': ['13.5.1', '13.5.2', '13.5.3', '13.5.4', '13.7.1', '13.7.2', '13.7.3', '13.7.4'],
        'INFORMATIONAL infoEchoed': ['14.4', '14.5'],
        'NON-STRICT refusedOtherStatus': ['15.2', '15.3'],
      }));
    } finally {
      await server.stop();
    }
  }, 240_000);
});
