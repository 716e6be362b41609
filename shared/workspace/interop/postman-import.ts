import { z } from 'zod';
import { explainedPattern, issueText } from '../../i18n/schema-issue-text.js';
import { message, type Message } from '../../i18n/message.js';
import { encodeBase64 } from '../../protocol/base64.js';
import { encodeUtf8 } from '../../protocol/utf8-text.js';
import type { ImportedConnection, ImportedMessage, ImportResult } from './imported.js';

/**
 * Postman Collection Format v2.1 (and v2.0, the same shape for what is read here). The format has
 * no WebSocket request type, and Postman's app does not export its WebSocket requests to it; what
 * a v2.1 file can hold is a request whose URL is `ws://` or `wss://`, with headers, auth, a raw
 * body and saved examples. Each such item becomes a connection: its headers and auth (bearer,
 * basic, API key in a header) become handshake headers, its raw body and each example's request
 * body become saved messages. Collection variables become an environment, and `{{variables}}`
 * keep their meaning because Frameline writes them the same way. HTTP requests are listed as
 * skipped. docs/workspaces.md says what maps to what.
 */

const keyValue = z.object({ key: z.string().nullable().optional(), value: z.unknown().optional(), disabled: z.boolean().optional(), type: z.string().optional() }).passthrough();
const description = z.union([z.string(), z.object({ content: z.string().optional() }).passthrough(), z.null()]).optional();
const url = z.union([
  z.string(),
  z.object({ raw: z.string().optional(), protocol: z.string().optional(), host: z.union([z.string(), z.array(z.string())]).optional(), port: z.string().optional(), path: z.unknown().optional(), query: z.array(keyValue).nullable().optional() }).passthrough(),
]);
const auth = z.object({ type: z.string() }).catchall(z.unknown()).nullable().optional();
const body = z.object({ mode: z.string().optional(), raw: z.string().optional(), options: z.object({ raw: z.object({ language: z.string().optional() }).passthrough().optional() }).passthrough().optional() }).passthrough().nullable().optional();
const request = z.union([
  z.string(),
  z.object({ url: url.optional(), method: z.string().optional(), header: z.union([z.array(keyValue), z.string()]).optional(), body, auth, description }).passthrough(),
]);
const response = z.object({ name: z.string().optional(), originalRequest: request.optional() }).passthrough();

type Item = { name?: string; description?: z.output<typeof description>; request?: z.output<typeof request>; response?: z.output<typeof response>[]; item?: Item[]; auth?: z.output<typeof auth> };
const item: z.ZodType<Item, unknown> = z.lazy(() =>
  z.object({ name: z.string().optional(), description, request: request.optional(), response: z.array(response).optional(), item: z.array(item).optional(), auth }).passthrough(),
);

const postmanVersions = /collection\/v2\.[01]\.0\//;
const collectionSchema = z.object({
  info: z.object({ name: z.string(), schema: z.string().regex(postmanVersions, explainedPattern(postmanVersions, message('errors:import.postmanVersion'))), description }).passthrough(),
  item: z.array(item),
  variable: z.array(keyValue).optional(),
  auth,
}).passthrough();

/** Why a file is not a Postman collection v2.1: the field (dotted path, empty for the whole file) and what is wrong with it, as messages. */
export interface PostmanProblem {
  readonly error: Message;
  readonly field: string;
  readonly detail: Message;
}

/** Reads a Postman v2.1 collection (parsed JSON). A file that is not one is an error naming the field. */
export function importPostmanCollection(json: unknown): ImportResult | PostmanProblem {
  const parsed = collectionSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    const detail = issueText(issue);
    return { error: field ? message('errors:import.postman', { field, problem: detail }) : message('errors:import.postmanFile', { problem: detail }), field, detail };
  }
  const collection = parsed.data;
  const variables = new Map<string, string>();
  for (const variable of collection.variable ?? []) if (variable.key && !variable.disabled) variables.set(variable.key, stringValue(variable.value));
  const connections: ImportedConnection[] = [];
  const warnings: Message[] = [];
  walk(collection.item, [], collection.auth ?? null, variables, connections, warnings);
  const environments = variables.size > 0 ? [{ name: collection.info.name, variables: [...variables].map(([name, value]) => ({ name, value })) }] : [];
  if (connections.length === 0) warnings.push(message('errors:import.noWebSocket'));
  return { connections, environments, warnings };
}

function walk(items: readonly Item[], folders: readonly string[], inheritedAuth: z.output<typeof auth>, variables: ReadonlyMap<string, string>, out: ImportedConnection[], warnings: Message[]): void {
  for (const entry of items) {
    const name = entry.name ?? 'Untitled';
    const itemAuth = entry.auth === undefined ? inheritedAuth : entry.auth;
    if (entry.item) {
      walk(entry.item, [...folders, name], itemAuth, variables, out, warnings);
      continue;
    }
    if (entry.request === undefined) continue;
    const connection = connectionOf(entry, [...folders, name].join(' / '), itemAuth, variables);
    if (connection) out.push(connection);
    else warnings.push(message('errors:import.notWebSocket', { item: [...folders, name].join(' / ') }));
  }
}

