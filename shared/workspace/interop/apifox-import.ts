import { message, type Message } from '../../i18n/message.js';
import type { ImportResult } from './imported.js';
import { importPostmanCollection } from './postman-import.js';

/**
 * A JSON file an Apifox user holds, told apart by the fields each kind is known by:
 * - Postman Collection v2.1 (`info`, `item`; Apifox's documentation lists no such export, but a
 *   user may hold the interfaces as one): read by the Postman import, so its `ws://` and `wss://`
 *   requests become connections as they would from Postman;
 * - OpenAPI / Swagger (`openapi`, `swagger`): describes HTTP operations only, so it cannot carry a
 *   WebSocket interface; an error says so and names the field;
 * - "Apifox format", Apifox's own project file (`apifoxProject`, `$schema.app: "apifox"`): Apifox
 *   publishes no schema for it, and what its WebSocket items look like is documented nowhere, so it
 *   is refused with an error naming the field (`webSocketCollection` when it has entries) rather
 *   than read by guesswork. docs/workspaces.md says what to export instead.
 * Errors are messages, so the window words them in the reader's language.
 */
export function importApifoxExport(json: unknown): ImportResult | { readonly error: Message } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { error: message('workspace:apifox.notObject') };
  const file = json as Record<string, unknown>;
  const nativeField = 'apifoxProject' in file ? 'apifoxProject' : isApifoxSchemaTag(file['$schema']) ? '$schema.app' : null;
  if (nativeField !== null) {
    const webSockets = file['webSocketCollection'];
    if (Array.isArray(webSockets) && webSockets.length > 0) return { error: message('workspace:apifox.nativeWebSockets', { field: 'webSocketCollection' }) };
    return { error: message('workspace:apifox.native', { field: nativeField }) };
  }
  for (const field of ['openapi', 'swagger'] as const) {
    if (field in file) return { error: message('workspace:apifox.openApi', { field }) };
  }
  if (!('info' in file) && !('item' in file)) return { error: message('workspace:apifox.unknown') };
  const result = importPostmanCollection(json);
  if (!('error' in result)) return result;
  return { error: result.field === '' ? message('workspace:apifox.postmanWhole', { detail: result.detail }) : message('workspace:apifox.postmanField', { field: result.field, detail: result.detail }) };
}

/** `$schema: { app: "apifox" }`, the tag Apifox's own project files carry beside `apifoxProject`. */
function isApifoxSchemaTag(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { app?: unknown }).app === 'apifox';
}
