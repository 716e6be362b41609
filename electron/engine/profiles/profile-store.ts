import { mkdir, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { profileSchema, type Profile, type ProfileList, type ProfileProblem } from '../../../shared/contract/profile.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { sweepStaleTempFiles, writeFileAtomic } from './atomic-file.js';

const suffix = '.profile.json';

/**
 * Named session settings, one JSON file each under the app data folder, written atomically
 * (atomic-file.ts). Files are validated on load; a corrupt one is renamed aside
 * (`*.corrupt-<time>`) and reported, never silently dropped or overwritten. Loading also deletes
 * the temp files of saves that were killed midway, which may hold a whole profile. Files are created readable by the user only; proxy passwords in them are not
 * yet encrypted with the OS keychain (Electron safeStorage), which docs/architecture.md lists as open.
 */
export class ProfileStore {
  constructor(private readonly directory: string) {}

  /** Every valid profile, and a problem entry for each file that failed validation; temp files a killed save left behind are deleted first. */
  async list(): Promise<ProfileList> {
    await mkdir(this.directory, { recursive: true });
    await sweepStaleTempFiles(this.directory);
    const names = (await readdir(this.directory)).filter((name) => name.endsWith(suffix)).sort();
    const profiles: Profile[] = [];
    const problems: ProfileProblem[] = [];
    for (const fileName of names) {
      const loaded = await this.load(fileName);
      if ('problem' in loaded) problems.push(loaded.problem);
      else profiles.push(loaded.profile);
    }
    return { profiles, problems };
  }

  /** Saves (or replaces) a profile atomically. */
  async save(name: string, options: SessionOptions): Promise<Profile> {
    await mkdir(this.directory, { recursive: true });
    const profile: Profile = { name, options, savedAt: Date.now() };
    await writeFileAtomic(join(this.directory, fileNameFor(name)), `${JSON.stringify(profile, null, 2)}\n`);
    return profile;
  }

  /** Deletes a profile; deleting one that does not exist is not an error. */
  async delete(name: string): Promise<void> {
    await unlink(join(this.directory, fileNameFor(name))).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  private async load(fileName: string): Promise<{ profile: Profile } | { problem: ProfileProblem }> {
    const path = join(this.directory, fileName);
    let message: string;
    try {
      const parsed = profileSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
      if (parsed.success) return { profile: parsed.data };
      const issue = parsed.error.issues[0]!;
      message = `${issue.path.join('.') || 'profile'}: ${issue.message}`;
    } catch (error) {
      message = error instanceof SyntaxError ? `not valid JSON: ${error.message}` : (error as Error).message;
    }
    const keptAs = `${fileName}.corrupt-${Date.now()}`;
    await rename(path, join(this.directory, keptAs));
    return { problem: { fileName, message: `${fileName}: ${message}`, keptAs } };
  }
}

/** A file name that cannot escape the folder whatever the profile is called. */
function fileNameFor(name: string): string {
  return `${encodeURIComponent(name).replace(/\./g, '%2E')}${suffix}`;
}
