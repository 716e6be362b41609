import type { Translate } from '../../shared/i18n/create-i18n.js';
import type { BackendFigures, FanoutProgress, FanoutReport, LatencyFigures } from '../../shared/contract/fanout.js';
import { backendRulesMessage, clientEventMessage, clientFailureMessage, fallbackMessages, outcomeMessage, progressMessage, settingsMessage } from '../../shared/fanout/report-messages.js';
import { renderMessage } from '../../shared/i18n/message.js';
import { visibleText } from '../../shared/text/visible-text.js';
import { displayWidth, padDisplay } from './diagnose-text.js';

/** One progress line: phase, open clients, messages sent and delivered, elapsed time. */
export function formatFanoutProgress(t: Translate, progress: FanoutProgress): string {
  return renderMessage(t, progressMessage(progress));
}

/** The report as text: the heading, one sentence per backend, the table, the storm, the failures. */
export function formatFanoutReport(t: Translate, report: FanoutReport): string {
  const lines = [
    t('fanout:heading', { url: visibleText(report.url) }),
    `  ${renderMessage(t, settingsMessage(report))}`,
    `  ${renderMessage(t, outcomeMessage(report))}`,
    `  ${renderMessage(t, backendRulesMessage(report))}`,
    ...fallbackMessages(report).map((line) => `  ${renderMessage(t, line)}`),
    '',
    ...report.backends.map((row) => sentence(t, row)),
    '',
    ...table(t, report),
  ];
  if (report.storm) {
    const storm = report.storm;
    lines.push('', t(storm.trigger === 'killed' ? 'fanout:storm.killed' : 'fanout:storm.server', { dropped: storm.dropped, cameBack: storm.cameBack, stillDown: storm.stillDown }));
    if (storm.durationMs !== null) lines.push(`  ${t('fanout:storm.duration', { seconds: (storm.durationMs / 1000).toFixed(2), p50: ms(storm.reconnect.p50Ms), max: ms(storm.reconnect.maxMs), failedAttempts: storm.failedAttempts })}`);
  }
  const failed = report.clients.filter((client) => !client.opened);
  if (failed.length > 0) lines.push('', t('fanout:failed', { count: failed.length }), ...failureLines(t, failed));
  // Opened, then its protocol refused the opening or ended the subscription with an error.
  const protocolFailed = report.clients.filter((client) => client.opened && client.failure !== null);
  if (protocolFailed.length > 0) lines.push('', t('fanout:protocolFailed', { count: protocolFailed.length }), ...failureLines(t, protocolFailed));
  return lines.join('\n');
}

/** The first few failed clients: the reason, then their attempts in order (the failure itself is the line above). */
function failureLines(t: Translate, clients: readonly FanoutReport['clients'][number][]): string[] {
  return clients.slice(0, 5).flatMap((client) => [
    `  ${t('fanout:failedClient', { client: client.client, failure: visibleText(renderMessage(t, clientFailureMessage(client))) })}`,
    ...client.timeline.filter((event) => event.kind !== 'failed').map((event) => `    ${visibleText(renderMessage(t, clientEventMessage(event)))}`),
  ]);
}

/** "b2: 10 clients lost 10 % …" — one line a reader acts on. */
function sentence(t: Translate, row: BackendFigures): string {
  const backend = row.backend === null ? t('fanout:unknownBackend') : visibleText(row.backend);
  if (row.opened === 0) return t('fanout:line.neverOpened', { backend, count: row.clients });
  const values = { backend, count: row.opened, lossPercent: row.lossPercent, lost: row.lost, expected: row.expected, outOfOrder: row.outOfOrder, duplicated: row.duplicated, p99: ms(row.latency.p99Ms) };
  // Nothing expected and nothing arrived (a GraphQL error before any result, a silent broadcast) is not "every message".
  if (row.expected === 0 && row.delivered === 0) return t('fanout:line.nothing', values);
  if (row.lost === 0 && row.outOfOrder === 0 && row.duplicated === 0) return t('fanout:line.clean', values);
  return t('fanout:line.problem', values);
}

function table(t: Translate, report: FanoutReport): string[] {
  const header = [t('fanout:column.backend'), t('fanout:column.clients'), t('fanout:column.delivered'), t('fanout:column.lost'), t('fanout:column.duplicated'), t('fanout:column.outOfOrder'), 'p50', 'p95', 'p99', 'max'];
  const rows = [...report.backends, report.totals].map((row, index, all) => [
    index === all.length - 1 ? t('fanout:allBackends') : row.backend === null ? t('fanout:unknownBackend') : visibleText(row.backend),
    `${row.opened}/${row.clients}`,
    `${row.delivered}/${row.expected}`,
    `${row.lost} (${row.lossPercent} %)`,
    String(row.duplicated),
    String(row.outOfOrder),
    ...latencyCells(row.latency),
  ]);
  // Display columns, not UTF-16 units: Chinese headers and full-width brackets take two each.
  const widths = header.map((cell, column) => Math.max(displayWidth(cell), ...rows.map((row) => displayWidth(row[column]!))));
  const line = (cells: readonly string[]): string => `  ${cells.map((cell, column) => padDisplay(cell, widths[column]!)).join('  ').trimEnd()}`;
  return [line(header), ...rows.map(line)];
}

function latencyCells(latency: LatencyFigures): string[] {
  return [latency.p50Ms, latency.p95Ms, latency.p99Ms, latency.maxMs].map(ms);
}

/** Milliseconds for people: "0.42 ms", "12.3 ms", "1.52 s"; "–" when unknown. */
export function ms(value: number | null): string {
  if (value === null) return '–';
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  return `${value >= 10 ? value.toFixed(1) : value.toFixed(2)} ms`;
}
