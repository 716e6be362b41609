import type { ProxyOptions, SessionOptions } from '../../../shared/contract/session-options.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { ProtocolSettings } from '../protocols/protocol-settings.js';
import { CheckField, NumberField, Section, SelectField, TextField } from './form-fields.js';
import { HeaderList } from './header-list.js';

type Update = (change: (options: SessionOptions) => SessionOptions) => void;

const PROXY_KINDS = [
  ['none', 'None (direct)'],
  ['http-connect', 'HTTP CONNECT'],
  ['socks5', 'SOCKS5'],
  ['socks4a', 'SOCKS4a (proxy resolves names)'],
  ['socks4', 'SOCKS4 (resolve here, IPv4)'],
  ['environment', 'From environment (HTTPS_PROXY, NO_PROXY)'],
] as const;

const TLS_VERSIONS = [['', 'default'], ['TLSv1', 'TLS 1.0'], ['TLSv1.1', 'TLS 1.1'], ['TLSv1.2', 'TLS 1.2'], ['TLSv1.3', 'TLS 1.3']] as const;

/** A fresh proxy of the chosen kind, keeping host and port when switching between proxies. */
function proxyOfKind(kind: ProxyOptions['kind'], previous: ProxyOptions): ProxyOptions {
  const host = 'host' in previous ? previous.host : '127.0.0.1';
  const port = 'port' in previous ? previous.port : kind === 'http-connect' ? 3128 : 1080;
  switch (kind) {
    case 'none': return { kind };
    case 'environment': return { kind };
    case 'http-connect': return { kind, host, port };
    case 'socks5': return { kind, host, port, remoteDns: true };
    case 'socks4a': return { kind, host, port };
    case 'socks4': return { kind, host, port };
  }
}

function ProxySection({ proxy, update }: { proxy: ProxyOptions; update: Update }) {
  const setProxy = (next: ProxyOptions): void => update((options) => ({ ...options, proxy: next }));
  return (
    <Section title="Proxy">
      <SelectField label="Kind" value={proxy.kind} options={PROXY_KINDS} onChange={(kind) => setProxy(proxyOfKind(kind, proxy))} />
      {'host' in proxy && (
        <div className="field-row">
          <TextField label="Host" value={proxy.host} onChange={(host) => setProxy({ ...proxy, host: host ?? '' })} />
          <NumberField label="Port" value={proxy.port} min={1} max={65535} onChange={(port) => setProxy({ ...proxy, port: port ?? 0 })} />
        </div>
      )}
      {(proxy.kind === 'http-connect' || proxy.kind === 'socks5') && (
        <div className="field-row">
          <TextField label="Username" value={proxy.username} onChange={(username) => setProxy({ ...proxy, username })} />
          <TextField label="Password" type="password" value={proxy.password} onChange={(password) => setProxy({ ...proxy, password })} />
        </div>
      )}
      {proxy.kind === 'socks5' && <CheckField label="Resolve names at the proxy (remote DNS)" checked={proxy.remoteDns} onChange={(remoteDns) => setProxy({ ...proxy, remoteDns })} />}
      {(proxy.kind === 'socks4a' || proxy.kind === 'socks4') && <TextField label="User id" value={proxy.userId} onChange={(userId) => setProxy({ ...proxy, userId })} />}
    </Section>
  );
}

function RequestSection({ options, update }: { options: SessionOptions; update: Update }) {
  return (
    <Section title="Request">
      <HeaderList headers={options.headers} onChange={(headers) => update((o) => ({ ...o, headers }))} />
      <TextField label="Subprotocols (comma-separated, in order)" value={options.subprotocols.join(', ') || undefined} onChange={(text) => update((o) => ({ ...o, subprotocols: (text ?? '').split(',').map((item) => item.trim()).filter(Boolean) }))} />
      <TextField label="Origin" placeholder="not sent" value={options.origin} onChange={(origin) => update((o) => ({ ...o, origin }))} />
      <SelectField label="HTTP version" value={options.httpVersion} options={[['1.1', 'HTTP/1.1'], ['1.0', 'HTTP/1.0 (reproduce a downgrading proxy)']]} onChange={(httpVersion) => update((o) => ({ ...o, httpVersion }))} />
    </Section>
  );
}

