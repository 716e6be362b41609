import type { FormEvent } from 'react';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { SettingsToggle } from '../connection/settings-toggle.js';
import { useUnopenedSecrets, useUnopenedUrlMarks } from '../connection/unopened-secrets.js';

/** Where the relay listens, where it goes (flagged while a secret in it must be typed again), and how it forwards; the settings drawer holds the upstream connection settings. */
export function RelayBar() {
  const t = useT();
  const form = useApp((state) => state.relay.form);
  const { relay } = getAppStore().getState();
  // The drawer's form is the relay's upstream connection, its URL the one typed here.
  const upstreamMarks = useUnopenedUrlMarks(useUnopenedSecrets());
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void relay.start();
  };
  return (
    <form className="connection-bar relay-bar" onSubmit={onSubmit} aria-label={t('relay:view.bar')}>
      <label className="field-inline">
        {t('relay:view.host')}
        <input className="host mono" aria-label={t('relay:view.host')} value={form.host} onChange={(event) => relay.setForm({ host: event.target.value })} />
      </label>
      <label className="field-inline">
        {t('relay:view.port')}
        <input className="port mono" aria-label={t('relay:view.port')} inputMode="numeric" value={form.port} onChange={(event) => relay.setForm({ port: event.target.value })} />
      </label>
      <label className="field-inline grow" title={t('relay:view.upstreamTitle')}>
        {t('relay:view.upstream')}
        <input className="url mono" aria-label={t('relay:view.upstream')} placeholder={t('relay:view.upstreamPlaceholder')} value={form.upstreamUrl} onChange={(event) => relay.setForm({ upstreamUrl: event.target.value })} {...upstreamMarks} />
      </label>
      <label className="field-inline" title={t('relay:view.modeTitle')}>
        {t('relay:view.mode')}
        <select aria-label={t('relay:view.mode')} value={form.mode} onChange={(event) => relay.setForm({ mode: event.target.value === 'message' ? 'message' : 'frame-exact' })}>
          <option value="frame-exact">{t('relay:view.modeFrameExact')}</option>
          <option value="message">{t('relay:view.modeMessage')}</option>
        </select>
      </label>
      <button type="submit" className="primary">{t('relay:view.start')}</button>
      <span className="toolbar-spacer" />
      <SettingsToggle />
    </form>
  );
}
