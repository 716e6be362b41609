import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startMosquitto } from '../../harness/mosquitto.js';
import { requirePeer } from '../../harness/require-peer.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startSocketIoServer } from '../../harness/socket-io-server.js';
import { createWorkspaceFixture, type WorkspaceFixture } from '../../harness/workspace-fixture.js';
import { runCli } from '../cli/run-cli.js';

// Saved protocol-mode messages and protocol expectations in `frameline run`, against mosquitto
// (Debian) and the socket.io server (npm): the scenario's sessions keep the protocols' duties.

const mosquitto = requirePeer('mosquitto');

const peers: RunningPeer[] = [];
let fixture: WorkspaceFixture | null = null;
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
  fixture?.root.remove();
  fixture = null;
});

/** A workspace with one connection, its saved messages, the `local` environment and one scenario. */
function workspaceWith(connection: unknown, variables: Record<string, string>, steps: readonly unknown[]): { scenario: string; captures: string } {
  fixture = createWorkspaceFixture();
  fixture.write('connections/shop.json', connection);
  fixture.write('environments/local.json', { format: 'frameline-environment', version: 1, id: 'local', name: 'Local', variables: Object.entries(variables).map(([name, value]) => ({ name, value })) });
  const scenario = fixture.write('scenarios/protocol.json', { format: 'frameline-scenario', version: 1, name: 'Protocol flow', steps: [{ step: 'connect', connection: 'shop' }, ...steps] });
  return { scenario, captures: fixture.root.file('runs') };
}

/** The sensors connection: MQTT 5 over mosquitto's WebSocket listener, its messages written as the composer's protocol mode saves them. */
function sensorsConnection(url: string): unknown {
  return {
    format: 'frameline-connection',
    version: 1,
    id: 'shop',
    name: 'Sensors',
    protocol: 'mqtt',
    options: { url, subprotocols: ['mqtt'] },
    messages: [
      { id: 'hello', name: 'CONNECT', kind: 'protocol', protocol: 'mqtt', message: { type: 'CONNECT', clientId: 'frameline-{{room}}', keepAliveSeconds: 1, protocolLevel: 5 } },
      { id: 'follow', name: 'Subscribe', kind: 'protocol', protocol: 'mqtt', message: { type: 'SUBSCRIBE', subscriptions: [{ topic: 'sensors/{{room}}/#', qos: 1 }] } },
      { id: 'reading', name: 'Publish a reading', kind: 'protocol', protocol: 'mqtt', message: { type: 'PUBLISH', topic: 'sensors/{{room}}/t', payload: '21.5 {{unit}}', qos: 1 } },
      { id: 'broken', name: 'Not MQTT input', kind: 'protocol', protocol: 'mqtt', message: { type: 'PUBLISH', qos: 'high' } },
    ],
  };
}

function captureFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.frameline.json')).map((name) => join(directory, name));
}

