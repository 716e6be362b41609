import { readFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../harness/free-port.js';
import { startSocketIoServer, type SocketIoServerPeer } from '../../harness/socket-io-server.js';
import { tempDirPerTest } from '../../harness/temp-dir-per-test.js';
import { startCliRelay, type CliRelay } from './relay-cli.js';
import { bodyText, exchangeLines } from './relay-json-lines.js';

interface HarEntry {
  request: { postData?: { text: string } };
  response: { headers: { name: string; value: string }[]; content: { text?: string } };
  _frameline: { exchangeId: number };
}

/**
 * `frameline relay --json --har` between socket.io-client and a socket.io v4 server that sets
 * Engine.IO's sticky-session cookie: the handshake's answer carries the sid in `Set-Cookie`
 * (redacted) and in its body, the open packet. Each `http-exchange` line blanks it in the body
 * start as the HAR written at the stop does.
 */
describe('frameline relay --json: body starts without what the redaction took from URLs and heads (socket.io v4 with its sid cookie)', () => {
  const temp = tempDirPerTest('relay-json-bodies');
  let server: SocketIoServerPeer | undefined;
  let relay: CliRelay | undefined;
  let client: Socket | undefined;
  afterEach(async () => {
    client?.close();
    await relay?.stop();
    await server?.stop();
    client = relay = server = undefined;
  });

  /**
   * socket.io-client polling then upgrading through `frameline relay --json` (and `extra`) to a
   * socket.io v4 server, one acknowledged event, then the relay stopped: the Engine.IO sid and what
   * the relay printed.
   */
  async function relayedRun(hasSidCookie: boolean, extra: readonly string[], directory: string): Promise<{ sid: string; stdout: string }> {
    server = await startSocketIoServer({ version: 4, pingIntervalMs: 25_000, pingTimeoutMs: 20_000, isPollingToo: true, hasSidCookie });
    const port = await freePort();
    relay = await startCliRelay([`127.0.0.1:${port}`, '--to', `ws://127.0.0.1:${server.port}`, '--json', ...extra], directory);
    client = io(`http://127.0.0.1:${port}/chat`, { reconnection: false, timeout: 10_000 });
    await new Promise<void>((resolve, reject) => {
      client!.once('connect', () => resolve());
      client!.once('connect_error', reject);
    });
    const sid = client.io.engine.id;
    expect(sid.length).toBeGreaterThanOrEqual(6);
    expect(await client.timeout(10_000).emitWithAck('chat:message', 'through the relay')).toEqual({ ok: true, echo: 'through the relay' });
    await relay.waitForOut(/"kind":"http-exchange".*"method":"POST"/);
    client.close();
    client = undefined;
    expect(await relay.stop()).toBe(0);
    const stdout = relay.stdout();
    relay = undefined;
    return { sid, stdout };
  }

  it("blanks the sid of the handshake's Set-Cookie in its open packet, and every line's body starts are the HAR's", async () => {
    const dir = temp();
    const harFile = dir.file('exchanges.har');
    const { sid, stdout: relayStdout } = await relayedRun(true, ['--har', harFile], dir.path);

    const lines = exchangeLines(relayStdout);
    const handshake = lines.find((line) => bodyText(line.response?.body.start).startsWith('0{'));
    expect(handshake, relayStdout).toBeDefined();
    // The cookie went as the server wrote it, and the line shows it redacted: so its value goes from the body too.
    expect(handshake!.response!.headers.find(([name]) => name.toLowerCase() === 'set-cookie')?.[1]).toMatch(/^\*+$/);
    expect(bodyText(handshake!.response!.body.start)).toMatch(new RegExp(`^0\\{"sid":"\\*{${sid.length}}","upgrades":\\["websocket"\\],"pingInterval":25000,"pingTimeout":20000`));
    expect(JSON.stringify(lines)).not.toContain(sid);

    // Exactly as --har: each exchange's body starts in its line are the HAR entry's.
    const har = JSON.parse(readFileSync(harFile, 'utf8')) as { log: { entries: HarEntry[] } };
    expect(har.log.entries).toHaveLength(lines.length);
    for (const line of lines) {
      const entry = har.log.entries.find((each) => each._frameline.exchangeId === line.exchangeId)!;
      expect(bodyText(line.response?.body.start), JSON.stringify(line)).toBe(entry.response.content.text ?? '');
      expect(bodyText(line.requestBody.start), JSON.stringify(line)).toBe(entry.request.postData?.text ?? '');
    }
  }, 60_000);

  it('blanks the sid in the open packet of its own line when no cookie names it first: the line is printed once, so it must not carry it', async () => {
    const { sid, stdout: relayStdout } = await relayedRun(false, [], temp().path);
    const lines = exchangeLines(relayStdout);
    const handshake = lines.find((line) => bodyText(line.response?.body.start).startsWith('0{'));
    expect(handshake, relayStdout).toBeDefined();
    expect(handshake!.response!.headers.some(([name]) => name.toLowerCase() === 'set-cookie')).toBe(false);
    expect(bodyText(handshake!.response!.body.start)).toMatch(new RegExp(`^0\\{"sid":"\\*{${sid.length}}","upgrades":\\["websocket"\\]`));
    // The relayed WebSocket's own records are printed as they came, as `connect` prints them (records are not redacted live).
    expect(JSON.stringify(lines)).not.toContain(sid);
  }, 60_000);
});
