import { useApp } from '../../store/app-store.js';
import type { DoctorRun } from '../../store/doctor-slice.js';
import { CauseList } from './cause-list.js';
import { PathComparisonView } from './path-comparison.js';
import { ProbeList } from './probe-list.js';

/** Before the first run: what the Doctor does and how to point it at a path. */
function DoctorIntro() {
  return (
    <div className="doctor-intro">
      <h2>Path Doctor</h2>
      <p>
        Enter the URL that fails or drops and press <strong>Diagnose</strong>. The Doctor uses the connection settings (proxy, TLS, headers, origin) and runs named probes: DNS, TCP, TLS,
        the handshake and the same handshake as HTTP/1.0, a ping, permessage-deflate, a 1 MiB message, and an idle connection that finds when the path cuts silent sockets.
      </p>
      <p>It names the most likely cause, shows the records that prove it, and gives the configuration fix for nginx, HAProxy, Caddy and Apache.</p>
      <p>
        With the <strong>path test</strong>, Frameline also listens as the backend: configure the proxy to forward to that address, and the Doctor compares what was sent with what arrived
        (dropped Upgrade headers, an HTTP/1.0 request line, re-chunked frames, a close only one end saw).
      </p>
    </div>
  );
}

function runHeadline(run: DoctorRun): { text: string; tone: 'running' | 'ok' | 'bad' | 'muted' } {
  if (run.outcome === null) return { text: `Diagnosing ${run.url}…`, tone: 'running' };
  if (run.outcome === 'failed') return { text: `The diagnosis could not run: ${run.message ?? 'unknown error'}`, tone: 'bad' };
  const verdict = run.report?.verdict ?? '';
  if (run.outcome === 'cancelled') return { text: `Cancelled. ${verdict}`, tone: 'muted' };
  return { text: verdict, tone: run.report && run.report.causes.length === 0 ? 'ok' : 'bad' };
}

/** The Doctor: verdict and causes with evidence and fixes on the left, every probe on the right. */
export function DoctorPanel() {
  const run = useApp((state) => state.doctor.run);
  if (!run) return <section className="doctor" aria-label="Path Doctor"><DoctorIntro /></section>;
  const headline = runHeadline(run);
  const report = run.report;
  return (
    <section className="doctor" aria-label="Path Doctor">
      <div className="doctor-verdict-column">
        <div className={`verdict verdict-${headline.tone}`} role="status" aria-label="Verdict">
          <div className="verdict-url mono">{run.url}{run.isPathTest ? ' · path test' : ''}</div>
          <div className="verdict-text">{headline.text}</div>
          {report?.idleTimeoutSeconds != null && <div className="verdict-idle">The path cut a silent connection after <strong>{report.idleTimeoutSeconds} s</strong>.</div>}
        </div>
        {report && report.causes.length > 0 && <CauseList causes={report.causes} verdict={report.verdict} />}
        {report?.path && <PathComparisonView path={report.path} />}
      </div>
      <div className="doctor-probe-column">
        <div className="panel-title">Probes</div>
        <ProbeList probes={run.probes} progress={run.outcome === null ? run.progress : null} />
      </div>
    </section>
  );
}
