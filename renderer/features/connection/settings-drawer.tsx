import type { ProxyOptions, SessionOptions } from '../../../shared/contract/session-options.js';
import { useEscapeCloses } from '../../lib/use-escape-closes.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { currentForm, profileProblemText } from '../../store/settings-slice.js';
import { ProtocolSettings } from '../protocols/protocol-settings.js';
import { isDrawerOption } from './drawer-options.js';
import { CheckField, NumberField, Section, SelectField, TextField } from './form-fields.js';
import { HeaderList } from './header-list.js';
import { UnopenedSecretsNote, useUnopenedSecrets } from './unopened-secrets.js';

type Update = (change: (options: SessionOptions) => SessionOptions) => void;
type Shows = (key: keyof SessionOptions) => boolean;

const PROXY_KINDS = [
  ['none', 'connection:proxy.none'],
  ['http-connect', 'connection:proxy.httpConnect'],
  ['socks5', 'connection:proxy.socks5'],
  ['socks4a', 'connection:proxy.socks4a'],
  ['socks4', 'connection:proxy.socks4'],
  ['environment', 'connection:proxy.environment'],
] as const;

const TLS_VERSIONS = [['', 'connection:tls.defaultVersion'], ['TLSv1', 'connection:tls.v10'], ['TLSv1.1', 'connection:tls.v11'], ['TLSv1.2', 'connection:tls.v12'], ['TLSv1.3', 'connection:tls.v13']] as const;

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
  const t = useT();
  const isPasswordUnopened = useUnopenedSecrets().some((secret) => secret.kind === 'proxy-password');
  const setProxy = (next: ProxyOptions): void => update((options) => ({ ...options, proxy: next }));
  return (
    <Section title={t('connection:proxy.title')}>
      <SelectField label={t('connection:proxy.kind')} value={proxy.kind} options={PROXY_KINDS.map(([kind, key]) => [kind, t(key)] as const)} onChange={(kind) => setProxy(proxyOfKind(kind, proxy))} />
      {'host' in proxy && (
        <div className="field-row">
          <TextField label={t('connection:proxy.host')} value={proxy.host} onChange={(host) => setProxy({ ...proxy, host: host ?? '' })} />
          <NumberField label={t('connection:proxy.port')} value={proxy.port} min={1} max={65535} onChange={(port) => setProxy({ ...proxy, port: port ?? 0 })} />
        </div>
      )}
      {(proxy.kind === 'http-connect' || proxy.kind === 'socks5') && (
        <div className="field-row">
          <TextField label={t('connection:proxy.username')} value={proxy.username} onChange={(username) => setProxy({ ...proxy, username })} />
          <TextField
            label={t('connection:proxy.password')}
            type="password"
            value={proxy.password}
            isInvalid={isPasswordUnopened}
            {...(isPasswordUnopened ? { placeholder: t('connection:unopened.placeholder') } : {})}
            onChange={(password) => setProxy({ ...proxy, password })}
          />
        </div>
      )}
      {proxy.kind === 'socks5' && <CheckField label={t('connection:proxy.remoteDns')} checked={proxy.remoteDns} onChange={(remoteDns) => setProxy({ ...proxy, remoteDns })} />}
      {(proxy.kind === 'socks4a' || proxy.kind === 'socks4') && <TextField label={t('connection:proxy.userId')} value={proxy.userId} onChange={(userId) => setProxy({ ...proxy, userId })} />}
    </Section>
  );
}

function RequestSection({ options, update, shows }: { options: SessionOptions; update: Update; shows: Shows }) {
  const t = useT();
  return (
    <Section title={t('connection:request.title')}>
      <HeaderList headers={options.headers} onChange={(headers) => update((o) => ({ ...o, headers }))} />
      {shows('subprotocols') && <TextField label={t('connection:request.subprotocols')} value={options.subprotocols.join(', ') || undefined} onChange={(text) => update((o) => ({ ...o, subprotocols: (text ?? '').split(',').map((item) => item.trim()).filter(Boolean) }))} />}
      {shows('origin') && <TextField label={t('connection:request.origin')} placeholder={t('connection:request.originPlaceholder')} value={options.origin} onChange={(origin) => update((o) => ({ ...o, origin }))} />}
      <SelectField label={t('connection:request.httpVersion')} value={options.httpVersion} options={[['1.1', 'HTTP/1.1'], ['1.0', t('connection:request.http10')]]} onChange={(httpVersion) => update((o) => ({ ...o, httpVersion }))} />
    </Section>
  );
}