function DeflateSection({ options, update }: { options: SessionOptions; update: Update }) {
  const deflate = options.deflate;
  const set = (change: Partial<SessionOptions['deflate']>): void => update((o) => ({ ...o, deflate: { ...o.deflate, ...change } }));
  return (
    <Section title="permessage-deflate offer">
      <CheckField label="Offer permessage-deflate" checked={deflate.enabled} onChange={(enabled) => set({ enabled })} />
      <div className="field-row">
        <NumberField label="client_max_window_bits" min={8} max={15} placeholder="not offered" value={deflate.clientMaxWindowBits} onChange={(clientMaxWindowBits) => set({ clientMaxWindowBits })} />
        <NumberField label="server_max_window_bits" min={8} max={15} placeholder="not offered" value={deflate.serverMaxWindowBits} onChange={(serverMaxWindowBits) => set({ serverMaxWindowBits })} />
      </div>
      <CheckField label="client_no_context_takeover" checked={deflate.clientNoContextTakeover ?? false} onChange={(value) => set({ clientNoContextTakeover: value || undefined })} />
      <CheckField label="server_no_context_takeover" checked={deflate.serverNoContextTakeover ?? false} onChange={(value) => set({ serverNoContextTakeover: value || undefined })} />
    </Section>
  );
}

function NetworkSection({ options, update }: { options: SessionOptions; update: Update }) {
  const connectTo = options.connectTo;
  return (
    <Section title="Network">
      <div className="field-row">
        <TextField label="Connect to host" placeholder="the URL's host" value={connectTo?.host} onChange={(host) => update((o) => ({ ...o, connectTo: host ? { host, port: o.connectTo?.port ?? 443 } : undefined }))} />
        <NumberField label="Port" min={1} max={65535} value={connectTo?.port} onChange={(port) => update((o) => ({ ...o, connectTo: o.connectTo && port ? { ...o.connectTo, port } : o.connectTo }))} />
      </div>
      <div className="field-row">
        <NumberField label="Connect timeout (ms)" value={options.connectTimeoutMs} onChange={(value) => update((o) => ({ ...o, connectTimeoutMs: value ?? 0 }))} />
        <SelectField label="IP family" value={options.family === undefined ? 'any' : String(options.family)} options={[['any', 'Any'], ['4', 'IPv4'], ['6', 'IPv6']]} onChange={(value) => update((o) => ({ ...o, family: value === 'any' ? undefined : value === '4' ? 4 : 6 }))} />
      </div>
    </Section>
  );
}

function TlsSection({ options, update }: { options: SessionOptions; update: Update }) {
  const tls = options.tls;
  const set = (change: Partial<SessionOptions['tls']>): void => update((o) => ({ ...o, tls: { ...o.tls, ...change } }));
  type Version = NonNullable<SessionOptions['tls']['minVersion']>;
  return (
    <Section title="TLS (wss://)">
      <TextField label="Server name (SNI)" placeholder="the URL's host" value={tls.serverName} onChange={(serverName) => set({ serverName })} />
      <div className="field-row">
        <SelectField label="Min version" value={tls.minVersion ?? ''} options={TLS_VERSIONS} onChange={(value) => set({ minVersion: (value || undefined) as Version | undefined })} />
        <SelectField label="Max version" value={tls.maxVersion ?? ''} options={TLS_VERSIONS} onChange={(value) => set({ maxVersion: (value || undefined) as Version | undefined })} />
      </div>
      <TextField label="CA file" value={tls.caFile} onChange={(caFile) => set({ caFile })} />
      <div className="field-row">
        <TextField label="Client certificate file" value={tls.certFile} onChange={(certFile) => set({ certFile })} />
        <TextField label="Client key file" value={tls.keyFile} onChange={(keyFile) => set({ keyFile })} />
      </div>
      <CheckField label="Insecure: skip certificate verification" checked={tls.insecure} onChange={(insecure) => set({ insecure })} />
      {tls.insecure && <div className="note warn">Certificates are not verified for this session.</div>}
    </Section>
  );
}

