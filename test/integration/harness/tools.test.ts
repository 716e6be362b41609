import { describe, expect, it } from 'vitest';
import { requirePeer } from '../../harness/require-peer.js';
import { runCommand } from '../../harness/run-command.js';

const tshark = requirePeer('tshark');
const chromium = requirePeer('chromium');

// tshark and Chromium are driven by the capture and e2e tests; here only their presence and
// that they start are checked, so a broken install shows up next to the other peers.
describe('tools used by other suites', () => {
  it.runIf(tshark.isAvailable)('tshark runs', async () => {
    expect(await runCommand(tshark.path ?? 'tshark', ['--version'])).toMatch(/TShark/);
  });

  it.runIf(chromium.isAvailable)('chromium runs', async () => {
    expect(await runCommand(chromium.path ?? 'chromium', ['--version'])).toMatch(/Chromium/);
  });
});
