import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { preferencesSchema, userDataSchema, type UserData, type UserDataPart, type UserDataProblem } from '../../../shared/contract/user-data.js';
import { writeFileAtomic } from '../profiles/atomic-file.js';

/** Each part of the user's data is one file, so a corrupt one never takes the others with it. */
const files = {
  preferences: { fileName: 'preferences.json', schema: preferencesSchema, empty: () => preferencesSchema.parse({}) },
  snippets: { fileName: 'snippets.json', schema: userDataSchema.shape.snippets, empty: () => [] },
  history: { fileName: 'history.json', schema: userDataSchema.shape.history, empty: () => [] },
} as const;

type PartKind = keyof typeof files;

/**
 * The window's preferences, snippets and send history, as JSON files in the app data folder
 * (DESIGN.md "Files users keep"): written atomically, validated on load; a file that fails is
 * renamed aside (`*.corrupt-<time>`), reported once, and replaced by defaults, never lost.
 * Writes to one file are serialised, so a slow disk never reorders two saves.
 */
export class UserDataStore {
  private readonly writes = new Map<PartKind, Promise<void>>();

  constructor(private readonly directory: string) {}

  /** Everything saved, with a problem for each file that could not be loaded. */
  async load(): Promise<UserData> {
    await mkdir(this.directory, { recursive: true });
    const problems: UserDataProblem[] = [];
    const preferences = await this.loadPart('preferences', problems);
    const snippets = await this.loadPart('snippets', problems);
    const history = await this.loadPart('history', problems);
    return { preferences, snippets, history, problems };
  }

  /** Saves one part atomically. */
  async save(part: UserDataPart): Promise<void> {
    const value = part.kind === 'preferences' ? part.preferences : part.kind === 'snippets' ? part.snippets : part.history;
    const path = join(this.directory, files[part.kind].fileName);
    const previous = this.writes.get(part.kind) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(async () => {
      await mkdir(this.directory, { recursive: true });
      await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
    });
    this.writes.set(part.kind, next);
    await next;
  }

  private async loadPart<K extends PartKind>(kind: K, problems: UserDataProblem[]): Promise<z.output<(typeof files)[K]['schema']>> {
    const { fileName, schema, empty } = files[kind];
    const path = join(this.directory, fileName);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty() as z.output<(typeof files)[K]['schema']>;
      problems.push({ fileName, message: `${fileName}: ${(error as Error).message}` });
      return empty() as z.output<(typeof files)[K]['schema']>;
    }
    let message: string;
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data as z.output<(typeof files)[K]['schema']>;
      const issue = parsed.error.issues[0]!;
      message = `${issue.path.join('.') || 'file'}: ${issue.message}`;
    } catch (error) {
      message = error instanceof SyntaxError ? `not valid JSON: ${error.message}` : (error as Error).message;
    }
    const keptAs = `${fileName}.corrupt-${Date.now()}`;
    await rename(path, join(this.directory, keptAs));
    problems.push({ fileName, message: `${fileName}: ${message}`, keptAs });
    return empty() as z.output<(typeof files)[K]['schema']>;
  }
}