function HeartbeatAndLimits({ options, update }: { options: SessionOptions; update: Update }) {
  const limits = options.limits;
  const setLimit = (change: Partial<SessionOptions['limits']>): void => update((o) => ({ ...o, limits: { ...o.limits, ...change } }));
  return (
    <>
      <Section title="Heartbeat">
        <NumberField label="Auto ping every (ms, 0 = off)" value={options.heartbeat.autoPingIntervalMs} onChange={(value) => update((o) => ({ ...o, heartbeat: { ...o.heartbeat, autoPingIntervalMs: value ?? 0 } }))} />
        <CheckField label="Answer pings automatically (auto pong)" checked={options.heartbeat.autoPong} onChange={(autoPong) => update((o) => ({ ...o, heartbeat: { ...o.heartbeat, autoPong } }))} />
      </Section>
      <Section title="Limits">
        <div className="field-row">
          <NumberField label="Payload retained per frame (bytes)" value={limits.payloadRetentionBytes} onChange={(value) => setLimit({ payloadRetentionBytes: value ?? 0 })} />
          <NumberField label="Max payload (bytes)" value={limits.maxPayloadBytes} onChange={(value) => setLimit({ maxPayloadBytes: value ?? 0 })} />
        </div>
        <div className="field-row">
          <NumberField label="Handshake timeout (ms)" value={limits.handshakeTimeoutMs} onChange={(value) => setLimit({ handshakeTimeoutMs: value ?? 0 })} />
          <NumberField label="Close timeout (ms)" value={limits.closeTimeoutMs} onChange={(value) => setLimit({ closeTimeoutMs: value ?? 0 })} />
        </div>
      </Section>
      <Section title="Mode">
        <SelectField label="Protocol errors" value={options.mode} options={[['observe', 'Observe: record violations, keep going'], ['strict', 'Strict: fail the connection (RFC 6455)']]} onChange={(mode) => update((o) => ({ ...o, mode }))} />
      </Section>
    </>
  );
}

function ProfilesSection() {
  const name = useApp((state) => state.settings.profileName);
  const profiles = useApp((state) => state.settings.profiles);
  const problems = useApp((state) => state.settings.profileProblems);
  const settings = getAppStore().getState().settings;
  return (
    <Section title="Profile">
      <div className="field-row">
        <TextField label="Name" value={name} onChange={(value) => settings.setProfileName(value ?? '')} />
      </div>
      <div className="button-row">
        <button type="button" disabled={name.trim() === ''} onClick={() => void settings.saveProfile()}>Save profile</button>
        <button type="button" disabled={!profiles.some((profile) => profile.name === name)} onClick={() => void settings.deleteProfile(name)}>Delete profile</button>
      </div>
      {problems.map((problem) => (
        <div key={problem.fileName} className="note warn">{`${problem.fileName}: ${problem.message}${problem.keptAs ? ` (kept as ${problem.keptAs})` : ''}`}</div>
      ))}
    </Section>
  );
}

/** Every session option, editable, plus saving them as a named profile. */
export function SettingsDrawer() {
  const isOpen = useApp((state) => state.settings.isDrawerOpen);
  const options = useApp((state) => state.settings.options);
  if (!isOpen) return null;
  const { settings } = getAppStore().getState();
  const update: Update = settings.updateOptions;
  return (
    <aside id="settings-drawer" className="settings-drawer" aria-label="Connection settings">
      <header className="panel-title">
        Connection settings
        <span className="toolbar-spacer" />
        <button type="button" aria-label="Close settings" onClick={() => settings.setDrawerOpen(false)}>Done</button>
      </header>
      <div className="drawer-body">
        <RequestSection options={options} update={update} />
        <DeflateSection options={options} update={update} />
        <ProxySection proxy={options.proxy} update={update} />
        <NetworkSection options={options} update={update} />
        <TlsSection options={options} update={update} />
        <HeartbeatAndLimits options={options} update={update} />
        <ProtocolSettings options={options} update={update} />
        <ProfilesSection />
      </div>
    </aside>
  );
}
