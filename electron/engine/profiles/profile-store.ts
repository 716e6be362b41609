import { mkdir, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Profile, ProfileList, ProfileProblem } from '../../../shared/contract/profile.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { englishText } from '../../../shared/i18n/english-text.js';
import type { SecretCipher } from '../secrets/secret-cipher.js';
import { rewriteFileAtomic, sweepStaleTempFiles, writeFileAtomic } from './atomic-file.js';
import { openProfileFile, profileFileSchema, profileFileText, type ProfileFile } from './profile-file.js';

const suffix = '.profile.json';

/**
 * Named session settings, one JSON file each under the app data folder, written atomically
 * (atomic-file.ts), readable by the user only, its secrets (the proxy password, Authorization,
 * Proxy-Authorization and Cookie header values) encrypted with `cipher` (the desktop app's
 * keychain) when it works here (profile-file.ts; docs/settings-files.md). Files are validated on
 * load; a corrupt one is renamed aside (`*.corrupt-<time>`) and reported, never silently dropped
 * or overwritten. A secret this process cannot open leaves its profile listed without it and a
 * problem naming the field; the file is left as it is. Loading also deletes the
 * temp files of saves that were killed midway, which may hold a whole profile.
 */
export class ProfileStore {
  constructor(
    private readonly directory: string,
    private readonly cipher: SecretCipher | null,
  ) {}

  /**
   * Every valid profile, and a problem entry for each file that failed validation and for each
   * secret this process cannot open; temp files a killed save left behind are deleted first.
   * A secret kept in clear while the keychain works, or one the keychain asks to encrypt again
   * (its key was rotated), is encrypted in its file now.
   */
  async list(): Promise<ProfileList> {
    await mkdir(this.directory, { recursive: true });
    await sweepStaleTempFiles(this.directory);
    const names = (await readdir(this.directory)).filter((name) => name.endsWith(suffix)).sort();
    const profiles: Profile[] = [];
    const problems: ProfileProblem[] = [];
    for (const fileName of names) {
      const loaded = await this.load(fileName);
      if ('profile' in loaded) {
        profiles.push(loaded.profile);
        problems.push(...(loaded.problems ?? []));
      } else problems.push(loaded.problem);
    }
    return { profiles, problems };
  }

  /** Saves (or replaces) a profile atomically. */
  async save(name: string, options: SessionOptions): Promise<Profile> {
    await mkdir(this.directory, { recursive: true });
    const profile: Profile = { name, options, savedAt: Date.now() };
    const path = join(this.directory, fileNameFor(name));
    await writeFileAtomic(path, await profileFileText(profile, await readValidFile(path), this.cipher));
    return profile;
  }

  /** Deletes a profile; deleting one that does not exist is not an error. */
  async delete(name: string): Promise<void> {
    await unlink(join(this.directory, fileNameFor(name))).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  private async load(fileName: string): Promise<{ profile: Profile; problems?: ProfileProblem[] } | { problem: ProfileProblem }> {
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

  private async open(file: ProfileFile, path: string, fileName: string): Promise<{ profile: Profile; problems?: ProfileProblem[] }> {
    const opened = await openProfileFile(file, this.cipher, fileName);
    if (opened.problems.length > 0) return { profile: opened.profile, problems: opened.problems.map((problem) => ({ fileName, message: englishText(problem), text: problem })) };
    if (opened.isRewriteDue) await rewriteFileAtomic(path, () => profileFileText(opened.profile, file, this.cipher));
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
