import type { FormEvent } from 'react';
import { getAppStore, useApp } from '../../store/app-store.js';

/** Where to listen and how to answer: echo, or a fixed status that imitates a broken backend; optional TLS. */
export function ListenerForm() {
  const form = useApp((state) => state.listen.form);
  const { listen } = getAppStore().getState();
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void listen.start();
  };
  return (
    <form className="connection-bar listen-bar" onSubmit={onSubmit} aria-label="Listener">
      <label className="field-inline">
        Host
        <input className="host mono" aria-label="Host" value={form.host} onChange={(event) => listen.setForm({ host: event.target.value })} />
      </label>
      <label className="field-inline">
        Port
        <input className="port mono" aria-label="Port" inputMode="numeric" value={form.port} onChange={(event) => listen.setForm({ port: event.target.value })} />
      </label>
      <label className="check">
        <input type="checkbox" checked={form.echo} onChange={(event) => listen.setForm({ echo: event.target.checked })} />
        Echo messages
      </label>
      <label className="field-inline" title="Answer every request with this status instead of upgrading (e.g. 426 or 502), to see what a client and the proxy do with a broken backend">
        Respond with
        <input className="status mono" aria-label="Respond with status" placeholder="101" inputMode="numeric" value={form.respondStatus} onChange={(event) => listen.setForm({ respondStatus: event.target.value })} />
      </label>
      <label className="field-inline" title="PEM certificate to serve wss:// (leave both empty for ws://)">
        TLS cert
        <input className="file mono" aria-label="TLS certificate file" placeholder="cert.pem" value={form.certFile} onChange={(event) => listen.setForm({ certFile: event.target.value })} />
      </label>
      <label className="field-inline">
        key
        <input className="file mono" aria-label="TLS key file" placeholder="key.pem" value={form.keyFile} onChange={(event) => listen.setForm({ keyFile: event.target.value })} />
      </label>
      <button type="submit" className="primary">Start listening</button>
    </form>
  );
}
