import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ProfileStore } from '../../../electron/engine/profiles/profile-store.js';
import { RelaySettingsStore } from '../../../electron/engine/relay/relay-settings-store.js';
import { safeStorageCipher } from '../../../electron/engine/secrets/safe-storage-cipher.js';
import type { RecordPage } from '../../../shared/contract/api-session.js';
import { relaySettingsSchema, type RelaySettings } from '../../../shared/contract/api-relay.js';
import type { ProfileList } from '../../../shared/contract/profile.js';
import { defaultSessionOptions, type SessionOptions } from '../../../shared/contract/session-options.js';
import { aesSafeStorage } from '../../harness/aes-safe-storage.js';
import { connectBridge, type BridgeClient } from '../../harness/bridge-client.js';
import { eventually } from '../../harness/eventually.js';
import { startFramelineUi, type FramelineUiProcess } from '../../harness/frameline-ui.js';
import { startPythonWs, type PythonWsPeer } from '../../harness/python-ws.js';
import { requirePeer } from '../../harness/require-peer.js';

/**
 * A real `frameline ui` (no keychain) loads a profile and relay settings the desktop app sealed,
 * and refuses to connect from them before dialing: python3-websockets, which prints a line for
 * every TCP connection it accepts, never sees one, while the same settings with the secrets typed
 * again do reach it.
 */

const pythonWebsockets = requirePeer('python-websockets');

const bearer = 'Bearer sealed-4e1f';
const token = 'sealed-token-88a1';

type Summary = { id: string; state: string; closed?: { how: string; message?: string } };

