import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../profiles/atomic-file.js';
import type { SecretCipher } from '../secrets/secret-cipher.js';

/** Secrets that hold for every environment (those moved out of connection files) are filed under this key. */
export const ANY_ENVIRONMENT = '*';

const storedValueSchema = z.union([z.object({ plain: z.string() }).strict(), z.object({ sealed: z.string() }).strict()]);

const secretsFileSchema = z.object({
  format: z.literal('frameline-secrets'),
  version: z.literal(1),
  workspaceId: z.string(),
  /** By environment id (or `*`), then variable name. */
  values: z.record(z.string(), z.record(z.string(), storedValueSchema)),
});

type SecretsFile = z.output<typeof secretsFileSchema>;
type StoredValue = z.output<typeof storedValueSchema>;

/**
 * The secret values of one workspace, kept outside its folder (under the app data folder, keyed
 * by the workspace's id) so nothing secret can be committed with the workspace. The file is
 * readable by the user only; with a cipher (Electron safeStorage) each value is also encrypted.
 * A file that cannot be read is set aside and reported, never overwritten silently.
 */
export class SecretStore {
  private file: SecretsFile | null = null;
  private problemText: string | null = null;

  constructor(readonly path: string, private readonly workspaceId: string, private readonly cipher: SecretCipher | null) {}

  /** Where the secrets of `workspaceId` live under `dataDirectory`. */
  static pathFor(dataDirectory: string, workspaceId: string): string {
    return join(dataDirectory, 'secrets', `${workspaceId}.json`);
  }

  /** A problem met while loading (a corrupt file set aside, a value the keychain could not open), or null. */
  get problem(): string | null {
    return this.problemText;
  }

  /**
   * Every value of one environment (or `*`), decrypted. Values the keychain asks to encrypt again
   * (its key was rotated) are sealed anew and the file written again, best effort.
   */
  async values(environment: string): Promise<Map<string, string>> {
    const file = await this.load();
    const values = new Map<string, string>();
    const reEncryptionDue: string[] = [];
    for (const [name, stored] of Object.entries(file.values[environment] ?? {})) {
      const opened = await this.open(stored, name);
      if (opened === null) continue;
      values.set(name, opened.value);
      if (opened.isReEncryptionDue) reEncryptionDue.push(name);
    }
    if (reEncryptionDue.length > 0) await this.reEncrypt(environment, reEncryptionDue, values);
    return values;
  }

  /** Every stored value of every environment (to redact them from any export). */
  async allValues(): Promise<string[]> {
    const file = await this.load();
    const values: string[] = [];
    for (const environment of Object.keys(file.values)) values.push(...(await this.values(environment)).values());
    return values.filter((value) => value !== '');
  }

  /** The names that have a value, by environment (for the window: which secrets are set, never their values). */
  async names(): Promise<Record<string, string[]>> {
    const file = await this.load();
    return Object.fromEntries(Object.entries(file.values).map(([environment, entries]) => [environment, Object.keys(entries).sort()]));
  }

  /**
   * The names whose sealed value this process cannot open (no keychain here, or another keychain
   * sealed it), by environment: the window marks them to be typed again. Their values stay as stored.
   */
  async unopenedNames(): Promise<Record<string, string[]>> {
    const file = await this.load();
    const unopened: Record<string, string[]> = {};
    for (const [environment, entries] of Object.entries(file.values)) {
      const names: string[] = [];
      for (const [name, stored] of Object.entries(entries)) if ((await this.open(stored, name)) === null) names.push(name);
      if (names.length > 0) unopened[environment] = names.sort();
    }
    return unopened;
  }

  /** One value, decrypted, or null when none is stored (for the window's Reveal, which the user asks for). */
  async value(environment: string, name: string): Promise<string | null> {
    return (await this.values(environment)).get(name) ?? null;
  }

  /** Sets (or with null, removes) secret values and writes the file atomically. */
  async set(environment: string, changes: Readonly<Record<string, string | null>>): Promise<void> {
    await this.edit(environment, {}, changes);
  }

