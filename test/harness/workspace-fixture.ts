import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTempDir, type TempDir } from './temp-dir.js';

/** A workspace folder for tests, written as a user (or git) would leave it, plus a separate data folder for secrets. */
export interface WorkspaceFixture {
  readonly root: TempDir;
  /** The workspace folder (inside `root`). */
  readonly path: string;
  /** Frameline's data folder (secrets, state), also inside `root` but never inside `path`. */
  readonly dataDirectory: string;
  write(relativePath: string, value: unknown): string;
}

/** An empty workspace with the given id and name. */
export function createWorkspaceFixture(id = 'test-workspace-0001'): WorkspaceFixture {
  const root = createTempDir('workspace');
  const path = root.file('shop-workspace');
  const dataDirectory = root.file('data');
  mkdirSync(path, { recursive: true });
  mkdirSync(dataDirectory, { recursive: true });
  const write = (relativePath: string, value: unknown): string => {
    const file = join(path, relativePath);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`);
    return file;
  };
  write('frameline-workspace.json', { format: 'frameline-workspace', version: 1, id, name: 'Shop', connectionOrder: ['shop'], defaultEnvironment: 'local' });
  return { root, path, dataDirectory, write };
}

/** The shop connection: log in, subscribe, acknowledge an order; every value from variables. */
export const shopConnection = {
  format: 'frameline-connection',
  version: 1,
  id: 'shop',
  name: 'Shop orders',
  options: { url: 'ws://127.0.0.1:{{port}}/orders', headers: [['X-Client', 'frameline-{{$uuid}}'], ['X-Api-Key', '{{apiKey}}']] },
  messages: [
    { id: 'login', name: 'Log in', kind: 'raw', mode: 'json', text: '{"op":"login","user":"{{user}}","password":"{{password}}"}' },
    { id: 'subscribe', name: 'Subscribe to orders', kind: 'raw', mode: 'json', text: '{"op":"subscribe","topic":"orders","session":"{{session}}"}' },
    { id: 'ack', name: 'Acknowledge the order', kind: 'raw', mode: 'json', text: '{"op":"ack","orderId":"{{orderId}}","session":"{{session}}"}' },
  ],
};

/** The `local` environment: the port is filled per test, the password and API key are secrets. */
export function localEnvironment(port: number): unknown {
  return {
    format: 'frameline-environment',
    version: 1,
    id: 'local',
    name: 'Local',
    variables: [{ name: 'port', value: String(port) }, { name: 'user', value: 'alice' }, { name: 'password', secret: true }, { name: 'apiKey', secret: true }],
  };
}

/** Logs in, subscribes, expects the pushed order, captures its id and the session, and acknowledges it. */
export const orderScenario = {
  format: 'frameline-scenario',
  version: 1,
  name: 'Order flow',
  description: 'Log in, subscribe, receive a pushed order and acknowledge it with the captured id.',
  steps: [
    { step: 'connect', connection: 'shop' },
    { step: 'send', message: 'login' },
    { step: 'expect', name: 'welcomed', json: { '$.op': 'welcome', '$.user': 'alice' }, capture: { session: '$.session' }, timeoutMs: 5000 },
    { step: 'send', message: 'subscribe' },
    { step: 'expect', json: { '$.op': 'subscribed' } },
    { step: 'expect', name: 'order pushed', json: { '$.op': 'event', '$.data.price': 42.5 }, capture: { orderId: '$.data.orderId' }, timeoutMs: 5000 },
    { step: 'send', message: 'ack' },
    { step: 'expect', name: 'acknowledged', regex: '"op":"acked"', json: { '$.orderId': '{{orderId}}' } },
    { step: 'ping', withinMs: 2000 },
    { step: 'disconnect' },
  ],
};

/**
 * Alice and Bob chat through a chat room at the same time, one branch each: every message waits
 * for the other's answer, so it passes only when both branches really run at once (run one after
 * the other, Alice would wait for a reply Bob has not sent yet). `{{port}}` is the room's port.
 */
export const chatScenario = {
  format: 'frameline-scenario',
  version: 1,
  name: 'Two clients chat',
  steps: [
    { step: 'connect', as: 'alice', url: 'ws://127.0.0.1:{{port}}/?name=alice' },
    { step: 'connect', as: 'bob', url: 'ws://127.0.0.1:{{port}}/?name=bob' },
    {
      step: 'parallel',
      name: 'chat',
      branches: [
        {
          name: 'alice',
          steps: [
            { step: 'send', on: 'alice', text: 'hi bob' },
            { step: 'expect', on: 'alice', json: { '$.from': 'bob', '$.text': 'hi alice' }, capture: { bobSays: '$.text' } },
            { step: 'send', on: 'alice', text: 'how are you?' },
            { step: 'expect', on: 'alice', json: { '$.from': 'bob', '$.text': 'fine' } },
          ],
        },
        {
          name: 'bob',
          steps: [
            { step: 'expect', on: 'bob', json: { '$.from': 'alice', '$.text': 'hi bob' } },
            { step: 'send', on: 'bob', text: 'hi alice' },
            { step: 'expect', on: 'bob', json: { '$.from': 'alice', '$.text': 'how are you?' } },
            { step: 'send', on: 'bob', text: 'fine' },
          ],
        },
      ],
    },
    { step: 'send', on: 'alice', text: 'bob said {{bobSays}}' },
    { step: 'expect', on: 'bob', json: { '$.text': 'bob said hi alice' } },
    { step: 'disconnect', on: 'alice' },
    { step: 'disconnect', on: 'bob' },
  ],
};