describe.skipIf(!pythonWebsockets.isAvailable)('settings with secrets this process cannot open, in frameline ui', () => {
  let ui: FramelineUiProcess;
  let peer: PythonWsPeer;
  let bridge: BridgeClient;
  const dataFolder = (...parts: string[]): string => ui.temp.file('config', 'frameline', ...parts);
  const sealed = (): SessionOptions => ({ ...defaultSessionOptions(`${peer.url}chat?room=1&access_token=${token}`), headers: [['X-Client', 'frameline'], ['Authorization', bearer]] });

  async function closedSummary(sessionId: string): Promise<Summary> {
    return eventually(async () => {
      const summary = (await bridge.call<Summary[]>('listSessions', [])).find((session) => session.id === sessionId);
      return summary?.state === 'closed' ? summary : undefined;
    }, `session ${sessionId} ends`, 20_000);
  }

  beforeAll(async () => {
    peer = await startPythonWs({ logsAccepts: true });
    ui = await startFramelineUi();
    bridge = await connectBridge(ui);
    const keychain = safeStorageCipher(aesSafeStorage());
    await new ProfileStore(dataFolder('profiles'), keychain).save('desk', sealed());
    const { url, headers } = sealed();
    await new RelaySettingsStore(dataFolder('relay-settings.json'), keychain).save(relaySettingsSchema.parse({ options: { port: 0, upstreamUrl: url, connection: { headers } }, interception: {} }));
  }, 60_000);

  afterAll(async () => {
    bridge?.close();
    await ui?.stop();
    await peer?.stop();
  });

  it('refuses a session from the sealed profile at the settings stage, naming both fields, and nothing reaches the peer', async () => {
    const desk = (await bridge.call<ProfileList>('listProfiles', [])).profiles.find((profile) => profile.name === 'desk')!;
    expect(desk.options.headers).toEqual([['X-Client', 'frameline'], ['Authorization', '']]);
    expect(desk.options.unopenedSecrets).toEqual([{ kind: 'header', name: 'Authorization', occurrence: 0 }, { kind: 'query-parameter', name: 'access_token', index: 1 }]);
    const { sessionId } = await bridge.call<{ sessionId: string }>('openSession', [desk.options]);
    const closed = await closedSummary(sessionId);
    expect(closed.closed?.how).toBe('error');
    const page = await bridge.call<RecordPage>('getRecords', [sessionId, 0, 50, null]);
    const errors = page.rows.filter((record) => record.kind === 'event' && record.name === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ summary: expect.stringMatching(/^settings error: The saved settings hold the Authorization header's value and the value of the URL's access_token parameter, which this process cannot open/) });
    expect(page.rows.some((record) => record.kind === 'event' && ['dns', 'tcp-connected', 'handshake-sent'].includes(record.name))).toBe(false);
    expect(peer.acceptedConnections()).toBe(0);
  }, 30_000);

  it('connects once both values are typed again, so the peer counts connections (the check above can fail)', async () => {
    const desk = (await bridge.call<ProfileList>('listProfiles', [])).profiles.find((profile) => profile.name === 'desk')!;
    const typed = { ...desk.options, url: desk.options.url.replace('access_token=', `access_token=${token}`), headers: [['X-Client', 'frameline'], ['Authorization', bearer]] };
    const { sessionId } = await bridge.call<{ sessionId: string }>('openSession', [typed]);
    await eventually(async () => ((await bridge.call<Summary[]>('listSessions', [])).find((session) => session.id === sessionId)?.state === 'open' ? true : undefined), `the typed session opens\n${peer.logs()}`, 20_000);
    expect(peer.acceptedConnections()).toBe(1);
    await bridge.call('closeSession', [sessionId, {}]).catch(() => undefined);
  }, 30_000);

  it('a relay started from the sealed relay settings refuses to dial upstream for a client, and the peer sees nothing more', async () => {
    const loaded = await bridge.call<{ settings: RelaySettings }>('loadRelaySettings', []);
    expect(loaded.settings.options.connection.unopenedSecrets).toHaveLength(2);
    const before = peer.acceptedConnections();
    const relay = await bridge.call<{ relayId: string; url: string }>('startRelay', [loaded.settings.options, loaded.settings.interception]);
    const client = new WebSocket(relay.url);
    const outcome = await new Promise<string>((resolve) => {
      client.once('open', () => resolve('open'));
      client.once('unexpected-response', (_request, response) => resolve(`status ${response.statusCode}`));
      client.once('error', (error) => resolve(`error ${error.message}`));
    });
    client.terminate();
    expect(outcome).not.toBe('open');
    const refused = await eventually(async () => (await bridge.call<Summary[]>('listSessions', [])).find((session) => session.closed?.message?.includes("the Authorization header's value")), `a relay session ends refused\n${ui.process.logs()}`, 20_000);
    expect(refused.closed?.how).toBe('error');
    expect(peer.acceptedConnections()).toBe(before);
    await bridge.call('stopRelay', [relay.relayId]);
  }, 30_000);

  it('a fan-out run from the sealed profile: every client is refused before dialing, and the peer sees nothing more', async () => {
    const desk = (await bridge.call<ProfileList>('listProfiles', [])).profiles.find((profile) => profile.name === 'desk')!;
    const before = peer.acceptedConnections();
    const { fanoutId } = await bridge.call<{ fanoutId: string }>('runFanout', [desk.options, { clients: 3, senders: 1, messages: 1 }]);
    type Finished = { fanoutId: string; outcome: string; report: { clients: { attempts?: unknown }[] } | null; message?: string };
    const finished = await eventually(
      async () => (bridge.events('fanoutFinished') as Finished[]).find((each) => each.fanoutId === fanoutId),
      `the fan-out run ends\n${ui.process.logs()}`,
      30_000,
    );
    expect(JSON.stringify(finished)).toContain("the Authorization header's value");
    expect(peer.acceptedConnections()).toBe(before);
  }, 45_000);

  it('a Doctor run from the sealed profile: its probes are refused before dialing, and the peer sees nothing more', async () => {
    const desk = (await bridge.call<ProfileList>('listProfiles', [])).profiles.find((profile) => profile.name === 'desk')!;
    const before = peer.acceptedConnections();
    const { diagnosisId } = await bridge.call<{ diagnosisId: string }>('runDiagnosis', [desk.options, { isIdleProbeEnabled: false }]);
    type Finished = { diagnosisId: string; outcome: string; report: { probes: { id: string; status: string; summary: { key: string; values?: unknown } }[] } | null };
    const finished = await eventually(
      async () => (bridge.events('diagnosisFinished') as Finished[]).find((each) => each.diagnosisId === diagnosisId),
      `the Doctor run ends\n${ui.process.logs()}`,
      30_000,
    );
    const tcp = finished.report?.probes.find((probe) => probe.id === 'tcp');
    expect(tcp).toMatchObject({ status: 'fail', summary: { key: 'failure:settings.unopened' } });
    expect(JSON.stringify(tcp?.summary)).toContain('"name":"Authorization"');
    expect(peer.acceptedConnections()).toBe(before);
  }, 45_000);

  it('a conformance run from the sealed profile: its cases fail before dialing, and the peer sees nothing more', async () => {
    const desk = (await bridge.call<ProfileList>('listProfiles', [])).profiles.find((profile) => profile.name === 'desk')!;
    const before = peer.acceptedConnections();
    const { runId } = await bridge.call<{ runId: string }>('runConformance', [desk.options, { cases: ['1.1.1', '2.1'] }]);
    type Finished = { runId: string; outcome: string; results: { verdict: string; reason: unknown }[] };
    const finished = await eventually(
      async () => (bridge.events('conformanceFinished') as Finished[]).find((each) => each.runId === runId),
      `the conformance run ends\n${ui.process.logs()}`,
      30_000,
    );
    expect(finished.results.length).toBeGreaterThan(0);
    for (const result of finished.results) {
      expect(result.verdict).toBe('FAILED');
      // The battery words every dial failure as "ended without an answer to the opening handshake: <the failure's English>".
      expect(JSON.stringify(result.reason)).toContain("The saved settings hold the Authorization header's value");
    }
    expect(peer.acceptedConnections()).toBe(before);
  }, 45_000);

  it('never writes the sealed values to its logs', () => {
    expect(ui.process.logs()).not.toContain(bearer);
    expect(ui.process.logs()).not.toContain(token);
  });
});
