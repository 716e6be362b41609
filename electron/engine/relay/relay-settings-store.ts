import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { relaySettingsSchema, type RelaySettings } from '../../../shared/contract/api-relay.js';
import { sweepStaleTempFiles, writeFileAtomic } from '../profiles/atomic-file.js';

/** The settings a first run starts with: a relay on 127.0.0.1:9080, frame-exact, nothing intercepted. */
export const defaultRelaySettings: RelaySettings = relaySettingsSchema.parse({ options: { port: 9080 }, interception: {} });

/**
 * The Relay view's settings (the relay's setup, its breakpoints, rules and shaping) as one JSON
 * file in the app data folder, written atomically and validated on load. A file that fails
 * validation is renamed aside (`*.corrupt-<time>`) and reported, never silently dropped.
 */
export class RelaySettingsStore {
  constructor(private readonly path: string) {}

  /** The saved settings, or the defaults when there are none (or they were unreadable, said in `problem`). */
  async load(): Promise<{ settings: RelaySettings; problem: string | null }> {
    // A save killed midway leaves its temp file; it may hold proxy credentials, so it goes.
    await sweepStaleTempFiles(dirname(this.path));
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: defaultRelaySettings, problem: null };
      throw error;
    }
    let message: string;
    try {
      const parsed = relaySettingsSchema.safeParse(JSON.parse(text));
      if (parsed.success) return { settings: parsed.data, problem: null };
      const issue = parsed.error.issues[0]!;
      message = `${issue.path.join('.') || 'settings'}: ${issue.message}`;
    } catch (error) {
      message = `not valid JSON: ${(error as Error).message}`;
    }
    const keptAs = `${this.path}.corrupt-${Date.now()}`;
    await rename(this.path, keptAs);
    return { settings: defaultRelaySettings, problem: `${this.path}: ${message} (kept as ${keptAs})` };
  }

  /** Saves atomically (temp file, fsync, rename), stamped with the time. */
  async save(settings: RelaySettings): Promise<RelaySettings> {
    await mkdir(dirname(this.path), { recursive: true });
    const saved = { ...settings, savedAt: Date.now() };
    await writeFileAtomic(this.path, `${JSON.stringify(saved, null, 2)}\n`);
    return saved;
  }
}
