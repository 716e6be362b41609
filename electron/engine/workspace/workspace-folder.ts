import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import { connectionFileSchema, type ConnectionFile } from '../../../shared/workspace/connection-file.js';
import { environmentFileSchema, type EnvironmentFile } from '../../../shared/workspace/environment-file.js';
import { fileProblems, unreadableFile, type FileProblem } from '../../../shared/workspace/file-problem.js';
import { message, verbatim } from '../../../shared/i18n/message.js';
import { connectionFileText, environmentFileText, manifestText } from '../../../shared/workspace/file-text.js';
import { scenarioFileSchema, type ScenarioFile } from '../../../shared/workspace/scenario-file.js';
import { MANIFEST_FILE_NAME, WORKSPACE_FORMAT, workspaceManifestSchema, type WorkspaceManifest } from '../../../shared/workspace/workspace-manifest.js';
import { writeFileAtomic } from '../profiles/atomic-file.js';

/** Sub-folders, one file per entity (`<id>.json`), so a change touches one small file. */
export const CONNECTIONS_FOLDER = 'connections';
export const ENVIRONMENTS_FOLDER = 'environments';
export const SCENARIOS_FOLDER = 'scenarios';

/** A scenario as listed: its id, file and name, or the problems that keep it from running. */
export interface ScenarioEntry {
  readonly id: string;
  readonly fileName: string;
  readonly name: string;
  readonly stepCount: number;
}

/** Everything in a workspace folder, as read, with a problem for each file that did not validate. */
export interface LoadedWorkspace {
  readonly path: string;
  readonly manifest: WorkspaceManifest;
  /** In the manifest's order, then any others by id. */
  readonly connections: readonly ConnectionFile[];
  readonly environments: readonly EnvironmentFile[];
  readonly scenarios: readonly ScenarioEntry[];
  readonly problems: readonly FileProblem[];
}

/** A parsed file or its problems. */
export type ReadResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly FileProblem[] };

/**
 * One workspace folder on disk: `frameline-workspace.json`, `connections/`, `environments/`,
 * `scenarios/`. Files are validated when read (a bad one is reported with its file, place and
 * field, and left untouched: it is the user's, possibly in git); writes are atomic and produce
 * the stable text of shared/workspace/file-text.ts.
 */
export class WorkspaceFolder {
  private constructor(readonly path: string, private manifestValue: WorkspaceManifest) {}

  /** Opens the workspace at `path`; with `create`, makes an empty one there if none exists. */
  static async open(path: string, options: { readonly create?: boolean; readonly name?: string } = {}): Promise<WorkspaceFolder> {
    const manifestPath = join(path, MANIFEST_FILE_NAME);
    const read = await readJson(manifestPath, MANIFEST_FILE_NAME, workspaceManifestSchema);
    if (read.ok) return new WorkspaceFolder(path, read.value);
    const isMissing = read.problems.length === 1 && read.problems[0]!.text?.key === 'workspace:fileProblem.missing';
    if (!isMissing || !options.create) throw new WorkspaceOpenError(path, read.problems);
    const manifest = workspaceManifestSchema.parse({ format: WORKSPACE_FORMAT, version: 1, id: randomUUID(), name: options.name ?? (basename(path) || 'Workspace') });
    await mkdir(path, { recursive: true });
    const folder = new WorkspaceFolder(path, manifest);
    await folder.saveManifest(manifest);
    return folder;
  }

  /** The folder that holds `start` or the nearest parent with a manifest, or null (how `frameline run FILE` finds its workspace). */
  static async findFrom(start: string): Promise<string | null> {
    let current = start;
    for (;;) {
      try {
        await readFile(join(current, MANIFEST_FILE_NAME));
        return current;
      } catch {
        const parent = join(current, '..');
        if (parent === current) return null;
        current = parent;
      }
    }
  }

  get manifest(): WorkspaceManifest {
    return this.manifestValue;
  }

