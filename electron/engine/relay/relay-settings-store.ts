import { mkdir, readFile, rename } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { relaySettingsSchema, type RelaySettings } from '../../../shared/contract/api-relay.js';
import { englishText } from '../../../shared/i18n/english-text.js';
import type { Message } from '../../../shared/i18n/message.js';
import { rewriteFileAtomic, sweepStaleTempFiles, writeFileAtomic } from '../profiles/atomic-file.js';
import type { SecretCipher } from '../secrets/secret-cipher.js';
import { openRelaySettingsFile, relaySettingsFileSchema, relaySettingsFileText, type RelaySettingsFile } from './relay-settings-file.js';

/** The settings a first run starts with: a relay on 127.0.0.1:9080, frame-exact, nothing intercepted. */
export const defaultRelaySettings: RelaySettings = relaySettingsSchema.parse({ options: { port: 9080 }, interception: {} });

/** Loaded relay settings; `problem` in English, `problemText` the same as a message. */
export interface LoadedRelaySettings {
  readonly settings: RelaySettings;
  readonly problem: string | null;
  readonly problemText?: Message;
}

/**
 * The Relay view's settings (the relay's setup, its breakpoints, rules and shaping) as one JSON
 * file in the app data folder, written atomically and validated on load, readable by the user
 * only, the upstream connection's secrets (its proxy's password, Authorization, Proxy-Authorization
 * and Cookie header values) encrypted with `cipher` (the desktop app's keychain) when it works here
 * (relay-settings-file.ts). A file that fails validation is renamed aside (`*.corrupt-<time>`) and
 * reported, never silently dropped. A secret this process cannot open leaves the settings without
 * it and a problem naming the field; the file is left as it is.
 */
export class RelaySettingsStore {
  constructor(
    private readonly path: string,
    private readonly cipher: SecretCipher | null,
  ) {}

  /**
   * The saved settings, or the defaults when there are none (or they were unreadable, said in
   * `problem`). A secret kept in clear while the keychain works, or one the keychain asks to
   * encrypt again (its key was rotated), is encrypted in the file now.
   */
  async load(): Promise<LoadedRelaySettings> {
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
      const parsed = relaySettingsFileSchema.safeParse(JSON.parse(text));
      if (parsed.success) return await this.open(parsed.data);
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
    await writeFileAtomic(this.path, await relaySettingsFileText(saved, await this.readValidFile(), this.cipher));
    return saved;
  }

  private async open(file: RelaySettingsFile): Promise<LoadedRelaySettings> {
    const opened = await openRelaySettingsFile(file, this.cipher, basename(this.path));
    // The contract carries one message: the first secret's, in the reader's language; `problem` names every one, in English.
    const [first] = opened.problems;
    if (first !== undefined) return { settings: opened.settings, problem: opened.problems.map((problem) => englishText(problem)).join(' '), problemText: first };
    if (opened.isRewriteDue) await rewriteFileAtomic(this.path, () => relaySettingsFileText(opened.settings, file, this.cipher));
    return { settings: opened.settings, problem: null };
  }

  /** The file as it is, or null when there is none or it does not validate (`load` reports those). */
  private async readValidFile(): Promise<RelaySettingsFile | null> {
    try {
      const parsed = relaySettingsFileSchema.safeParse(JSON.parse(await readFile(this.path, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}
