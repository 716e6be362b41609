import type { ConnectionFile } from '../../../shared/workspace/connection-file.js';
import { MessageError } from '../../../shared/i18n/message-error.js';
import { message } from '../../../shared/i18n/message.js';
import type { EnvironmentFile } from '../../../shared/workspace/environment-file.js';
import { layerOf, VariableScope, type VariableLayer } from '../../../shared/workspace/variable-scope.js';
import { nodeDynamicSource } from './node-dynamic-source.js';
import type { SecretCipher } from '../secrets/secret-cipher.js';
import { extractSecrets } from './secret-extraction.js';
import { ANY_ENVIRONMENT, SecretStore } from './secret-store.js';
import { WorkspaceFolder, type LoadedWorkspace } from './workspace-folder.js';

/** Values given for one run or send besides the workspace's own (`--var`, `--secrets`, captured values). */
export interface ExtraVariables {
  /** Plain values (`--var name=value`); they win over everything in the workspace. */
  readonly values?: Readonly<Record<string, string>>;
  /** Secret values (`--secrets FILE`): redacted from captures like stored secrets. */
  readonly secrets?: Readonly<Record<string, string>>;
}

/**
 * A workspace in use: its folder, its secrets store (outside the folder), and the files as last
 * read. Saving a connection moves any literal secret in it to the store first.
 */
export class OpenWorkspace {
  private loaded: LoadedWorkspace;

  private constructor(readonly folder: WorkspaceFolder, readonly secrets: SecretStore, loaded: LoadedWorkspace) {
    this.loaded = loaded;
  }

  /** Opens (or with `create`, makes) the workspace at `path`; secrets live under `dataDirectory`. */
  static async open(path: string, dataDirectory: string, cipher: SecretCipher | null, options: { readonly create?: boolean } = {}): Promise<OpenWorkspace> {
    const folder = await WorkspaceFolder.open(path, options);
    const secrets = new SecretStore(SecretStore.pathFor(dataDirectory, folder.manifest.id), folder.manifest.id, cipher);
    return new OpenWorkspace(folder, secrets, await folder.load());
  }

  /** The files as last read. */
  get current(): LoadedWorkspace {
    return this.loaded;
  }

  /** Reads the folder again (after a save, or when files changed on disk). */
  async reload(): Promise<LoadedWorkspace> {
    this.loaded = await this.folder.load();
    return this.loaded;
  }

  /** A connection by id. */
  connection(id: string): ConnectionFile | undefined {
    return this.loaded.connections.find((connection) => connection.id === id);
  }

  /** An environment by id. */
  environment(id: string): EnvironmentFile | undefined {
    return this.loaded.environments.find((environment) => environment.id === id);
  }

  /** The environment a run uses: the one asked for, else the manifest's default, else none. */
  environmentId(asked: string | null | undefined): string | null {
    return asked ?? this.loaded.manifest.defaultEnvironment ?? null;
  }

  /**
   * Variables for `environmentId`: extra values first, then the environment's secrets, its plain
   * values, and the workspace-wide secrets (those moved out of connections).
   */
  async scope(environmentId: string | null, extra: ExtraVariables = {}): Promise<VariableScope> {
    const layers: VariableLayer[] = [];
    if (extra.values) layers.push(layerOf('--var', extra.values));
    if (extra.secrets) layers.push(layerOf('--secrets', extra.secrets, true));
    if (environmentId !== null) {
      const environment = this.environment(environmentId);
      if (!environment) throw new MessageError(this.loaded.environments.length > 0 ? message('errors:missing.environment', { id: environmentId, folder: this.folder.path, ids: this.loaded.environments.map((each) => each.id) }) : message('errors:missing.environmentNone', { id: environmentId, folder: this.folder.path }));
      layers.push(layerOf(`secrets of ${environmentId}`, await this.secrets.values(environmentId), true));
      const plain = new Map<string, string>();
      for (const variable of environment.variables) if (!('secret' in variable)) plain.set(variable.name, variable.value);
      layers.push(layerOf(`environment ${environmentId}`, plain));
    }
    layers.push(layerOf('workspace secrets', await this.secrets.values(ANY_ENVIRONMENT), true));
    return new VariableScope(layers, nodeDynamicSource);
  }

  /** Saves a connection, its literal secrets moved to the store; returns the names they got. */
  async saveConnection(file: ConnectionFile): Promise<string[]> {
    const { file: safe, secrets } = extractSecrets(file);
    if (Object.keys(secrets).length > 0) await this.secrets.set(ANY_ENVIRONMENT, secrets);
    await this.folder.saveConnection(safe);
    await this.reload();
    return Object.keys(secrets);
  }
}
