import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPythonWs, type PythonWsPeer } from '../../harness/python-ws.js';
import { requirePeer } from '../../harness/require-peer.js';
import { createWorkspaceFixture, type WorkspaceFixture } from '../../harness/workspace-fixture.js';
import { runCli } from './run-cli.js';

/**
 * `frameline run` of a workspace connection copied from a profile whose Authorization value and
 * URL token this process could not open (the import keeps their marks, docs/settings-files.md):
 * the connect step fails before dialing, worded in the reader's language, and python3-websockets,
 * which prints a line for every TCP connection it accepts, sees none.
 */

const pythonWebsockets = requirePeer('python-websockets');

describe.skipIf(!pythonWebsockets.isAvailable)('frameline run of a connection with secrets it cannot open', () => {
  let peer: PythonWsPeer;
  let fixture: WorkspaceFixture;
  let scenario: string;

  beforeAll(async () => {
    peer = await startPythonWs({ logsAccepts: true });
    fixture = createWorkspaceFixture();
    fixture.write('connections/desk.json', {
      format: 'frameline-connection',
      version: 1,
      id: 'desk',
      name: 'desk',
      options: {
        url: `${peer.url}chat?room=1&access_token=`,
        headers: [['Authorization', '']],
        unopenedSecrets: [{ kind: 'header', name: 'Authorization', occurrence: 0 }, { kind: 'query-parameter', name: 'access_token', index: 1 }],
      },
      messages: [],
    });
    fixture.write('environments/local.json', { format: 'frameline-environment', version: 1, id: 'local', name: 'Local', variables: [] });
    scenario = fixture.write('scenarios/hello.json', { format: 'frameline-scenario', version: 1, name: 'Hello', steps: [{ step: 'connect', connection: 'desk' }, { step: 'disconnect' }] });
  }, 30_000);

  afterAll(async () => {
    fixture?.root.remove();
    await peer?.stop();
  });

  it('fails the connect step in English, naming both fields and what to do, and nothing reaches the peer', async () => {
    const run = await runCli(['run', scenario, '--lang', 'en', '--captures', fixture.root.file('runs')]);
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain("The saved settings hold the Authorization header's value and the value of the URL's access_token parameter, which this process cannot open");
    expect(peer.acceptedConnections()).toBe(0);
  }, 30_000);

  it('says the same in Chinese under --lang zh-CN', async () => {
    const run = await runCli(['run', scenario, '--lang', 'zh-CN', '--captures', fixture.root.file('runs')]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('当前进程无法打开保存的设置中的这些值，请求会把它们发成空值，因此没有建立连接：Authorization 请求头的值和 URL 查询参数 access_token 的值');
    expect(run.stdout).not.toContain('cannot open');
    expect(peer.acceptedConnections()).toBe(0);
  }, 30_000);

  it('connects once the values are in the connection again (the peer does count connections)', async () => {
    fixture.write('connections/desk.json', {
      format: 'frameline-connection',
      version: 1,
      id: 'desk',
      name: 'desk',
      options: { url: `${peer.url}chat?room=1&access_token=t0k`, headers: [['Authorization', 'Bearer typed']], unopenedSecrets: [{ kind: 'header', name: 'Authorization', occurrence: 0 }] },
      messages: [],
    });
    const run = await runCli(['run', scenario, '--lang', 'en', '--captures', fixture.root.file('runs')]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(peer.acceptedConnections()).toBe(1);
  }, 30_000);
});
