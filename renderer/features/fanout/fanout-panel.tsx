import { useTranslation } from 'react-i18next';
import type { BackendFigures, FanoutReport, LatencyFigures } from '../../../shared/contract/fanout.js';
import { visibleText } from '../../../shared/text/visible-text.js';
import { backendRulesMessage, clientEventMessage, clientFailureMessage, fallbackMessages, outcomeMessage, progressMessage, settingsMessage } from '../../../shared/fanout/report-messages.js';
import { useMessage } from '../../lib/use-message.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { BackendHistogram } from './backend-histogram.js';

const shownClients = 300;

function ms(value: number | null): string {
  return value === null ? '–' : `${value} ms`;
}

function latencyCells(latency: LatencyFigures) {
  return [latency.p50Ms, latency.p95Ms, latency.p99Ms, latency.maxMs].map((value, index) => <td key={index}>{ms(value)}</td>);
}

/** The backend table: one row per backend and the total, loss and reordering marked. */
function BackendTable({ report }: { report: FanoutReport }) {
  const t = useT();
  const name = (row: BackendFigures, isTotal: boolean): string => (isTotal ? t('fanout:allBackends') : row.backend === null ? t('fanout:unknownBackend') : visibleText(row.backend));
  const rows = [...report.backends, report.totals];
  return (
    <table className="fanout-table">
      <thead>
        <tr>
          {[t('fanout:column.backend'), t('fanout:column.clients'), t('fanout:column.delivered'), t('fanout:column.lost'), t('fanout:column.duplicated'), t('fanout:column.outOfOrder'), 'p50', 'p95', 'p99', 'max'].map((text) => <th key={text}>{text}</th>)}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={index} className={index === rows.length - 1 ? 'total' : undefined}>
            <td>{name(row, index === rows.length - 1)}</td>
            <td>{row.opened}/{row.clients}</td>
            <td>{row.delivered}/{row.expected}</td>
            <td className={row.lost > 0 ? 'bad' : undefined}>{row.lost} ({row.lossPercent} %)</td>
            <td className={row.duplicated > 0 ? 'bad' : undefined}>{row.duplicated}</td>
            <td className={row.outOfOrder > 0 ? 'bad' : undefined}>{row.outOfOrder}</td>
            {latencyCells(row.latency)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every client (the first few hundred): backend, figures, and Open for its capture. */
function ClientTable({ report }: { report: FanoutReport }) {
  const t = useT();
  const render = useMessage();
  // Which subprotocol each client spoke (GraphQL clients may land on either protocol); a run where none was accepted has no such column.
  const hasSubprotocols = report.clients.some((client) => (client.subprotocol ?? null) !== null);
  return (
    <table className="fanout-table clients">
      <thead>
        <tr>
          {[t('fanout:html.clientColumn'), t('fanout:column.backend'), t('fanout:html.attempts'), ...(hasSubprotocols ? [t('fanout:html.subprotocol')] : []), t('fanout:column.delivered'), t('fanout:column.lost'), t('fanout:column.outOfOrder'), 'p99', t('fanout:html.failure'), ''].map((text, index) => <th key={index}>{text}</th>)}
        </tr>
      </thead>
      <tbody>
        {report.clients.slice(0, shownClients).map((client) => (
          <tr key={client.client}>
            <td>{client.client}{client.isSender ? ' ✉' : ''}</td>
            <td title={client.backendSource ?? ''}>{client.backend === null ? t('fanout:unknownBackend') : visibleText(client.backend)}</td>
            <td title={client.timeline.map((event) => visibleText(render(clientEventMessage(event)))).join('\n')}>{client.attempts}</td>
            {hasSubprotocols && <td translate="no">{visibleText(client.subprotocol ?? '')}</td>}
            <td>{client.delivered}/{client.expected}</td>
            <td className={client.lost > 0 ? 'bad' : undefined}>{client.lost}</td>
            <td className={client.outOfOrder > 0 ? 'bad' : undefined}>{client.outOfOrder}</td>
            <td>{ms(client.latency.p99Ms)}</td>
            <td>{visibleText(render(clientFailureMessage(client)))}</td>
            <td>
              {client.attempts > 0 && (
                <button type="button" className="link" onClick={() => void getAppStore().getState().fanout.openClient(client.client)}>
                  {t('fanout:view.open')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The Fan-out view: progress while it runs, then one line per backend, the table, histograms, the storm and every client. */
export function FanoutPanel() {
  const t = useT();
  const { i18n } = useTranslation();
  const show = useMessage();
  const run = useApp((state) => state.fanout.run);
  if (!run) {
    return (
      <section className="panel fanout" aria-label={t('fanout:view.label')}>
        <div className="doctor-intro">
          <h2>{t('fanout:view.introTitle')}</h2>
          <p>{t('fanout:view.intro')}</p>
        </div>
      </section>
    );
  }
  const { progress, report } = run;
  return (
    <section className="panel fanout" aria-label={t('fanout:view.label')}>
      <div className="fanout-body">
        {progress && run.outcome === null && (
          <p className="fanout-progress" role="status">
            {show(progressMessage(progress))}
          </p>
        )}
        {run.message && <p className="bad">{visibleText(run.message)}</p>}
        {report && (
          <>
            <p>
              {show(settingsMessage(report))}
              {' · '}
              {show(outcomeMessage(report))}
            </p>
            <p className="muted">{show(backendRulesMessage(report))}</p>
            {fallbackMessages(report).map((line, index) => (
              <p key={index} className="muted">{show(line)}</p>
            ))}
            <BackendTable report={report} />
            {report.storm && (
              <p>
                {t(report.storm.trigger === 'killed' ? 'fanout:storm.killed' : 'fanout:storm.server', { dropped: report.storm.dropped, cameBack: report.storm.cameBack, stillDown: report.storm.stillDown })}
                {report.storm.durationMs !== null && ` ${t('fanout:storm.duration', { seconds: (report.storm.durationMs / 1000).toFixed(2), p50: ms(report.storm.reconnect.p50Ms), max: ms(report.storm.reconnect.maxMs), failedAttempts: report.storm.failedAttempts })}`}
              </p>
            )}
            {/* Without a send time (a server's broadcast with no sentAt, GraphQL results) there is no latency to draw. */}
            {report.totals.latency.count > 0 && (
              <>
                <h3>{t('fanout:html.latency')}</h3>
                <div className="fanout-histograms">
                  {report.backends.map((row, index) => (
                    <BackendHistogram key={index} row={row} edgesMs={report.histogramEdgesMs} label={row.backend === null ? t('fanout:unknownBackend') : visibleText(row.backend)} />
                  ))}
                </div>
              </>
            )}
            <div className="fanout-actions">
              <button type="button" onClick={() => void getAppStore().getState().fanout.exportReport('html', i18n.language)}>{t('fanout:view.exportHtml')}</button>
              <button type="button" onClick={() => void getAppStore().getState().fanout.exportReport('json', i18n.language)}>{t('fanout:view.exportJson')}</button>
            </div>
            <h3>{t('fanout:html.clients')}</h3>
            <ClientTable report={report} />
          </>
        )}
      </div>
    </section>
  );
}