  /** Reads every file. */
  async load(): Promise<LoadedWorkspace> {
    const problems: FileProblem[] = [];
    const connections = await this.readAll(CONNECTIONS_FOLDER, connectionFileSchema, problems);
    const environments = await this.readAll(ENVIRONMENTS_FOLDER, environmentFileSchema, problems);
    const scenarios: ScenarioEntry[] = [];
    for (const fileName of await this.fileNames(SCENARIOS_FOLDER)) {
      const read = await this.readScenario(join(this.path, SCENARIOS_FOLDER, fileName));
      if (read.ok) scenarios.push({ id: fileName.replace(/\.json$/, ''), fileName: `${SCENARIOS_FOLDER}/${fileName}`, name: read.value.name, stepCount: read.value.steps.length });
      else problems.push(...read.problems);
    }
    for (const [id, files] of groupBy(connections, (file) => file.id)) {
      if (files.length > 1) problems.push(unreadableFile(`${CONNECTIONS_FOLDER}/${id}.json`, message('workspace:fileProblem.duplicateId', { id, files: files.length })));
    }
    const order = new Map(this.manifestValue.connectionOrder.map((id, index) => [id, index]));
    connections.sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity) || a.id.localeCompare(b.id));
    return { path: this.path, manifest: this.manifestValue, connections, environments, scenarios, problems };
  }

  /** Reads and validates one scenario file (any path). */
  async readScenario(path: string): Promise<ReadResult<ScenarioFile>> {
    const label = path.startsWith(this.path) ? path.slice(this.path.length + 1) : path;
    return readJson(path, label, scenarioFileSchema);
  }

  /** Writes a connection file (its id names the file) and keeps the manifest's order listing it. */
  async saveConnection(file: ConnectionFile): Promise<void> {
    const parsed = connectionFileSchema.parse(file);
    await mkdir(join(this.path, CONNECTIONS_FOLDER), { recursive: true });
    await writeFileAtomic(join(this.path, CONNECTIONS_FOLDER, `${parsed.id}.json`), connectionFileText(parsed));
    if (!this.manifestValue.connectionOrder.includes(parsed.id)) await this.saveManifest({ ...this.manifestValue, connectionOrder: [...this.manifestValue.connectionOrder, parsed.id] });
  }

  /** Removes a connection file and its place in the order. */
  async deleteConnection(id: string): Promise<void> {
    await unlinkIfPresent(join(this.path, CONNECTIONS_FOLDER, `${id}.json`));
    await this.saveManifest({ ...this.manifestValue, connectionOrder: this.manifestValue.connectionOrder.filter((each) => each !== id) });
  }

  /** Writes an environment file. */
  async saveEnvironment(file: EnvironmentFile): Promise<void> {
    const parsed = environmentFileSchema.parse(file);
    await mkdir(join(this.path, ENVIRONMENTS_FOLDER), { recursive: true });
    await writeFileAtomic(join(this.path, ENVIRONMENTS_FOLDER, `${parsed.id}.json`), environmentFileText(parsed));
  }

  /** Removes an environment file. */
  async deleteEnvironment(id: string): Promise<void> {
    await unlinkIfPresent(join(this.path, ENVIRONMENTS_FOLDER, `${id}.json`));
  }

  /** Writes the manifest. */
  async saveManifest(manifest: WorkspaceManifest): Promise<void> {
    const parsed = workspaceManifestSchema.parse(manifest);
    await writeFileAtomic(join(this.path, MANIFEST_FILE_NAME), manifestText(parsed));
    this.manifestValue = parsed;
  }

  private async readAll<T extends { id: string }>(folder: string, schema: z.ZodType<T, unknown>, problems: FileProblem[]): Promise<T[]> {
    const values: T[] = [];
    for (const fileName of await this.fileNames(folder)) {
      const read = await readJson(join(this.path, folder, fileName), `${folder}/${fileName}`, schema);
      if (!read.ok) {
        problems.push(...read.problems);
        continue;
      }
      if (`${read.value.id}.json` !== fileName) problems.push(unreadableFile(`${folder}/${fileName}`, message('workspace:fileProblem.idMismatch', { id: read.value.id, fileName })));
      values.push(read.value);
    }
    return values;
  }

  private async fileNames(folder: string): Promise<string[]> {
    try {
      return (await readdir(join(this.path, folder))).filter((name) => name.endsWith('.json')).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}

/** A folder that is not a workspace, or whose manifest is broken. */
export class WorkspaceOpenError extends Error {
  override readonly name = 'WorkspaceOpenError';
  constructor(readonly path: string, readonly problems: readonly FileProblem[]) {
    super(`${path} is not a Frameline workspace: ${problems.map((problem) => `${problem.fileName}: ${problem.message}`).join('; ')}`);
  }
}

/** Reads and validates one JSON file; every way it can fail is a problem naming the file. */
export async function readJson<T>(path: string, label: string, schema: z.ZodType<T, unknown>): Promise<ReadResult<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, problems: [unreadableFile(label, code === 'ENOENT' ? message('workspace:fileProblem.missing') : verbatim((error as Error).message))] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [unreadableFile(label, message('workspace:fileProblem.notJson', { detail: (error as Error).message }))] };
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: fileProblems(label, raw, parsed.error) };
}

async function unlinkIfPresent(path: string): Promise<void> {
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
