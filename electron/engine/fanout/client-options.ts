import { sessionOptionsSchema, type SessionOptions } from '../../../shared/contract/session-options.js';
import { fillTemplate } from '../../../shared/fanout/message-template.js';

/** The `{{name}}` values of client `client` (1-based): its number, the run id, and value i of each variable (cycling). */
export function clientValues(client: number, runId: string, variables: Readonly<Record<string, readonly string[]>>): Record<string, string | number> {
  const values: Record<string, string | number> = { client, run: runId };
  for (const [name, list] of Object.entries(variables)) values[name] = list[(client - 1) % list.length]!;
  return values;
}

/**
 * One client's connection settings: the shared ones (proxy, TLS, limits…) with `{{name}}` filled
 * in the URL, header values and Origin, so each client can carry its own user id or token.
 */
export function clientSessionOptions(base: SessionOptions, values: Readonly<Record<string, string | number>>): SessionOptions {
  return sessionOptionsSchema.parse({
    ...base,
    url: fillTemplate(base.url, values),
    headers: base.headers.map(([name, value]) => [name, fillTemplate(value, values)]),
    ...(base.origin ? { origin: fillTemplate(base.origin, values) } : {}),
  });
}
