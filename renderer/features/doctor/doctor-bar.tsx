import type { FormEvent } from 'react';
import { getAppStore, useApp } from '../../store/app-store.js';
import { idleWaitSeconds } from '../../store/doctor-slice.js';
import { SettingsToggle } from '../connection/settings-toggle.js';
import { UrlInput } from '../connection/url-input.js';
import { useT } from '../../lib/use-t.js';

/** The URL (shared with Connect), Diagnose / Cancel, the idle probe's limit, the heartbeat probe's limit and protocol options, and the path test's listen address. */
export function DoctorBar() {
  const t = useT();
  const form = useApp((state) => state.doctor.form);
  const isRunning = useApp((state) => state.doctor.run !== null && state.doctor.run.outcome === null);
  const { doctor } = getAppStore().getState();

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    if (!isRunning) void doctor.start();
  };

  return (
    <form className="connection-bar doctor-bar" onSubmit={onSubmit} aria-label={t('doctor:view.diagnosis')}>
      <UrlInput />
      {isRunning ? (
        <button type="button" onClick={() => void doctor.cancel()}>{t('doctor:view.cancel')}</button>
      ) : (
        <button type="submit" className="primary">{t('doctor:view.diagnose')}</button>
      )}
      <label className="check" title={t('doctor:view.idleProbeTitle')}>
        <input type="checkbox" checked={form.isIdleProbeEnabled} disabled={isRunning} onChange={(event) => doctor.setForm({ isIdleProbeEnabled: event.target.checked })} />
        {t('doctor:view.idleProbe')}
      </label>
      <input
        className="seconds"
        aria-label={t('doctor:view.idleLimit')}
        inputMode="numeric"
        value={form.idleLimitSeconds}
        disabled={isRunning || !form.isIdleProbeEnabled}
        onChange={(event) => doctor.setForm({ idleLimitSeconds: event.target.value })}
      />
      <span className="muted">{t('doctor:view.seconds')}</span>
      {/* The heartbeat probe, its limit and its protocol options wrap as one. */}
      <span className="field-group">
        <label className="check" title={t('doctor:view.livenessProbeTitle')}>
          <input type="checkbox" checked={form.isLivenessProbeEnabled} disabled={isRunning} onChange={(event) => doctor.setForm({ isLivenessProbeEnabled: event.target.checked })} />
          {t('doctor:view.livenessProbe')}
        </label>
        {form.isLivenessProbeEnabled && (
          <>
            <label className="field-group" title={t('doctor:view.livenessLimitTitle')}>
              <span className="muted">{t('doctor:view.livenessLimit')}</span>
              {/* Empty, it waits as long as the idle probe: its placeholder says how long. */}
              <input className="seconds" inputMode="decimal" placeholder={String(idleWaitSeconds(form))} value={form.livenessLimitSeconds} disabled={isRunning} onChange={(event) => doctor.setForm({ livenessLimitSeconds: event.target.value })} />
            </label>
            <label className="field-group" title={t('doctor:view.livenessNamespaceTitle')}>
              <span className="muted">{t('doctor:view.livenessNamespace')}</span>
              <input className="namespace" placeholder="/" spellCheck={false} translate="no" value={form.livenessNamespace} disabled={isRunning} onChange={(event) => doctor.setForm({ livenessNamespace: event.target.value })} />
            </label>
            <label className="field-group" title={t('doctor:view.livenessKeepAliveTitle')}>
              <span className="muted">{t('doctor:view.livenessKeepAlive')}</span>
              <input className="seconds" inputMode="numeric" value={form.livenessKeepAliveSeconds} disabled={isRunning} onChange={(event) => doctor.setForm({ livenessKeepAliveSeconds: event.target.value })} />
            </label>
          </>
        )}
      </span>
      <label className="check" title={t('doctor:view.pathTestTitle')}>
        <input type="checkbox" checked={form.isPathTest} disabled={isRunning} onChange={(event) => doctor.setForm({ isPathTest: event.target.checked })} />
        {t('doctor:view.pathTest')}
      </label>
      <input className="host" aria-label={t('doctor:view.listenHost')} value={form.listenHost} disabled={isRunning || !form.isPathTest} onChange={(event) => doctor.setForm({ listenHost: event.target.value })} />
      <span className="muted">:</span>
      <input className="port" aria-label={t('doctor:view.listenPort')} inputMode="numeric" value={form.listenPort} disabled={isRunning || !form.isPathTest} onChange={(event) => doctor.setForm({ listenPort: event.target.value })} />
      <span className="toolbar-spacer" />
      <SettingsToggle />
    </form>
  );
}
