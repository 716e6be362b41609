import type { Cause, DoctorReport, ProbeResult, ProbeStatus } from '../../shared/contract/doctor-report.js';
import type { PathComparison } from '../../shared/contract/doctor-report.js';
import { visibleText } from '../../shared/text/visible-text.js';
import { closeMismatch } from '../engine/doctor/path-compare.js';

const statusWords: Readonly<Record<ProbeStatus, string>> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'skip' };
const fixLabels = [['nginx', 'nginx'], ['haproxy', 'haproxy'], ['caddy', 'Caddy'], ['apache', 'Apache']] as const;

/** The heading printed before the probes. */
export function formatHeading(url: string, isPathTest: boolean): string {
  return `${isPathTest ? 'Path test' : 'Path Doctor'} · ${url}\n`;
}

/** One probe as one line: status, title, summary, time. */
export function formatProbe(probe: ProbeResult): string {
  const time = probe.status === 'skip' ? '' : `  (${formatDuration(probe.durationMs)})`;
  return `  ${statusWords[probe.status]}  ${probe.title.padEnd(26)} ${visibleText(probe.summary)}${time}`;
}

/** The verdict with its evidence and fix, the other causes, and for the path test what the path did. */
export function formatConclusion(report: DoctorReport): string {
  const lines: string[] = [''];
  if (report.path) lines.push(...formatPath(report.path), '');
  const [first, ...others] = report.causes;
  lines.push(`Verdict: ${visibleText(report.verdict)}`);
  if (first) lines.push(...formatCauseBody(first));
  if (report.idleTimeoutSeconds !== null) lines.push('', `Idle timeout: the path cut a silent connection after ${report.idleTimeoutSeconds} s.`);
  if (others.length > 0) lines.push('', 'Also found:');
  others.forEach((cause, index) => lines.push('', ` ${index + 2}. ${visibleText(cause.summary)}`, ...formatCauseBody(cause)));
  return lines.join('\n');
}

function formatCauseBody(cause: Cause): string[] {
  const lines = [`    [${cause.id}, ${cause.confidence} confidence]`];
  if (cause.evidence.length > 0) {
    lines.push('    Evidence:');
    for (const item of cause.evidence) lines.push(`      ${item.probe}${item.seq !== null ? ` record #${item.seq}` : ''}: ${visibleText(item.text)}`);
  }
  lines.push(`    Fix: ${cause.fix.summary}`);
  for (const [key, label] of fixLabels) {
    const fix = cause.fix[key];
    // Multi-line configuration snippets keep their lines, aligned under the first.
    if (fix) lines.push(`      ${`${label}:`.padEnd(9)}${fix.replaceAll('\n', `\n${' '.repeat(15)}`)}`);
  }
  return lines;
}

function formatPath(path: PathComparison): string[] {
  const lines = ['What the path did:'];
  lines.push(`  sent      ${visibleText(path.sentRequestLine)}`);
  lines.push(`  received  ${path.receivedRequestLine === null ? '(nothing reached the listener)' : visibleText(path.receivedRequestLine)}${path.peer ? `  from ${visibleText(path.peer)}` : ''}`);
  if (path.httpVersion.received !== null && path.httpVersion.received !== path.httpVersion.sent) lines.push(`  ! HTTP/${path.httpVersion.sent} was forwarded as HTTP/${path.httpVersion.received}`);
  for (const change of path.headers) {
    const name = visibleText(change.name);
    if (change.change === 'dropped') lines.push(`  - ${name}: ${visibleText(change.sent ?? '')}   (dropped)`);
    else if (change.change === 'added') lines.push(`  + ${name}: ${visibleText(change.received ?? '')}   (added)`);
    else lines.push(`  ~ ${name}: ${visibleText(change.sent ?? '')} → ${visibleText(change.received ?? '')}   (rewritten)`);
  }
  for (const frame of path.frames.filter((each) => each.verdict !== 'none')) {
    const masks = frame.isMaskKept === true ? ', masking keys kept' : frame.isMaskKept === false ? ', re-masked' : '';
    lines.push(`  frames ${frame.direction}: ${frame.framesSent} sent, ${frame.framesReceived} arrived (${frame.bytesSent} → ${frame.bytesReceived} bytes): ${frame.verdict}${masks}`);
  }
  const mismatch = closeMismatch(path);
  if (mismatch) lines.push(`  ! ${mismatch}`);
  for (const end of path.ends) lines.push(`  ${end.side} saw: ${visibleText(end.description)}${end.idleSeconds !== null && end.idleSeconds > 0.5 ? ` after ${end.idleSeconds} s idle` : ''}`);
  return lines;
}

function formatDuration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** The `--json` shape (issue "Path Doctor"): causes, probes, idleTimeoutSeconds; plus the verdict and the path comparison. */
export function reportJson(report: DoctorReport): object {
  return {
    url: report.url,
    verdict: report.verdict,
    causes: report.causes.map((cause) => ({ id: cause.id, confidence: cause.confidence, summary: cause.summary, evidence: cause.evidence, fix: cause.fix })),
    probes: report.probes.map((probe) => ({ id: probe.id, status: probe.status, summary: probe.summary, durationMs: probe.durationMs, title: probe.title, evidence: probe.evidence })),
    idleTimeoutSeconds: report.idleTimeoutSeconds,
    ...(report.path ? { path: report.path } : {}),
  };
}
