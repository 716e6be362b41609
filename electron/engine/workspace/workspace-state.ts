import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../profiles/atomic-file.js';

const stateSchema = z.object({
  lastPath: z.string().nullable().default(null),
  /** By workspace id: the environment this machine uses. */
  activeEnvironments: z.record(z.string(), z.string().nullable()).default({}),
});

/** What this machine remembers about workspaces: which one was open, which environment each uses. */
export type WorkspaceState = z.output<typeof stateSchema>;

/**
 * Per-machine workspace choices, kept beside the profiles and outside every workspace folder, so
 * picking `staging` never shows up as a change in git. An unreadable file counts as empty.
 */
export class WorkspaceStateFile {
  private readonly path: string;

  constructor(dataDirectory: string) {
    this.path = join(dataDirectory, 'workspace-state.json');
  }

  async read(): Promise<WorkspaceState> {
    try {
      const parsed = stateSchema.safeParse(JSON.parse(await readFile(this.path, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // Missing or unreadable: start from nothing; the next write replaces it whole.
    }
    return stateSchema.parse({});
  }

  async update(change: (state: WorkspaceState) => WorkspaceState): Promise<WorkspaceState> {
    const next = stateSchema.parse(change(await this.read()));
    await mkdir(dirname(this.path), { recursive: true });
    await writeFileAtomic(this.path, `${JSON.stringify(next, null, 2)}\n`);
    return next;
  }
}
