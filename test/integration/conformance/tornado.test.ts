import { describe, expect, it } from 'vitest';
import { startPythonEchoServer } from '../../harness/python-echo-server.js';
import { requirePeer } from '../../harness/require-peer.js';
import { expectedNotOk, notOk, verdictsAgainst } from './battery-verdicts.js';

const peer = requirePeer('python-tornado');

/**
 * tornado 6.2 against the battery (CI cases; the full run is in docs/conformance.md). tornado fails
 * a connection by closing TCP without a close frame (NON-STRICT; its own Autobahn config sets
 * failByDrop false for this), echoes invalid close codes back (7.9), accepts unmasked frames
 * (14.1, 14.2) and a short key (15.5), and never reacts to a compressed ping or corrupt deflate
 * data (12.4.5, 12.4.6).
 */
describe.skipIf(!peer.isAvailable)('tornado (Debian python3-tornado) against the conformance battery', () => {
  it('gives the verdicts recorded in docs/conformance.md', async () => {
    const server = await startPythonEchoServer('tornado');
    try {
      const verdicts = await verdictsAgainst(server.url);
      expect(notOk(verdicts), `tornado ${server.version}\n${server.logs().slice(-2000)}`).toEqual(expectedNotOk({
        'NON-STRICT failWithoutClose': ['2.5', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7', '4.1.1', '4.1.2', '4.1.3', '4.1.4', '4.1.5', '4.2.1', '4.2.2', '4.2.3', '4.2.4', '4.2.5', '5.1', '5.2', '5.9', '5.10', '5.11', '5.12', '5.13', '5.14', '5.15', '5.16', '5.17', '5.18', '6.3.1', '6.3.2', '6.8.1', '6.8.2', '6.8.3', '6.8.4', '6.8.5', '6.9.1', '6.9.2', '6.9.3', '6.9.4', '6.9.5', '6.9.6', '6.10.1', '6.10.2', '6.10.3', '6.10.4', '6.10.5', '6.10.6', '6.10.7', '6.11.1', '6.11.2', '6.11.3', '6.11.4', '6.11.5', '6.11.6', '6.12.1', '6.12.2', '6.12.3', '6.12.4', '6.13.1', '6.13.2', '6.13.3', '6.13.4', '6.13.5', '6.13.6', '6.13.7', '6.13.8', '6.14.1', '6.14.2', '6.14.3', '6.14.4', '6.14.5', '6.14.6', '6.14.7', '6.14.8', '6.16.1', '6.16.2', '6.16.3', '6.16.4', '6.16.5', '6.16.6', '6.16.7', '6.16.8', '6.16.9', '6.16.10', '6.16.11', '6.16.12', '6.16.13', '6.16.14', '6.16.15', '7.3.6', '7.5.1', '12.4.4'],
        'NON-STRICT failLate': ['6.4.1', '6.4.2', '6.4.3', '6.4.4'],
        'INFORMATIONAL infoEchoBeforeClose': ['7.1.6'],
        'NON-STRICT failNoCode': ['7.3.2'],
        'FAILED serverViolation': ['7.9.1', '7.9.2', '7.9.3', '7.9.4', '7.9.5', '7.9.6', '7.9.7', '7.9.8', '7.9.9', '7.9.10'],
        'INFORMATIONAL infoCloseAnswered': ['7.11.1', '7.11.2', '7.11.3', '7.13.1', '7.13.2'],
        'FAILED timeoutFail': ['12.4.5', '12.4.6'],
        'NON-STRICT offerNotConfirmed': ['13.2.1', '13.2.2', '13.2.3', '13.2.4', '13.6.1', '13.6.2', '13.6.3', '13.6.4'],
        'FAILED handshakeRefused': ['13.3.1', '13.3.2', '13.3.3', '13.3.4', '13.5.1', '13.5.2', '13.5.3', '13.5.4', '13.7.1', '13.7.2', '13.7.3', '13.7.4'],
        'FAILED echoedAfterViolation': ['14.1'],
        'FAILED pongAfterViolation': ['14.2'],
        'INFORMATIONAL infoEchoed': ['14.4', '14.5'],
        'FAILED acceptedBadRequest': ['15.5'],
        'NON-STRICT acceptedBadRequest': ['15.7'],
      }));
    } finally {
      await server.stop();
    }
  }, 240_000);
});
