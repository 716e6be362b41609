import { mkdir, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Profile, ProfileList, ProfileProblem } from '../../../shared/contract/profile.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { englishText } from '../../../shared/i18n/english-text.js';
import type { SecretCipher } from '../secrets/secret-cipher.js';
import { sweepStaleTempFiles, writeFileAtomic } from './atomic-file.js';
import { openProfileFile, profileFileSchema, profileFileText, type ProfileFile } from './profile-file.js';

const suffix = '.profile.json';

/**
 * Named session settings, one JSON file each under the app data folder, written atomically
 * (atomic-file.ts), readable by the user only, the proxy password encrypted with `cipher` (the
 * desktop app's keychain) when it works here (profile-file.ts; docs/settings-files.md). Files
 * are validated on load; a corrupt one is renamed aside (`*.corrupt-<time>`) and reported, never
 * silently dropped or overwritten. A password this process cannot open leaves its profile listed
 * without it and a problem naming the field; the file is left as it is. Loading also deletes the
 * temp files of saves that were killed midway, which may hold a whole profile.
 */
export class ProfileStore {
  constructor(
    private readonly directory: string,
    private readonly cipher: SecretCipher | null,
  ) {}

  /**
   * Every valid profile, and a problem entry for each file that failed validation or holds a
   * password this process cannot open; temp files a killed save left behind are deleted first.
   * A password kept in clear while the keychain works is encrypted in its file now.
   */
  async list(): Promise<ProfileList> {
    await mkdir(this.directory, { recursive: true });
    await sweepStaleTempFiles(this.directory);
    const names = (await readdir(this.directory)).filter((name) => name.endsWith(suffix)).sort();
    const profiles: Profile[] = [];
    const problems: ProfileProblem[] = [];
    for (const fileName of names) {
      const loaded = await this.load(fileName);
      if ('profile' in loaded) profiles.push(loaded.profile);
      if (loaded.problem) problems.push(loaded.problem);
    }
    return { profiles, problems };
  }

  /** Saves (or replaces) a profile atomically. */
  async save(name: string, options: SessionOptions): Promise<Profile> {
    await mkdir(this.directory, { recursive: true });
    const profile: Profile = { name, options, savedAt: Date.now() };
    const path = join(this.directory, fileNameFor(name));
    await writeFileAtomic(path, profileFileText(profile, await readValidFile(path), this.cipher));
    return profile;
  }

  /** Deletes a profile; deleting one that does not exist is not an error. */
  async delete(name: string): Promise<void> {
    await unlink(join(this.directory, fileNameFor(name))).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  private async load(fileName: string): Promise<{ profile: Profile; problem?: ProfileProblem } | { problem: ProfileProblem }> {
    const path = join(this.directory, fileName);
    let message: string;
    try {
      const parsed = profileFileSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
      if (parsed.success) return await this.open(parsed.data, path, fileName);
      const issue = parsed.error.issues[0]!;
      message = `${issue.path.join('.') || 'profile'}: ${issue.message}`;
    } catch (error) {
      message = error instanceof SyntaxError ? `not valid JSON: ${error.message}` : (error as Error).message;
    }
    const keptAs = `${fileName}.corrupt-${Date.now()}`;
    await rename(path, join(this.directory, keptAs));
    return { problem: { fileName, message: `${fileName}: ${message}`, keptAs } };
  }

  private async open(file: ProfileFile, path: string, fileName: string): Promise<{ profile: Profile; problem?: ProfileProblem }> {
    const opened = openProfileFile(file, this.cipher, fileName);
    if (opened.problem) return { profile: opened.profile, problem: { fileName, message: englishText(opened.problem), text: opened.problem } };
    // Best effort: a failed rewrite leaves the file as it was, which still loads.
    if (opened.isRewriteDue) await writeFileAtomic(path, profileFileText(opened.profile, file, this.cipher)).catch(() => undefined);
    return { profile: opened.profile };
  }
}

/** The valid profile file at `path`, or null when there is none or it does not validate (`list` reports those). */
async function readValidFile(path: string): Promise<ProfileFile | null> {
  try {
    const parsed = profileFileSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A file name that cannot escape the folder whatever the profile is called. */
function fileNameFor(name: string): string {
  return `${encodeURIComponent(name).replace(/\./g, '%2E')}${suffix}`;
}
