import type { FormEvent } from 'react';
import { getAppStore, useApp } from '../../store/app-store.js';
import { SettingsToggle } from '../connection/settings-toggle.js';
import { UrlInput } from '../connection/url-input.js';

/** The URL (shared with Connect), Diagnose / Cancel, the idle probe's limit and the path test's listen address. */
export function DoctorBar() {
  const form = useApp((state) => state.doctor.form);
  const isRunning = useApp((state) => state.doctor.run !== null && state.doctor.run.outcome === null);
  const { doctor } = getAppStore().getState();

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    if (!isRunning) void doctor.start();
  };

  return (
    <form className="connection-bar doctor-bar" onSubmit={onSubmit} aria-label="Diagnosis">
      <UrlInput />
      {isRunning ? (
        <button type="button" onClick={() => void doctor.cancel()}>Cancel</button>
      ) : (
        <button type="submit" className="primary">Diagnose</button>
      )}
      <label className="check" title="Stay silent on a fresh connection to measure when the path cuts it">
        <input type="checkbox" checked={form.isIdleProbeEnabled} disabled={isRunning} onChange={(event) => doctor.setForm({ isIdleProbeEnabled: event.target.checked })} />
        Idle probe up to
      </label>
      <input
        className="seconds"
        aria-label="Idle limit in seconds"
        inputMode="numeric"
        value={form.idleLimitSeconds}
        disabled={isRunning || !form.isIdleProbeEnabled}
        onChange={(event) => doctor.setForm({ idleLimitSeconds: event.target.value })}
      />
      <span className="muted">s</span>
      <label className="check" title="Listen as the backend and connect through the proxy at the URL to it; the proxy must forward to this address">
        <input type="checkbox" checked={form.isPathTest} disabled={isRunning} onChange={(event) => doctor.setForm({ isPathTest: event.target.checked })} />
        Path test, backend on
      </label>
      <input className="host" aria-label="Listen host" value={form.listenHost} disabled={isRunning || !form.isPathTest} onChange={(event) => doctor.setForm({ listenHost: event.target.value })} />
      <span className="muted">:</span>
      <input className="port" aria-label="Listen port" inputMode="numeric" value={form.listenPort} disabled={isRunning || !form.isPathTest} onChange={(event) => doctor.setForm({ listenPort: event.target.value })} />
      <span className="toolbar-spacer" />
      <SettingsToggle />
    </form>
  );
}
