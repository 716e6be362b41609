import { describe, expect, it } from 'vitest';
import { startWsServer } from '../../harness/ws-server.js';
import { expectedNotOk, notOk, verdictsAgainst } from './battery-verdicts.js';

/**
 * The ws server (this repository's dependency, in process) against the battery, with and without
 * permessage-deflate (CI cases; the full run is in docs/conformance.md). ws validates UTF-8 once a
 * fragmented message is complete (6.4 NON-STRICT), answers an unknown version with 400 (15.2,
 * 15.3) and switches protocols for HTTP/1.0 (15.7). The full run also shows 9.3.1 and 9.4.1
 * FAILED: ws 8.23 refuses a message of more than 16384 fragments (maxFragments) with 1008.
 */
describe('the ws server against the conformance battery', () => {
  it('without permessage-deflate: the verdicts recorded in docs/conformance.md', async () => {
    const server = await startWsServer();
    try {
      expect(notOk(await verdictsAgainst(server.url))).toEqual(expectedNotOk({
        'NON-STRICT failLate': ['6.4.1', '6.4.2', '6.4.3', '6.4.4'],
        'INFORMATIONAL infoEchoBeforeClose': ['7.1.6'],
        'INFORMATIONAL infoCloseAnswered': ['7.11.1', '7.11.2', '7.11.3', '7.13.1', '7.13.2'],
        'UNIMPLEMENTED deflateNotAccepted': ['12.1.1', '12.1.2', '12.1.3', '12.1.4', '12.1.5', '12.1.6', '12.1.7', '12.1.8', '12.2.1', '12.2.2', '12.2.3', '12.2.4', '12.2.5', '12.2.6', '12.2.7', '12.2.8', '12.3.1', '12.3.2', '12.3.3', '12.3.4', '12.3.5', '12.3.6', '12.4.1', '12.4.2', '12.4.3', '12.4.4', '12.4.5', '12.4.6', '13.1.1', '13.1.2', '13.1.3', '13.1.4', '13.2.1', '13.2.2', '13.2.3', '13.2.4', '13.3.1', '13.3.2', '13.3.3', '13.3.4', '13.4.1', '13.4.2', '13.4.3', '13.4.4', '13.5.1', '13.5.2', '13.5.3', '13.5.4', '13.6.1', '13.6.2', '13.6.3', '13.6.4', '13.7.1', '13.7.2', '13.7.3', '13.7.4', '13.8.1', '13.8.2', '13.8.3', '13.8.4', '13.9.1', '13.9.2', '13.9.3', '13.9.4'],
        'INFORMATIONAL infoEchoed': ['14.4', '14.5'],
        'NON-STRICT refusedOtherStatus': ['15.2', '15.3'],
        'NON-STRICT acceptedBadRequest': ['15.7'],
      }));
    } finally {
      await server.stop();
    }
  }, 240_000);

  it('with permessage-deflate: groups 12 and 13 pass too', async () => {
    const server = await startWsServer({ perMessageDeflate: true });
    try {
      expect(notOk(await verdictsAgainst(server.url))).toEqual(expectedNotOk({
        'NON-STRICT failLate': ['6.4.1', '6.4.2', '6.4.3', '6.4.4'],
        'INFORMATIONAL infoEchoBeforeClose': ['7.1.6'],
        'INFORMATIONAL infoCloseAnswered': ['7.11.1', '7.11.2', '7.11.3', '7.13.1', '7.13.2'],
        'INFORMATIONAL infoEchoed': ['14.4', '14.5'],
        'NON-STRICT refusedOtherStatus': ['15.2', '15.3'],
        'NON-STRICT acceptedBadRequest': ['15.7'],
      }));
    } finally {
      await server.stop();
    }
  }, 240_000);
});
