import type { FanoutReport } from '../../../shared/contract/fanout.js';
import { backendRulesMessage, clientEventKeys, clientEventMessage, clientFailureMessage, fallbackMessages, outcomeMessage, settingsMessage } from '../../../shared/fanout/report-messages.js';
import type { Translate } from '../../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { visibleText } from '../../../shared/text/visible-text.js';
import { clientTimelines, deliveryChart, latencyHistograms, type ChartLabels, type ChartSpec } from './latency-charts.js';

const maxClientRows = 1000;

/**
 * The report as one self-contained HTML file: figures per backend, a latency histogram per
 * backend, delivery per backend and per-client timelines as inline SVG rendered here by Apache
 * ECharts (server-side rendering, no DOM), so the file needs no script and no network to open.
 * Every text a peer chose is escaped.
 */
export async function fanoutHtml(t: Translate, report: FanoutReport, language = 'en'): Promise<string> {
  const echarts = await import('echarts');
  const render = (chart: ChartSpec): string => {
    const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: chart.width, height: chart.height });
    try {
      instance.setOption(chart.option);
      return instance.renderToSVGString();
    } finally {
      instance.dispose();
    }
  };
  const labels: ChartLabels = {
    latencyAxis: t('fanout:html.latencyAxis'),
    messagesAxis: t('fanout:html.messagesAxis'),
    delivered: t('fanout:column.delivered'),
    lost: t('fanout:column.lost'),
    outOfOrder: t('fanout:column.outOfOrder'),
    duplicated: t('fanout:column.duplicated'),
    timeAxis: t('fanout:html.timeAxis'),
    backendName: (backend) => (backend === null ? t('fanout:unknownBackend') : visibleText(backend)),
    clientName: (client) => t('fanout:html.client', { client }),
    eventName: (kind) => t(clientEventKeys[kind]),
  };
  const timelines = clientTimelines(report, labels);
  const rows = [...report.backends, report.totals];
  const cell = (text: string | number): string => `<td>${escapeHtml(String(text))}</td>`;
  const latency = (value: number | null): string => (value === null ? '–' : `${value} ms`);
  // Which subprotocol each client spoke (GraphQL clients may land on either protocol); a run where none was accepted has no such column.
  const hasSubprotocols = report.clients.some((client) => (client.subprotocol ?? null) !== null);
  const subprotocolCell = (subprotocol: string | null | undefined): string => (hasSubprotocols ? cell(visibleText(subprotocol ?? '')) : '');
  return `<!doctype html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(t('fanout:heading', { url: visibleText(report.url) }))}</title>
<style>
body { font: 14px/1.45 system-ui, "Noto Sans CJK SC", sans-serif; margin: 24px; color: #1e272e; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border: 1px solid #d2dae2; padding: 3px 8px; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
.bad { color: #c0392b; font-weight: 600; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
figure { margin: 0; }
code { background: #f1f2f6; padding: 0 4px; }
</style>
</head>
<body>
<h1>${escapeHtml(t('fanout:heading', { url: visibleText(report.url) }))}</h1>
<p>${escapeHtml(renderMessage(t, settingsMessage(report)))}
· ${escapeHtml(renderMessage(t, outcomeMessage(report)))}
· ${escapeHtml(new Date(report.startedAt).toISOString())}</p>
<p>${escapeHtml(renderMessage(t, backendRulesMessage(report)))}</p>
${fallbackMessages(report).map((line) => `<p>${escapeHtml(renderMessage(t, line))}</p>`).join('\n')}
<h2>${escapeHtml(t('fanout:html.byBackend'))}</h2>
<table>
<tr>${[t('fanout:column.backend'), t('fanout:column.clients'), t('fanout:column.expected'), t('fanout:column.delivered'), t('fanout:column.lost'), t('fanout:column.duplicated'), t('fanout:column.outOfOrder'), 'p50', 'p95', 'p99', 'max'].map((text) => `<th>${escapeHtml(text)}</th>`).join('')}</tr>
${rows
  .map((row, index) => {
    const name = index === rows.length - 1 ? t('fanout:allBackends') : labels.backendName(row.backend);
    const lost = `<td class="${row.lost > 0 ? 'bad' : ''}">${row.lost} (${row.lossPercent} %)</td>`;
    const reordered = `<td class="${row.outOfOrder > 0 ? 'bad' : ''}">${row.outOfOrder}</td>`;
    return `<tr>${cell(name)}${cell(`${row.opened}/${row.clients}`)}${cell(row.expected)}${cell(row.delivered)}${lost}${cell(row.duplicated)}${reordered}${[row.latency.p50Ms, row.latency.p95Ms, row.latency.p99Ms, row.latency.maxMs].map((value) => cell(latency(value))).join('')}</tr>`;
  })
  .join('\n')}
</table>
${report.storm ? `<h2>${escapeHtml(t('fanout:html.storm'))}</h2><p>${escapeHtml(t(report.storm.trigger === 'killed' ? 'fanout:storm.killed' : 'fanout:storm.server', { dropped: report.storm.dropped, cameBack: report.storm.cameBack, stillDown: report.storm.stillDown }))}${report.storm.durationMs !== null ? ` ${escapeHtml(t('fanout:storm.duration', { seconds: (report.storm.durationMs / 1000).toFixed(2), p50: latency(report.storm.reconnect.p50Ms), max: latency(report.storm.reconnect.maxMs), failedAttempts: report.storm.failedAttempts }))}` : ''}</p>` : ''}
<h2>${escapeHtml(t('fanout:html.latency'))}</h2>
<div class="charts">${latencyHistograms(report, labels).map((chart) => `<figure>${render(chart)}</figure>`).join('\n')}</div>
<h2>${escapeHtml(t('fanout:html.delivery'))}</h2>
<figure>${render(deliveryChart(report, labels))}</figure>
${timelines ? `<h2>${escapeHtml(t('fanout:html.timelines', { count: Math.min(report.clients.length, 100) }))}</h2>\n<figure>${render(timelines)}</figure>` : ''}
<h2>${escapeHtml(t('fanout:html.clients'))}</h2>
<table>
<tr>${[t('fanout:html.clientColumn'), t('fanout:column.backend'), t('fanout:html.source'), t('fanout:html.attempts'), ...(hasSubprotocols ? [t('fanout:html.subprotocol')] : []), t('fanout:column.delivered'), t('fanout:column.lost'), t('fanout:column.duplicated'), t('fanout:column.outOfOrder'), 'p50', 'p99', t('fanout:html.failure')].map((text) => `<th>${escapeHtml(text)}</th>`).join('')}</tr>
${report.clients
  .slice(0, maxClientRows)
  .map((client) => `<tr title="${escapeHtml(client.timeline.map((event) => visibleText(renderMessage(t, clientEventMessage(event)))).join('\n'))}">${cell(client.client)}${cell(labels.backendName(client.backend))}${cell(client.backendSource ?? '')}${cell(client.attempts)}${subprotocolCell(client.subprotocol)}${cell(`${client.delivered}/${client.expected}`)}${cell(client.lost)}${cell(client.duplicated)}${cell(client.outOfOrder)}${cell(latency(client.latency.p50Ms))}${cell(latency(client.latency.p99Ms))}${cell(visibleText(renderMessage(t, clientFailureMessage(client))))}</tr>`)
  .join('\n')}
</table>
</body>
</html>
`;
}

/** Text as HTML text or attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
