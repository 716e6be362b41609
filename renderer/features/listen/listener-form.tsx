import type { FormEvent } from 'react';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';

/** One of the heartbeat's durations, in milliseconds like the window's other heartbeat setting and the contract (`frameline listen` takes seconds); checked on start. */
function MillisecondsField({ text, label, title, value, onChange }: { text: string; label: string; title: string; value: string; onChange: (value: string) => void }) {
  const t = useT();
  return (
    <label className="field-inline" title={title}>
      {text}
      <input className="milliseconds mono" aria-label={label} inputMode="numeric" placeholder="0" value={value} onChange={(event) => onChange(event.target.value)} />
      {t('listen:heartbeat.ms')}
    </label>
  );
}

/** Where to listen and how to answer: echo, the subprotocols and permessage-deflate to accept, the server's heartbeat, or a fixed status that imitates a broken backend; optional TLS. */
export function ListenerForm() {
  const t = useT();
  const form = useApp((state) => state.listen.form);
  const { listen } = getAppStore().getState();
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void listen.start();
  };
  return (
    <form className="connection-bar listen-bar" onSubmit={onSubmit} aria-label={t('listen:form.label')}>
      <label className="field-inline">
        {t('listen:form.host')}
        <input className="host mono" aria-label={t('listen:form.host')} value={form.host} onChange={(event) => listen.setForm({ host: event.target.value })} />
      </label>
      <label className="field-inline">
        {t('listen:form.port')}
        <input className="port mono" aria-label={t('listen:form.port')} inputMode="numeric" value={form.port} onChange={(event) => listen.setForm({ port: event.target.value })} />
      </label>
      <label className="check">
        <input type="checkbox" checked={form.echo} onChange={(event) => listen.setForm({ echo: event.target.checked })} />
        {t('listen:form.echo')}
      </label>
      <label className="field-inline" title={t('listen:form.subprotocolsTitle')}>
        {t('listen:form.subprotocols')}
        <input className="subprotocols mono" aria-label={t('listen:form.subprotocolsLabel')} placeholder="chat.v1" spellCheck={false} value={form.subprotocols} onChange={(event) => listen.setForm({ subprotocols: event.target.value })} />
      </label>
      <label className="check" title={t('listen:form.deflateTitle')}>
        <input type="checkbox" checked={form.acceptDeflate} onChange={(event) => listen.setForm({ acceptDeflate: event.target.checked })} />
        {t('listen:form.deflate')}
      </label>
      <span className="field-group" role="group" aria-label={t('listen:heartbeat.title')}>
        <MillisecondsField text={t('listen:heartbeat.pingInterval')} label={t('listen:heartbeat.pingIntervalLabel')} title={t('listen:heartbeat.pingIntervalTitle')} value={form.pingIntervalMs} onChange={(pingIntervalMs) => listen.setForm({ pingIntervalMs })} />
        <MillisecondsField text={t('listen:heartbeat.pongTimeout')} label={t('listen:heartbeat.pongTimeoutLabel')} title={t('listen:heartbeat.pongTimeoutTitle')} value={form.pongTimeoutMs} onChange={(pongTimeoutMs) => listen.setForm({ pongTimeoutMs })} />
      </span>
      <label className="field-inline" title={t('listen:form.respondTitle')}>
        {t('listen:form.respond')}
        <input className="status mono" aria-label={t('listen:form.respondLabel')} placeholder="101" inputMode="numeric" value={form.respondStatus} onChange={(event) => listen.setForm({ respondStatus: event.target.value })} />
      </label>
      <label className="field-inline" title={t('listen:form.certTitle')}>
        {t('listen:form.cert')}
        <input className="file mono" aria-label={t('listen:form.certLabel')} placeholder="cert.pem" value={form.certFile} onChange={(event) => listen.setForm({ certFile: event.target.value })} />
      </label>
      <label className="field-inline">
        {t('listen:form.key')}
        <input className="file mono" aria-label={t('listen:form.keyLabel')} placeholder="key.pem" value={form.keyFile} onChange={(event) => listen.setForm({ keyFile: event.target.value })} />
      </label>
      <button type="submit" className="primary">{t('listen:form.start')}</button>
    </form>
  );
}
