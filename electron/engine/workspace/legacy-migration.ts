import type { ImportSource } from '../../../shared/contract/api-workspace.js';
import type { Profile } from '../../../shared/contract/profile.js';
import type { ImportResult } from '../../../shared/workspace/interop/imported.js';

type LegacySnippet = Extract<ImportSource, { kind: 'legacy' }>['snippets'][number];

/** The name of the connection that receives the composer's snippets, which belonged to no connection. */
export const SNIPPETS_CONNECTION_NAME = 'Composer snippets';

/**
 * Profiles and composer snippets as an import: each profile becomes a connection with its
 * settings; the snippets, which were never tied to a URL, become the saved messages of one
 * connection (to the first profile's URL, or the composer's default), from where a click sends
 * them on whichever session is open.
 */
export function legacyImport(profiles: readonly Profile[], snippets: readonly LegacySnippet[]): ImportResult {
  const connections: ImportResult['connections'][number][] = profiles.map((profile) => ({ name: profile.name, description: 'Migrated from a saved profile', options: profile.options, messages: [] }));
  if (snippets.length > 0) {
    connections.push({
      name: SNIPPETS_CONNECTION_NAME,
      description: 'Migrated from the composer’s saved snippets',
      options: { url: profiles[0]?.options.url ?? 'ws://127.0.0.1:8080/' },
      messages: snippets.map((snippet) => ({
        name: snippet.name,
        description: '',
        kind: 'raw' as const,
        mode: snippet.mode,
        encoding: snippet.encoding ?? (snippet.mode === 'binary' || snippet.mode === 'ping' || snippet.mode === 'pong' ? (snippet.binaryEncoding ?? 'hex') : 'text'),
        text: snippet.text,
      })),
    });
  }
  return { connections, environments: [], warnings: [] };
}
