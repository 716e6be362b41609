import { afterEach, describe, expect, it } from 'vitest';
import { FramelineEngine } from '../../../electron/engine/api/engine.js';
import { noRedaction } from '../../../electron/engine/capture/export/redaction-rules.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';
import { exportBytes, fixtureLog } from '../export/export-fixture.js';

describe('an imported capture in the session list', () => {
  let temp: TempDir;
  afterEach(() => temp?.remove());

  it('ends at its last record, so its tab shows the recorded duration, not time since it was opened', async () => {
    temp = createTempDir('imported-duration');
    const engine = new FramelineEngine({ dataDirectory: temp.path });
    const log = fixtureLog();
    const lastAtMicros = log.getRecords(log.count - 1, 1, 0)[0]!.atMicros;
    const bytes = await exportBytes(log, 'json', noRedaction);
    const { sessionId } = await engine.run('importCapture', [{ kind: 'content', fileName: 'bug.frameline.json', base64: bytes.toString('base64') }]);
    const summary = (await engine.run('listSessions', [])).find((each) => each.id === sessionId)!;
    expect(summary).toMatchObject({ state: 'closed', readOnly: true });
    expect(summary.endedAt! - summary.openedAt).toBeCloseTo(lastAtMicros / 1000, 3);
    await engine.dispose();
  });
});
