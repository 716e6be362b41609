import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FramelineEngine } from '../../../electron/engine/api/engine.js';
import { eventually } from '../../harness/eventually.js';
import { createWorkspaceFixture, type WorkspaceFixture } from '../../harness/workspace-fixture.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';

const token = 'tok-apifox-6f1e2d3c4b5a';

function fixtureText(name: string): string {
  return readFileSync(new URL(`../../fixtures/apifox/${name}`, import.meta.url), 'utf8');
}

let workspace: WorkspaceFixture | null = null;
let engine: FramelineEngine | null = null;
let upstream: WsServerPeer | null = null;

afterEach(async () => {
  await engine?.dispose();
  await upstream?.stop();
  workspace?.root.remove();
  [engine, upstream, workspace] = [null, null, null];
});

async function openEngine(): Promise<FramelineEngine> {
  workspace = createWorkspaceFixture();
  engine = new FramelineEngine({ dataDirectory: workspace.dataDirectory, batchIntervalMs: 10 });
  await engine.run('openWorkspace', [workspace.path, { create: false }]);
  return engine;
}

describe('importing an Apifox export into a workspace, as the window does', () => {
  it('Apifox’s Postman Collection export: the imported connection reaches the ws server with its header, token and saved message', async () => {
    upstream = await startWsServer();
    const api = await openEngine();
    const exported = JSON.parse(fixtureText('apifox-postman-export.json')) as { variable: { key: string; value: string }[] };
    // The collection's own variables, pointed at the loopback server, plus the token its bearer auth names.
    exported.variable = [{ key: 'wsBase', value: `ws://127.0.0.1:${upstream.port}` }, { key: 'tenant', value: 'acme' }, { key: 'token', value: token }];
    const imported = await api.run('importIntoWorkspace', [{ kind: 'apifox', text: JSON.stringify(exported) }]);
    expect(imported.warnings).toEqual(['查询账户: not a WebSocket request (its URL is not ws:// or wss://); skipped']);
    const connection = imported.workspace.connections.find((each) => imported.added.includes(each.id))!;
    const environment = imported.workspace.environments.find((each) => imported.added.includes(`environment ${each.id}`))!;
    expect([connection.name, environment.name, imported.added.length]).toEqual(['推送 / 订阅行情', '行情服务', 2]);

    await api.run('setActiveEnvironment', [environment.id]);
    const { sessionId } = await api.run('connectWorkspaceConnection', [connection.id]);
    await eventually(async () => ((await api.run('listSessions', [])).find((session) => session.id === sessionId)?.state === 'open' ? true : undefined), 'the imported connection to open', 20_000);
    await api.run('sendSavedMessage', [sessionId, connection.id, connection.messages[0]!.id]);
    await eventually(() => (upstream!.receivedMessages().length > 0 ? true : undefined), 'the saved message at the server', 20_000);

    expect(upstream.receivedMessages().map((each) => each.data.toString())).toEqual(['{"op":"subscribe","channel":"ticker"}']);
    const request = upstream.upgradeRequests()[0]!;
    const headers = new Map<string, string>();
    for (let index = 0; index < request.rawHeaders.length; index += 2) headers.set(request.rawHeaders[index]!.toLowerCase(), request.rawHeaders[index + 1]!);
    // The disabled X-Trace header stays behind, as it does in Apifox and Postman.
    expect([request.url, headers.get('x-tenant'), headers.get('authorization'), headers.has('x-trace')]).toEqual(['/market?lang=zh', 'acme', `Bearer ${token}`, false]);
  });

  it('Apifox’s own format and text that is not JSON are refused with a message naming the field, and nothing is added', async () => {
    const api = await openEngine();
    const before = await api.run('getWorkspace', []);
    await expect(api.run('importIntoWorkspace', [{ kind: 'apifox', text: fixtureText('apifox-native-project.json') }])).rejects.toMatchObject({
      text: { key: 'workspace:apifox.nativeWebSockets', values: { field: 'webSocketCollection' } },
      message: expect.stringMatching(/^webSocketCollection: /),
    });
    await expect(api.run('importIntoWorkspace', [{ kind: 'apifox', text: fixtureText('apifox-openapi-export.json') }])).rejects.toMatchObject({ text: { key: 'workspace:apifox.openApi', values: { field: 'openapi' } } });
    await expect(api.run('importIntoWorkspace', [{ kind: 'apifox', text: '{"apifoxProject": ' }])).rejects.toMatchObject({ text: { key: 'workspace:error.apifoxNotJson' } });
    const after = await api.run('getWorkspace', []);
    expect([after!.connections, after!.environments]).toEqual([before!.connections, before!.environments]);
  });
});
