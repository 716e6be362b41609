import { CONNECTION_FORMAT, optionsTemplateSchema, type ConnectionFile, type OptionsTemplate } from './connection-file.js';
import { ENVIRONMENT_FORMAT, type EnvironmentFile } from './environment-file.js';
import { jsonEqual } from './message-match.js';
import { defaultReconnectPolicy } from './reconnect-policy.js';
import type { SavedMessage } from './saved-message.js';
import { WORKSPACE_FORMAT, type WorkspaceManifest } from './workspace-manifest.js';

/**
 * The text of workspace files, made for small git diffs: keys always in the same order (the
 * schema's), two-space indents, one array item per line or block, options and fields left at
 * their defaults omitted, a final newline. Writing a file that was read changes no byte.
 */

/** A connection file's text. */
export function connectionFileText(file: ConnectionFile): string {
  const reconnect = jsonEqual(file.reconnect, defaultReconnectPolicy) ? undefined : file.reconnect;
  return text({
    format: CONNECTION_FORMAT,
    version: 1,
    id: file.id,
    name: file.name,
    description: file.description || undefined,
    protocol: file.protocol ?? undefined,
    options: compactOptions(file.options),
    reconnect,
    messages: file.messages.map(messageFields),
  });
}

/** An environment file's text. */
export function environmentFileText(file: EnvironmentFile): string {
  return text({
    format: ENVIRONMENT_FORMAT,
    version: 1,
    id: file.id,
    name: file.name,
    variables: file.variables.map((variable) => ('secret' in variable ? { name: variable.name, secret: true, description: variable.description } : { name: variable.name, value: variable.value, description: variable.description })),
  });
}

/** The manifest's text. */
export function manifestText(manifest: WorkspaceManifest): string {
  return text({
    format: WORKSPACE_FORMAT,
    version: 1,
    id: manifest.id,
    name: manifest.name,
    connectionOrder: manifest.connectionOrder,
    defaultEnvironment: manifest.defaultEnvironment ?? undefined,
  });
}

/**
 * Options without the fields that equal their defaults (the URL always stays), so a file says only
 * what its author chose and picks up improved defaults later.
 */
export function compactOptions(options: OptionsTemplate): Record<string, unknown> {
  const defaults = optionsTemplateSchema.parse({ url: options.url }) as Record<string, unknown>;
  return { url: options.url, ...(difference(options as Record<string, unknown>, defaults) ?? {}) };
}

function messageFields(message: SavedMessage): Record<string, unknown> {
  if (message.kind === 'protocol') return { id: message.id, name: message.name, description: message.description || undefined, kind: 'protocol', protocol: message.protocol, message: message.message };
  return {
    id: message.id,
    name: message.name,
    description: message.description || undefined,
    kind: 'raw',
    mode: message.mode,
    encoding: message.encoding === 'text' ? undefined : message.encoding,
    closeCode: message.closeCode,
    text: message.text,
  };
}

function difference(value: Record<string, unknown>, defaults: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'url' || item === undefined) continue;
    const fallback = defaults[key];
    if (jsonEqual(item, fallback)) continue;
    const isNested = isPlainObject(item) && isPlainObject(fallback);
    out[key] = isNested ? (difference(item, fallback) ?? {}) : item;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: Record<string, unknown>): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
