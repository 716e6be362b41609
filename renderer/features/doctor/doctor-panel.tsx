import type { Hop } from '../../../shared/contract/doctor-report.js';
import { hopNameKeys } from '../../../shared/doctor/names.js';
import { useMessage } from '../../lib/use-message.js';
import { useT } from '../../lib/use-t.js';
import { useApp } from '../../store/app-store.js';
import type { DoctorRun } from '../../store/doctor-slice.js';
import { CauseList } from './cause-list.js';
import { PathComparisonView } from './path-comparison.js';
import { ProbeList } from './probe-list.js';

/** Before the first run: what the Doctor does and how to point it at a path. */
function DoctorIntro() {
  const t = useT();
  return (
    <div className="doctor-intro">
      <h2>{t('doctor:view.title')}</h2>
      <p>{t('doctor:view.introProbes')}</p>
      <p>{t('doctor:view.introFixes')}</p>
      <p>{t('doctor:view.introPathTest')}</p>
    </div>
  );
}

type Headline = { text: string; tone: 'running' | 'ok' | 'warn' | 'bad' | 'muted' };

/** A diagnosed cause is bad; a failed probe without one (a server's own limit, say) is not all well either. */
function reportTone(report: DoctorRun['report']): Headline['tone'] {
  if (!report || report.causes.length > 0) return 'bad';
  return report.probes.some((probe) => probe.status === 'fail') ? 'warn' : 'ok';
}

function useHeadline(): (run: DoctorRun) => Headline {
  const t = useT();
  const text = useMessage();
  return (run) => {
    if (run.outcome === null) return { text: t('doctor:view.diagnosing', { url: run.url }), tone: 'running' };
    if (run.outcome === 'failed') return { text: t('doctor:view.failed', { message: run.message ?? '?' }), tone: 'bad' };
    const verdict = run.report ? text(run.report.verdict) : '';
    if (run.outcome === 'cancelled') return { text: t('doctor:view.cancelled', { verdict }), tone: 'muted' };
    return { text: verdict, tone: reportTone(run.report) };
  };
}

/** The hops the responses named, each with the header that names it. */
function HopList({ hops }: { hops: readonly Hop[] }) {
  const t = useT();
  const text = useMessage();
  return (
    <ul className="hop-list" aria-label={t('doctor:view.hops')}>
      {hops.map((hop) => (
        <li key={hop.id}>
          <strong>{t(hopNameKeys[hop.id])}</strong> <code>{hop.evidence.map((item) => text(item.text)).join('; ')}</code>
        </li>
      ))}
    </ul>
  );
}

/** The Doctor: verdict and causes with evidence and fixes on the left, every probe on the right. */
export function DoctorPanel() {
  const t = useT();
  const text = useMessage();
  const headlineOf = useHeadline();
  const run = useApp((state) => state.doctor.run);
  if (!run) return <section className="doctor" aria-label={t('doctor:view.title')}><DoctorIntro /></section>;
  const headline = headlineOf(run);
  const report = run.report;
  return (
    <section className="doctor" aria-label={t('doctor:view.title')}>
      <div className="doctor-verdict-column">
        <div className={`verdict verdict-${headline.tone}`} role="status" aria-label={t('doctor:view.verdict')}>
          <div className="verdict-url mono">{run.isPathTest ? t('doctor:view.urlPathTest', { url: run.url }) : run.url}</div>
          <div className="verdict-text">{headline.text}</div>
          {report?.nextStep && <div className="verdict-next">{text(report.nextStep)}</div>}
          {report?.idleTimeoutSeconds != null && <div className="verdict-idle">{t('doctor:view.idleCut', { seconds: report.idleTimeoutSeconds })}</div>}
        </div>
        {report && report.hops.length > 0 && <HopList hops={report.hops} />}
        {report && report.causes.length > 0 && <CauseList causes={report.causes} verdict={report.verdict} />}
        {report?.path && <PathComparisonView path={report.path} />}
      </div>
      <div className="doctor-probe-column">
        <div className="panel-title">{t('doctor:view.probes')}</div>
        <ProbeList probes={run.probes} progress={run.outcome === null ? run.progress : null} />
      </div>
    </section>
  );
}
