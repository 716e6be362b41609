import type { FormEvent } from 'react';
import { defaultKeepAliveTimeoutMs, FANOUT_PROTOCOLS, type FanoutProtocol } from '../../../shared/contract/fanout.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import type { FanoutForm } from '../../store/fanout-slice.js';
import { SettingsToggle } from '../connection/settings-toggle.js';
import { UrlInput } from '../connection/url-input.js';
import { GraphqlDocumentField } from './graphql-document-field.js';
import { GraphqlSubprotocolField } from './graphql-subprotocol-field.js';

const NUMBERS = [
  { field: 'clients', label: 'fanout:view.clients' },
  { field: 'senders', label: 'fanout:view.senders' },
  { field: 'messages', label: 'fanout:view.messages' },
  { field: 'rate', label: 'fanout:view.rate' },
  { field: 'killPercent', label: 'fanout:view.killPercent' },
] as const satisfies ReadonlyArray<{ readonly field: keyof FanoutForm; readonly label: string }>;

/** What our senders do; GraphQL clients have none without a mutation (each subscription is the stream), so these fields go until one is typed. */
const SENDING_FIELDS: ReadonlySet<keyof FanoutForm> = new Set(['senders', 'messages', 'rate']);

/** The view's own URL and connection settings, Run / Cancel, and how many clients, senders, messages. */
export function FanoutBar() {
  const t = useT();
  const form = useApp((state) => state.fanout.form);
  const isRunning = useApp((state) => state.fanout.run !== null && state.fanout.run.outcome === null);
  const { fanout } = getAppStore().getState();
  const isGraphql = form.protocol === 'graphql-ws';
  const hasNoSenders = isGraphql && form.mutation.trim() === '';
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    if (!isRunning) void fanout.start();
  };
  return (
    <form className="connection-bar fanout-bar" onSubmit={onSubmit} aria-label={t('fanout:view.label')}>
      <UrlInput />
      {isRunning ? (
        <button type="button" onClick={() => void fanout.cancel()}>{t('fanout:view.cancel')}</button>
      ) : (
        <button type="submit" className="primary">{t('fanout:view.run')}</button>
      )}
      {NUMBERS.filter(({ field }) => !(hasNoSenders && SENDING_FIELDS.has(field))).map(({ field, label }) => (
        <label key={field} className="number-field">
          <span className="muted">{t(label)}</span>
          <input className="seconds" inputMode="numeric" value={form[field] as string} disabled={isRunning} onChange={(event) => fanout.setForm({ [field]: event.target.value })} />
        </label>
      ))}
      <label className="number-field">
        <span className="muted">{t('fanout:view.protocol')}</span>
        <select value={form.protocol} disabled={isRunning} onChange={(event) => fanout.setForm({ protocol: event.target.value as FanoutProtocol })}>
          {FANOUT_PROTOCOLS.map((protocol) => (
            <option key={protocol} value={protocol} translate={protocol === 'raw' ? undefined : 'no'}>{protocol === 'raw' ? t('fanout:view.protocolRaw') : protocol}</option>
          ))}
        </select>
      </label>
      {form.protocol !== 'raw' && !isGraphql && (
        <label className="number-field" title={t('fanout:view.channelTitle')}>
          <span className="muted">{t('fanout:view.channel')}</span>
          <input value={form.channel} disabled={isRunning} onChange={(event) => fanout.setForm({ channel: event.target.value })} />
        </label>
      )}
      {isGraphql && <GraphqlSubprotocolField isDisabled={isRunning} />}
      {isGraphql && (
        <label className="number-field" title={t('fanout:view.keepAliveTimeoutTitle', { seconds: defaultKeepAliveTimeoutMs / 1000 })}>
          <span className="muted">{t('fanout:view.keepAliveTimeout')}</span>
          <input className="seconds" inputMode="decimal" value={form.keepAliveTimeout} placeholder={String(defaultKeepAliveTimeoutMs / 1000)} disabled={isRunning} onChange={(event) => fanout.setForm({ keepAliveTimeout: event.target.value })} />
        </label>
      )}
      {isGraphql && <GraphqlDocumentField label={t('fanout:view.document')} title={t('fanout:view.documentTitle')} placeholder="subscription { … }" value={form.document} isDisabled={isRunning} onChange={(document) => fanout.setForm({ document })} />}
      {isGraphql && <GraphqlDocumentField label={t('fanout:view.mutation')} title={t('fanout:view.mutationTitle')} placeholder="mutation($message: String!) { … }" value={form.mutation} isDisabled={isRunning} onChange={(mutation) => fanout.setForm({ mutation })} />}
      <label className="check" title={t('fanout:view.reconnectTitle')}>
        <input type="checkbox" checked={form.isReconnecting} disabled={isRunning} onChange={(event) => fanout.setForm({ isReconnecting: event.target.checked })} />
        {t('fanout:view.reconnect')}
      </label>
      <span className="toolbar-spacer" />
      <SettingsToggle />
    </form>
  );
}
