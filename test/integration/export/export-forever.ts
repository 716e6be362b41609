import { CaptureLog } from '../../../electron/engine/capture/capture-log.js';
import { exportCaptureFile, exportExtension } from '../../../electron/engine/capture/export/export-capture.js';
import type { ExportFormat } from '../../../shared/contract/export-format.js';
import { sampleFrame, sampleHeader } from '../../unit/capture/capture-fixtures.js';

// A child process for killed-exports.test.ts: exports one capture (20,000 frames of 1 KiB) as
// each format in turn, in a loop, to `<directory>/capture.<ext>`, until it is killed.
const [directory] = process.argv.slice(2) as [string];
const log = new CaptureLog({ header: sampleHeader() });
for (let index = 0; index < 20_000; index++) log.appendFrame(sampleFrame(`${index} ${'x'.repeat(1024)}`, { atMicros: index * 10 }), index % 2 === 0 ? 'in' : 'out');
const formats: ExportFormat[] = ['json', 'har', 'pcapng'];

// Bundled as CommonJS (some dependencies require() at run time), so no top-level await.
async function exportForever(): Promise<never> {
  process.stdout.write('exporting\n');
  for (let round = 0; ; round++) {
    const format = formats[round % formats.length]!;
    await exportCaptureFile(log, format, `${directory}/capture${exportExtension[format]}`);
  }
}
void exportForever();
