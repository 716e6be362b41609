import { describe, expect, it } from 'vitest';
import { startPythonEchoServer } from '../../harness/python-echo-server.js';
import { requirePeer } from '../../harness/require-peer.js';
import { expectedNotOk, notOk, verdictsAgainst } from './battery-verdicts.js';

const peer = requirePeer('python-aiohttp');

/**
 * aiohttp 3.8.4 against the battery (CI cases; the full run is in docs/conformance.md). What is
 * not OK and why is in docs/conformance.md: it accepts unmasked client frames (14.1, 14.2) and a
 * compressed ping (12.4.5), accepts server_max_window_bits=15 without confirming it (13.4, 13.6),
 * declines window 8 (UNIMPLEMENTED), and switches protocols for an HTTP/1.0 request.
 */
describe.skipIf(!peer.isAvailable)('aiohttp (Debian python3-aiohttp) against the conformance battery', () => {
  it('gives the verdicts recorded in docs/conformance.md', async () => {
    const server = await startPythonEchoServer('aiohttp');
    try {
      // aiohttp closes its socket right after its close frame, before reading what is still in
      // flight, so the kernel answers with a reset that can discard that frame on our side: the same
      // case is then OK one run and NON-STRICT (no close frame) the next. Those are not compared.
      // In 3.4 the text arrives one byte at a time before the bad frame; whether aiohttp's handler
      // echoes it before its reader fails the connection is a race inside aiohttp (seen both ways
      // on a loaded machine), so its missing echo is not compared either. 3.3 sends each frame in
      // one write: the echo is always lost there.
      // 9.3.5 and 9.4.5 (4 MiB in 16 KiB fragments): before reading a data frame's payload aiohttp
      // refuses with 1009 when that payload and what it has already joined reach 4 MiB, and it joins
      // a read's frames only after parsing them all, so the last fragment is refused exactly when
      // its header starts a read of its own (seen once in a loaded full run): also a race inside aiohttp.
      const isLastFragmentRefused = (id: string, verdict: string): boolean => (id === '9.3.5' || id === '9.4.5') && verdict === 'FAILED serverClosedEarly';
      const isRace = (id: string, verdict: string): boolean => verdict === 'NON-STRICT failWithoutClose' || (id === '3.4' && verdict === 'NON-STRICT failMissingEcho') || isLastFragmentRefused(id, verdict);
      const verdicts = new Map([...(await verdictsAgainst(server.url))].filter(([id, verdict]) => !isRace(id, verdict)));
      expect(notOk(verdicts), `aiohttp ${server.version}\n${server.logs().slice(-2000)}`).toEqual(expectedNotOk({
        'NON-STRICT failMissingEcho': ['3.3'],
        'NON-STRICT failLate': ['6.4.1', '6.4.2', '6.4.3', '6.4.4'],
        'INFORMATIONAL infoEchoBeforeClose': ['7.1.6'],
        'NON-STRICT failOtherCode': ['7.9.5', '12.4.6'],
        'INFORMATIONAL infoCloseAnswered': ['7.11.1', '7.11.2', '7.11.3', '7.13.1', '7.13.2'],
        'FAILED pongAfterViolation': ['12.4.5', '14.2'],
        'UNIMPLEMENTED deflateNotAccepted': ['13.3.1', '13.3.2', '13.3.3', '13.3.4', '13.5.1', '13.5.2', '13.5.3', '13.5.4'],
        'FAILED handshakeChecks': ['13.4.1', '13.4.2', '13.4.3', '13.4.4', '13.6.1', '13.6.2', '13.6.3', '13.6.4'],
        'FAILED echoedAfterViolation': ['14.1'],
        'INFORMATIONAL infoEchoed': ['14.4', '14.5'],
        'NON-STRICT refusedOtherStatus': ['15.2', '15.3'],
        'NON-STRICT acceptedBadRequest': ['15.7'],
      }));
    } finally {
      await server.stop();
    }
  }, 240_000);
});
