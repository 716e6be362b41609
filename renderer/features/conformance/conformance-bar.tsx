import type { FormEvent } from 'react';
import { caseGroups } from '../../../shared/conformance/case-table.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { SettingsToggle } from '../connection/settings-toggle.js';
import { UrlInput } from '../connection/url-input.js';

/** The URL and settings shared with Connect, Run / Cancel, the groups to run and how many cases at once. */
export function ConformanceBar() {
  const t = useT();
  const form = useApp((state) => state.conformance.form);
  const isRunning = useApp((state) => state.conformance.runs.some((run) => run.outcome === null));
  const { conformance } = getAppStore().getState();

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    if (!isRunning) void conformance.start();
  };

  return (
    <form className="connection-bar conformance-bar" onSubmit={onSubmit} aria-label={t('conformance:view.title')}>
      <UrlInput />
      {isRunning ? (
        <button type="button" onClick={() => void conformance.cancel()}>{t('conformance:view.cancel')}</button>
      ) : (
        <button type="submit" className="primary">{t('conformance:view.run')}</button>
      )}
      <label className="concurrency" title={t('conformance:view.concurrencyTitle')}>
        {t('conformance:view.concurrency')}
        <input className="port" inputMode="numeric" value={form.concurrency} disabled={isRunning} onChange={(event) => conformance.setForm({ concurrency: event.target.value })} />
      </label>
      <span className="toolbar-spacer" />
      <SettingsToggle />
      <fieldset className="group-picker" disabled={isRunning}>
        <legend>{t('conformance:view.groups')}</legend>
        {caseGroups.map(({ group, titleKey }) => (
          <label key={group} className="check group-chip" title={t(titleKey as 'conformance:group.framing')}>
            <input type="checkbox" checked={form.groups.includes(group)} onChange={() => conformance.toggleGroup(group)} />
            {group} {t(titleKey as 'conformance:group.framing')}
          </label>
        ))}
      </fieldset>
    </form>
  );
}