  /**
   * Renames stored values (`renamed`: old name → new name, moved as stored, never decrypted), then
   * sets or removes values, and writes the file once, atomically.
   */
  async edit(environment: string, renamed: Readonly<Record<string, string>>, changes: Readonly<Record<string, string | null>>): Promise<void> {
    const file = await this.load();
    const before = file.values[environment] ?? {};
    const entries = { ...before };
    for (const from of Object.keys(renamed)) delete entries[from];
    for (const [from, to] of Object.entries(renamed)) if (before[from] !== undefined) entries[to] = before[from];
    for (const [name, value] of Object.entries(changes)) {
      if (value === null) delete entries[name];
      else entries[name] = await this.seal(value);
    }
    await this.write({ ...file.values, [environment]: entries });
  }

  /** Removes every value of one environment (it was deleted). */
  async clearEnvironment(environment: string): Promise<void> {
    const file = await this.load();
    if (file.values[environment] === undefined) return;
    await this.write({ ...file.values, [environment]: {} });
  }

  private async write(values: SecretsFile['values']): Promise<void> {
    const kept = Object.fromEntries(Object.entries(values).filter(([, entries]) => Object.keys(entries).length > 0));
    this.file = { ...(await this.load()), values: kept };
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.path, `${JSON.stringify(this.file, null, 2)}\n`);
  }

  private async load(): Promise<SecretsFile> {
    if (this.file) return this.file;
    const empty: SecretsFile = { format: 'frameline-secrets', version: 1, workspaceId: this.workspaceId, values: {} };
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.file = empty;
      return empty;
    }
    let parsed: ReturnType<typeof secretsFileSchema.safeParse> | null = null;
    try {
      parsed = secretsFileSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = null;
    }
    if (parsed?.success) {
      this.file = parsed.data;
      return this.file;
    }
    const keptAs = `${this.path}.corrupt-${Date.now()}`;
    await rename(this.path, keptAs);
    this.problemText = `the secrets file could not be read and was kept as ${keptAs}; secret variables have no values until they are set again`;
    this.file = empty;
    return empty;
  }

  /**
   * Seals `names` of one environment again with the keychain's current key and writes the file.
   * Only sealed values are replaced, never with plain ones; if the keychain refuses or the write
   * fails, the file keeps the values it had, which still decrypt.
   */
  private async reEncrypt(environment: string, names: readonly string[], values: ReadonlyMap<string, string>): Promise<void> {
    if (this.cipher === null) return;
    try {
      const resealed: Record<string, StoredValue> = {};
      for (const name of names) resealed[name] = { sealed: Buffer.from(await this.cipher.encrypt(values.get(name) ?? '')).toString('base64') };
      const file = await this.load();
      await this.write({ ...file.values, [environment]: { ...file.values[environment], ...resealed } });
    } catch {
      // Best effort: the old sealed values stay, and the next read asks the keychain again.
    }
  }

  private async seal(value: string): Promise<StoredValue> {
    if (this.cipher !== null && (await this.cipher.isAvailable())) return { sealed: Buffer.from(await this.cipher.encrypt(value)).toString('base64') };
    return { plain: value };
  }

  private async open(stored: StoredValue, name: string): Promise<{ value: string; isReEncryptionDue: boolean } | null> {
    if ('plain' in stored) return { value: stored.plain, isReEncryptionDue: false };
    if (this.cipher === null || !(await this.cipher.isAvailable())) {
      this.problemText = `secret ${name} is encrypted with the system keychain, which is not available here`;
      return null;
    }
    try {
      const decrypted = await this.cipher.decrypt(Buffer.from(stored.sealed, 'base64'));
      return { value: decrypted.value, isReEncryptionDue: decrypted.shouldReEncrypt };
    } catch (error) {
      this.problemText = `secret ${name} could not be decrypted: ${(error as Error).message}`;
      return null;
    }
  }
}
