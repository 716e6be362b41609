import { join } from 'node:path';
import { packageRoot } from '../../electron/app-paths.js';
import { startProcessPeer, type ProcessPeer } from './process-peer.js';
import { createTempDir, type TempDir } from './temp-dir.js';

/** A real `frameline ui` process (the built CLI), with its own config and export folders. */
export interface FramelineUiProcess {
  readonly port: number;
  /** The URL it printed. */
  readonly printedUrl: string;
  readonly process: ProcessPeer;
  readonly temp: TempDir;
  stop(): Promise<void>;
}

/** Options for `startFramelineUi`. */
export interface FramelineUiOptions {
  /** Extra environment (e.g. a PATH whose `xdg-open` records how it was called). */
  readonly env?: NodeJS.ProcessEnv;
  /** Extra arguments after `ui`; default `--no-open`. */
  readonly args?: readonly string[];
}

/**
 * Starts `node bin/frameline.js ui` on a free port, as a user would (needs `npm run build`), and
 * resolves once it has printed its URL. Config and exports go to a temp folder removed on stop.
 */
export async function startFramelineUi(options: FramelineUiOptions = {}): Promise<FramelineUiProcess> {
  const temp = createTempDir('ui-process');
  const root = packageRoot();
  const peer = await startProcessPeer({
    name: 'frameline ui',
    command: process.execPath,
    args: [join(root, 'bin', 'frameline.js'), 'ui', ...(options.args ?? ['--no-open'])],
    cwd: temp.path,
    env: { ...process.env, XDG_CONFIG_HOME: temp.file('config'), HOME: temp.path, ...options.env },
    ready: { line: /Frameline UI: (http:\/\/127\.0\.0\.1:(\d+)\/\S*)/ },
    startTimeoutMs: 20_000,
  }).catch((error: unknown) => {
    temp.remove();
    throw error;
  });
  const match = peer.readyMatch!;
  return {
    port: Number(match[2]),
    printedUrl: match[1]!,
    process: peer,
    temp,
    stop: async () => {
      await peer.stop();
      temp.remove();
    },
  };
}