function DeflateSection({ options, update }: { options: SessionOptions; update: Update }) {
  const deflate = options.deflate;
  const t = useT();
  const set = (change: Partial<SessionOptions['deflate']>): void => update((o) => ({ ...o, deflate: { ...o.deflate, ...change } }));
  return (
    <Section title={t('connection:deflate.title')}>
      <CheckField label={t('connection:deflate.offer')} checked={deflate.enabled} onChange={(enabled) => set({ enabled })} />
      <div className="field-row">
        <NumberField label="client_max_window_bits" min={8} max={15} placeholder={t('connection:deflate.notOffered')} value={deflate.clientMaxWindowBits} onChange={(clientMaxWindowBits) => set({ clientMaxWindowBits })} />
        <NumberField label="server_max_window_bits" min={8} max={15} placeholder={t('connection:deflate.notOffered')} value={deflate.serverMaxWindowBits} onChange={(serverMaxWindowBits) => set({ serverMaxWindowBits })} />
      </div>
      <CheckField label="client_no_context_takeover" checked={deflate.clientNoContextTakeover ?? false} onChange={(value) => set({ clientNoContextTakeover: value || undefined })} />
      <CheckField label="server_no_context_takeover" checked={deflate.serverNoContextTakeover ?? false} onChange={(value) => set({ serverNoContextTakeover: value || undefined })} />
    </Section>
  );
}

function NetworkSection({ options, update }: { options: SessionOptions; update: Update }) {
  const t = useT();
  const connectTo = options.connectTo;
  return (
    <Section title={t('connection:network.title')}>
      <div className="field-row">
        <TextField label={t('connection:network.connectTo')} placeholder={t('connection:network.urlHost')} value={connectTo?.host} onChange={(host) => update((o) => ({ ...o, connectTo: host ? { host, port: o.connectTo?.port ?? 443 } : undefined }))} />
        <NumberField label={t('connection:network.port')} min={1} max={65535} value={connectTo?.port} onChange={(port) => update((o) => ({ ...o, connectTo: o.connectTo && port ? { ...o.connectTo, port } : o.connectTo }))} />
      </div>
      <div className="field-row">
        <NumberField label={t('connection:network.connectTimeout')} value={options.connectTimeoutMs} onChange={(value) => update((o) => ({ ...o, connectTimeoutMs: value ?? 0 }))} />
        <SelectField label={t('connection:network.family')} value={options.family === undefined ? 'any' : String(options.family)} options={[['any', t('connection:network.anyFamily')], ['4', 'IPv4'], ['6', 'IPv6']]} onChange={(value) => update((o) => ({ ...o, family: value === 'any' ? undefined : value === '4' ? 4 : 6 }))} />
      </div>
    </Section>
  );
}

function TlsSection({ options, update }: { options: SessionOptions; update: Update }) {
  const t = useT();
  const tls = options.tls;
  const set = (change: Partial<SessionOptions['tls']>): void => update((o) => ({ ...o, tls: { ...o.tls, ...change } }));
  type Version = NonNullable<SessionOptions['tls']['minVersion']>;
  const versions = TLS_VERSIONS.map(([value, key]) => [value, t(key)] as const);
  return (
    <Section title={t('connection:tls.title')}>
      <TextField label={t('connection:tls.serverName')} placeholder={t('connection:network.urlHost')} value={tls.serverName} onChange={(serverName) => set({ serverName })} />
      <div className="field-row">
        <SelectField label={t('connection:tls.minVersion')} value={tls.minVersion ?? ''} options={versions} onChange={(value) => set({ minVersion: (value || undefined) as Version | undefined })} />
        <SelectField label={t('connection:tls.maxVersion')} value={tls.maxVersion ?? ''} options={versions} onChange={(value) => set({ maxVersion: (value || undefined) as Version | undefined })} />
      </div>
      <TextField label={t('connection:tls.caFile')} value={tls.caFile} onChange={(caFile) => set({ caFile })} />
      <div className="field-row">
        <TextField label={t('connection:tls.certFile')} value={tls.certFile} onChange={(certFile) => set({ certFile })} />
        <TextField label={t('connection:tls.keyFile')} value={tls.keyFile} onChange={(keyFile) => set({ keyFile })} />
      </div>
      <CheckField label={t('connection:tls.insecure')} checked={tls.insecure} onChange={(insecure) => set({ insecure })} />
      {tls.insecure && <div className="note warn">{t('connection:tls.insecureNote')}</div>}
    </Section>
  );
}

function HeartbeatSection({ options, update }: { options: SessionOptions; update: Update }) {
  const t = useT();
  return (
    <Section title={t('connection:heartbeat.title')}>
      <NumberField label={t('connection:heartbeat.autoPing')} value={options.heartbeat.autoPingIntervalMs} onChange={(value) => update((o) => ({ ...o, heartbeat: { ...o.heartbeat, autoPingIntervalMs: value ?? 0 } }))} />
      <CheckField label={t('connection:heartbeat.autoPong')} checked={options.heartbeat.autoPong} onChange={(autoPong) => update((o) => ({ ...o, heartbeat: { ...o.heartbeat, autoPong } }))} />
    </Section>
  );
}

