import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runRelay } from '../../../electron/cli/relay-command.js';
import { startCliRelay } from './relay-cli.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { freePort } from '../../harness/free-port.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';
import { connectWs } from '../../harness/ws-client.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';

describe('frameline relay', () => {
  let upstream: WsServerPeer | undefined;
  let temp: TempDir | undefined;
  afterEach(async () => {
    await upstream?.stop();
    temp?.remove();
  });

  it('prints all four legs, pauses at --break, and forwards what /edit says; the server and the client see the edit', async () => {
    upstream = await startWsServer();
    temp = createTempDir('relay-cli');
    const port = await freePort();
    const relay = await startCliRelay([`127.0.0.1:${port}`, '--to', upstream.url, '--break', 'out:secret'], temp.path);
    const client = await connectWs(`ws://127.0.0.1:${port}/`);
    client.socket.send('the secret plan');
    await relay.waitForOut(/paused #1 \(breakpoint break-1\) C→R text, 15 bytes: the secret plan/);
    relay.type('/edit 1 the public plan');
    expect((await client.nextMessages(1))[0]?.data.toString()).toBe('the public plan');
    expect(upstream.receivedMessages().map((message) => message.data.toString())).toEqual(['the public plan']);
    relay.type('/inject client a word from the relay');
    expect((await client.nextMessages(1))[0]?.data.toString()).toBe('a word from the relay');
    client.socket.close(1000);
    await client.closed();
    const out = await relay.waitForOut(/closed .*leg=client/);
    expect(await relay.stop()).toBe(0);
    expect(out).toMatch(/C→R #\d+ +text +FIN MASK [0-9a-f]{8} +len 15 +the secret plan/);
    expect(out).toMatch(/R→S #\d+ +text +FIN MASK [0-9a-f]{8} +len 15 +the public plan ⇄ #\d+/);
    expect(out).toMatch(/· note edited by you: 15 bytes forwarded instead \(leg=client\)/);
    expect(out).toMatch(/R→C #\d+ +text +FIN +len 21 +a word from the relay\n/);
  });

  it('speaks Chinese when asked, and --show-ca makes the CA once and says how to trust it', async () => {
    temp = createTempDir('relay-cli');
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const io = { stdin: new PassThrough(), stdout, stderr: new PassThrough(), isStdinTerminal: false };
    expect(await runRelay(['--show-ca'], io, createTranslate('zh-CN'), Promise.resolve(), temp.path)).toBe(0);
    expect(out).toMatch(/已创建中继的本地证书颁发机构/);
    expect(out).toMatch(/--ignore-certificate-errors-spki-list=[A-Za-z0-9+/]{43}=/);
    out = '';
    expect(await runRelay(['--show-ca'], io, createTranslate('en'), Promise.resolve(), temp.path)).toBe(0);
    expect(out).toMatch(/^The relay's local certificate authority: /);
  });
});