function connectionOf(entry: Item, name: string, inheritedAuth: z.output<typeof auth>, variables: ReadonlyMap<string, string>): ImportedConnection | null {
  const requestValue = entry.request!;
  const requestObject = typeof requestValue === 'string' ? { url: requestValue } : requestValue;
  const address = urlText(requestObject.url);
  if (!isWebSocketUrl(address, variables)) return null;
  const headers: [string, string][] = [];
  if (Array.isArray(requestObject.header)) {
    for (const header of requestObject.header) if (header.key && !header.disabled) headers.push([header.key, stringValue(header.value)]);
  } else if (typeof requestObject.header === 'string') {
    for (const line of requestObject.header.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
  }
  const requestAuth = 'auth' in requestObject && requestObject.auth !== undefined ? requestObject.auth : inheritedAuth;
  const authHeader = authHeaderOf(requestAuth ?? null);
  if (authHeader && !headers.some(([key]) => key.toLowerCase() === authHeader[0].toLowerCase())) headers.push(authHeader);
  const messages: ImportedMessage[] = [];
  const bodyMessage = messageOf('Message', 'body' in requestObject ? requestObject.body : undefined);
  if (bodyMessage) messages.push(bodyMessage);
  for (const example of entry.response ?? []) {
    const original = example.originalRequest;
    const message = typeof original === 'object' ? messageOf(example.name ?? `Example ${messages.length + 1}`, original.body) : null;
    if (message) messages.push(message);
  }
  return { name, description: descriptionText(entry.description ?? ('description' in requestObject ? requestObject.description : undefined)), options: { url: address, headers }, messages };
}

function urlText(value: z.output<typeof url> | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value.raw) return value.raw;
  const host = Array.isArray(value.host) ? value.host.join('.') : (value.host ?? '');
  const path = Array.isArray(value.path) ? value.path.map((segment) => (typeof segment === 'string' ? segment : ((segment as { value?: string }).value ?? ''))).join('/') : typeof value.path === 'string' ? value.path : '';
  const query = (value.query ?? []).filter((pair) => pair.key && !pair.disabled).map((pair) => `${pair.key}=${stringValue(pair.value)}`).join('&');
  // A host that is a variable ({{wsBase}}) usually carries the scheme itself, as Postman's SDK writes it.
  const scheme = value.protocol ? `${value.protocol}://` : /^\{\{/.test(host) ? '' : 'ws://';
  return `${scheme}${host}${value.port ? `:${value.port}` : ''}${path ? `/${path.replace(/^\//, '')}` : ''}${query ? `?${query}` : ''}`;
}

/** ws(s):// itself, or a leading `{{variable}}` whose collection value starts so. */
function isWebSocketUrl(address: string, variables: ReadonlyMap<string, string>): boolean {
  const leading = /^\{\{\s*([^}\s]+)\s*\}\}/.exec(address);
  const expanded = leading ? `${variables.get(leading[1]!) ?? ''}${address.slice(leading[0].length)}` : address;
  return /^wss?:\/\//i.test(expanded.trim());
}

/** Bearer, basic and header API keys become a handshake header; other schemes (OAuth flows, signatures) cannot be replayed statically. */
function authHeaderOf(value: z.output<typeof auth>): [string, string] | null {
  if (!value) return null;
  const fields = new Map<string, string>();
  const list = value[value.type];
  if (Array.isArray(list)) for (const pair of list as { key?: string; value?: unknown }[]) if (pair.key) fields.set(pair.key, stringValue(pair.value));
  switch (value.type) {
    case 'bearer':
      return fields.has('token') ? ['Authorization', `Bearer ${fields.get('token')}`] : null;
    case 'basic':
      return ['Authorization', `Basic ${encodeBase64(encodeUtf8(`${fields.get('username') ?? ''}:${fields.get('password') ?? ''}`))}`];
    case 'apikey':
      return fields.get('in') === 'query' || !fields.has('key') ? null : [fields.get('key')!, fields.get('value') ?? ''];
    default:
      return null;
  }
}

function messageOf(name: string, value: z.output<typeof body> | undefined): ImportedMessage | null {
  if (!value || value.mode !== 'raw' || value.raw === undefined || value.raw === '') return null;
  const isJson = value.options?.raw?.language === 'json';
  return { name, description: '', kind: 'raw', mode: isJson ? 'json' : 'text', encoding: 'text', text: value.raw };
}

function descriptionText(value: z.output<typeof description>): string {
  if (!value) return '';
  return typeof value === 'string' ? value : (value.content ?? '');
}

function stringValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