function LimitsSection({ options, update }: { options: SessionOptions; update: Update }) {
  const limits = options.limits;
  const t = useT();
  const setLimit = (change: Partial<SessionOptions['limits']>): void => update((o) => ({ ...o, limits: { ...o.limits, ...change } }));
  return (
    <Section title={t('connection:limits.title')}>
      <div className="field-row">
        <NumberField label={t('connection:limits.retention')} value={limits.payloadRetentionBytes} onChange={(value) => setLimit({ payloadRetentionBytes: value ?? 0 })} />
        <NumberField label={t('connection:limits.maxPayload')} value={limits.maxPayloadBytes} onChange={(value) => setLimit({ maxPayloadBytes: value ?? 0 })} />
      </div>
      <div className="field-row">
        <NumberField label={t('connection:limits.handshakeTimeout')} value={limits.handshakeTimeoutMs} onChange={(value) => setLimit({ handshakeTimeoutMs: value ?? 0 })} />
        <NumberField label={t('connection:limits.closeTimeout')} value={limits.closeTimeoutMs} onChange={(value) => setLimit({ closeTimeoutMs: value ?? 0 })} />
      </div>
      <div className="field-row">
        <NumberField label={t('connection:limits.maxFragments')} value={limits.maxFragments} onChange={(value) => setLimit({ maxFragments: value ?? 0 })} />
        <NumberField label={t('connection:limits.maxInflated')} value={limits.maxInflatedBytes} onChange={(value) => setLimit({ maxInflatedBytes: value ?? 0 })} />
      </div>
      <div className="field-row limits-rate">
        <NumberField label={t('connection:limits.maxInflatedPerSecond')} value={limits.maxInflatedBytesPerSecond} onChange={(value) => setLimit({ maxInflatedBytesPerSecond: value ?? 0 })} />
      </div>
    </Section>
  );
}

function ModeSection({ options, update }: { options: SessionOptions; update: Update }) {
  const t = useT();
  return (
    <Section title={t('connection:mode.title')}>
      <SelectField label={t('connection:mode.label')} value={options.mode} options={[['observe', t('connection:mode.observe')], ['strict', t('connection:mode.strict')]]} onChange={(mode) => update((o) => ({ ...o, mode }))} />
    </Section>
  );
}

function ProfilesSection() {
  const t = useT();
  const name = useApp((state) => state.settings.profileName);
  const profiles = useApp((state) => state.settings.profiles);
  const problems = useApp((state) => state.settings.profileProblems);
  const settings = getAppStore().getState().settings;
  return (
    <Section title={t('connection:profile.title')}>
      <div className="field-row">
        <TextField label={t('connection:profile.name')} value={name} onChange={(value) => settings.setProfileName(value ?? '')} />
      </div>
      <div className="button-row">
        <button type="button" disabled={name.trim() === ''} onClick={() => void settings.saveProfile()}>{t('connection:profile.save')}</button>
        <button type="button" disabled={!profiles.some((profile) => profile.name === name)} onClick={() => void settings.deleteProfile(name)}>{t('connection:profile.delete')}</button>
      </div>
      {problems.map((problem) => (
        <div key={problem.fileName} className="note warn">
          {profileProblemText(t, problem)}
        </div>
      ))}
    </Section>
  );
}

const closeDrawer = (): void => getAppStore().getState().settings.setDrawerOpen(false);

/** Every option of the shown form (the shown tab's, or the Doctor's; the Relay view's only those its upstream connection takes), editable, plus saving them as a named profile. Escape or Done closes it. */
export function SettingsDrawer() {
  const t = useT();
  const isOpen = useApp((state) => state.settings.isDrawerOpen);
  const options = useApp((state) => currentForm(state).options);
  const view = useApp((state) => state.workspace.view);
  const unopened = useUnopenedSecrets();
  useEscapeCloses(isOpen, closeDrawer);
  if (!isOpen) return null;
  const { settings } = getAppStore().getState();
  const update: Update = settings.updateOptions;
  const shows: Shows = (key) => isDrawerOption(view, key);
  return (
    <aside id="settings-drawer" className="settings-drawer" aria-label={t('connection:settings.label')}>
      <header className="panel-title">
        {t(view === 'doctor' ? 'connection:settings.doctorTitle' : view === 'relay' ? 'connection:settings.relayTitle' : 'connection:settings.title')}
        <span className="toolbar-spacer" />
        <button type="button" aria-label={t('connection:settings.close')} onClick={closeDrawer}>{t('connection:settings.done')}</button>
      </header>
      <div className="drawer-body">
        {view === 'relay' && <div className="note">{t('connection:settings.relayNote')}</div>}
        <UnopenedSecretsNote unopened={unopened} place={view === 'relay' ? 'relay' : 'profile'} />
        <RequestSection options={options} update={update} shows={shows} />
        {shows('deflate') && <DeflateSection options={options} update={update} />}
        <ProxySection proxy={options.proxy} update={update} />
        <NetworkSection options={options} update={update} />
        <TlsSection options={options} update={update} />
        {shows('heartbeat') && <HeartbeatSection options={options} update={update} />}
        <LimitsSection options={options} update={update} />
        {shows('mode') && <ModeSection options={options} update={update} />}
        {shows('protocol') && <ProtocolSettings options={options} update={update} />}
        <ProfilesSection />
      </div>
    </aside>
  );
}