describe.skipIf(!mosquitto.isAvailable)('frameline run with saved MQTT messages (mosquitto)', () => {
  it('connects, subscribes and publishes from saved protocol messages with variables, expects CONNACK, SUBACK, the PUBLISH and its PUBACK, and stays past 1.5 × the keep-alive', async () => {
    const broker = await startMosquitto();
    peers.push(broker);
    const { scenario, captures } = workspaceWith(sensorsConnection(broker.url), { room: 'lab', unit: 'C' }, [
      { step: 'send', message: 'hello' },
      { step: 'expect', name: 'accepted', protocol: { kind: 'CONNACK' }, timeoutMs: 5000 },
      { step: 'send', message: 'follow' },
      { step: 'expect', protocol: { kind: 'SUBACK' }, timeoutMs: 5000 },
      // A silent 3.5 s: mosquitto drops a client silent for 1.5 × its 1 s keep-alive unless the session sends PINGREQs.
      { step: 'wait', ms: 3500 },
      { step: 'send', message: 'reading' },
      { step: 'expect', name: 'delivered', protocol: { kind: 'PUBLISH', summaryIncludes: 'sensors/lab/t' }, timeoutMs: 5000 },
      { step: 'expect', name: 'acknowledged', protocol: { kind: 'PUBACK' }, timeoutMs: 5000 },
      { step: 'disconnect' },
    ]);
    const run = await runCli(['run', scenario, '--env', 'local', '--captures', captures]);
    expect(run.status, `${run.stdout}\n${run.stderr}\n${broker.logs()}`).toBe(0);
    expect(run.stdout).toContain('PASSED Protocol flow');
    expect(broker.logs()).toMatch(/Received PINGREQ from frameline-lab/);
    expect(broker.logs()).toMatch(/Received PUBLISH from frameline-lab \(d0, q1, r0, m\d+, 'sensors\/lab\/t', \.\.\. \(6 bytes\)\)/);
    const [capture] = captureFiles(captures);
    expect(readFileSync(capture!, 'utf8')).toContain('"appProtocol":{"choice":"mqtt","id":"mqtt"');
  });

  it('reports an expectation in protocol terms with what arrived instead, and a saved message that is not valid input', async () => {
    const broker = await startMosquitto();
    peers.push(broker);
    const { scenario } = workspaceWith(sensorsConnection(broker.url), { room: 'lab', unit: 'C' }, [
      { step: 'send', message: 'hello' },
      { step: 'expect', name: 'wrong answer', protocol: { kind: 'PUBREC' }, timeoutMs: 1500 },
    ]);
    const run = await runCli(['run', scenario, '--env', 'local', '--no-captures']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('expected: a protocol message PUBREC');
    // The closest miss is the CONNACK, not the PINGRESPs the keep-alive duty brought since.
    expect(run.stdout).toMatch(/- protocol: expected a protocol message PUBREC, got "MQTT CONNACK[^"]*"/);

    const broken = fixture!.write('scenarios/broken.json', { format: 'frameline-scenario', version: 1, name: 'Broken', steps: [{ step: 'connect', connection: 'shop' }, { step: 'send', message: 'broken' }] });
    const refused = await runCli(['run', broken, '--env', 'local', '--no-captures']);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('message broken is not a mqtt protocol message Frameline can send: qos:');
  });
});

describe('frameline run with saved Socket.IO messages (npm socket.io v4)', () => {
  it('joins /chat, emits with an ack after several ping intervals and expects the echo and the ack in Socket.IO terms', async () => {
    const server = await startSocketIoServer({ version: 4, pingIntervalMs: 300, pingTimeoutMs: 300 });
    peers.push(server);
    const connection = {
      format: 'frameline-connection',
      version: 1,
      id: 'shop',
      name: 'Chat',
      options: { url: '{{url}}' },
      messages: [
        { id: 'join', name: 'Join /chat', kind: 'protocol', protocol: 'socket.io', message: { kind: 'connect', namespace: '/chat' } },
        { id: 'say', name: 'Say hello', kind: 'protocol', protocol: 'socket.io', message: { kind: 'event', namespace: '/chat', event: 'chat:message', argsJson: '["hello {{who}}"]', wantsAck: true } },
      ],
    };
    const { scenario } = workspaceWith(connection, { url: server.url, who: 'ada' }, [
      { step: 'expect', name: 'engine open', protocol: { kind: 'open' }, timeoutMs: 5000 },
      { step: 'send', message: 'join' },
      { step: 'expect', name: 'joined', protocol: { kind: 'CONNECT', summaryIncludes: '/chat' }, timeoutMs: 5000 },
      // Past several 300 ms ping intervals with a 300 ms timeout: only answered pings keep the session.
      { step: 'wait', ms: 2000 },
      { step: 'send', message: 'say' },
      { step: 'expect', name: 'echoed', protocol: { kind: 'EVENT', summaryIncludes: 'chat:echo' }, contains: 'hello ada', timeoutMs: 5000 },
      { step: 'expect', name: 'acknowledged', protocol: { kind: 'ACK' }, contains: '"ok":true', timeoutMs: 5000 },
      { step: 'disconnect' },
    ]);
    const run = await runCli(['run', scenario, '--env', 'local', '--no-captures']);
    const events = server.events().map((event) => `${event.kind} ${event.namespace} ${event.detail}`);
    expect(run.status, `${run.stdout}\n${run.stderr}\n${events.join('\n')}`).toBe(0);
    expect(events.filter((event) => event.startsWith('disconnect'))).not.toContainEqual(expect.stringContaining('ping timeout'));
  });
});
