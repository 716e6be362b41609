import type { ConnectionFile } from '../../../shared/workspace/connection-file.js';
import { fieldIssueText, issueText } from '../../../shared/i18n/schema-issue-text.js';
import { message, type Message } from '../../../shared/i18n/message.js';
import { connectionFileSchema } from '../../../shared/workspace/connection-file.js';
import { idFromName } from '../../../shared/workspace/entity-id.js';
import { environmentFileSchema } from '../../../shared/workspace/environment-file.js';
import type { ImportResult } from '../../../shared/workspace/interop/imported.js';
import type { OpenWorkspace } from './open-workspace.js';

/** What an import added. */
export interface ImportOutcome {
  readonly added: readonly string[];
  readonly warnings: readonly Message[];
}

/**
 * Writes what an importer read into the workspace: a connection file per connection (ids made from
 * the names, never overwriting one that exists; a connection with the same name and URL as an
 * existing one is skipped, so importing twice adds nothing), literal secrets moved to the store,
 * and an environment per imported variable set.
 */
export async function importIntoWorkspace(workspace: OpenWorkspace, imported: ImportResult): Promise<ImportOutcome> {
  const added: string[] = [];
  const warnings = [...imported.warnings];
  const takenIds = new Set(workspace.current.connections.map((connection) => connection.id));
  for (const connection of imported.connections) {
    const duplicate = workspace.current.connections.find((existing) => existing.name === connection.name && existing.options.url === connection.options.url);
    if (duplicate) {
      warnings.push(message('errors:import.duplicate', { name: connection.name, id: duplicate.id }));
      continue;
    }
    const id = idFromName(connection.name, takenIds);
    takenIds.add(id);
    const messageIds = new Set<string>();
    const parsed = connectionFileSchema.safeParse({
      format: 'frameline-connection',
      version: 1,
      id,
      name: connection.name.slice(0, 200),
      description: connection.description,
      options: connection.options,
      messages: connection.messages.map((saved) => {
        const messageId = idFromName(saved.name, messageIds);
        messageIds.add(messageId);
        return { ...saved, id: messageId, name: saved.name.slice(0, 200) };
      }),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      warnings.push(message('errors:import.connectionInvalid', { name: connection.name, problem: fieldIssueText(issue.path.join('.'), issue) }));
      continue;
    }
    await workspace.saveConnection(parsed.data satisfies ConnectionFile);
    added.push(id);
  }
  const takenEnvironments = new Set(workspace.current.environments.map((environment) => environment.id));
  for (const environment of imported.environments) {
    const id = idFromName(environment.name, takenEnvironments);
    takenEnvironments.add(id);
    const parsed = environmentFileSchema.safeParse({ format: 'frameline-environment', version: 1, id, name: environment.name.slice(0, 200), variables: environment.variables });
    if (!parsed.success) {
      warnings.push(message('errors:import.environmentInvalid', { name: environment.name, problem: issueText(parsed.error.issues[0]!) }));
      continue;
    }
    await workspace.folder.saveEnvironment(parsed.data);
    added.push(`environment ${id}`);
  }
  await workspace.reload();
  return { added, warnings };
}
