import type { Translate } from '../../shared/i18n/create-i18n.js';
import type { Cause, DoctorReport, Evidence, Hop, ProbeResult, ProbeSubStep } from '../../shared/contract/doctor-report.js';
import type { PathComparison } from '../../shared/contract/doctor-report.js';
import { fixStepText } from '../../shared/doctor/fix-text.js';
import { crossingDirectionKeys, crossingVerdictKeys, fixTargetNameKeys, hopNameKeys, statusKeys } from '../../shared/doctor/names.js';
import { renderMessage } from '../../shared/i18n/message.js';
import { visibleText } from '../../shared/text/visible-text.js';
import { closeMismatch } from '../engine/doctor/path-compare.js';

/** Display width: CJK and other wide characters take two terminal columns, so columns line up in Chinese too. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) || char.codePointAt(0)! >= 0x20000 ? 2 : 1;
  return width;
}

/** Pads to a display width (see `displayWidth`). */
export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** The heading printed before the probes. */
export function formatHeading(t: Translate, url: string, isPathTest: boolean): string {
  return `${t(isPathTest ? 'cli:diagnose.headingPathTest' : 'cli:diagnose.heading', { url })}\n`;
}

/** One probe as one line (status, title, summary, time), and its parts (a SOCKS exchange's) indented under it. */
export function formatProbe(t: Translate, probe: ProbeResult): string {
  const time = probe.status === 'skip' ? '' : `  (${formatDuration(probe.durationMs)})`;
  const line = `  ${padDisplay(t(statusKeys[probe.status]), 4)}  ${padDisplay(renderMessage(t, probe.title), 26)} ${visibleText(renderMessage(t, probe.summary))}${time}`;
  return [line, ...(probe.steps ?? []).map((part) => formatPart(t, part))].join('\n');
}

function formatPart(t: Translate, part: ProbeSubStep): string {
  return `        ${padDisplay(t(statusKeys[part.status]), 4)}  ${padDisplay(renderMessage(t, part.title), 20)} ${visibleText(renderMessage(t, part.summary))}  (${formatDuration(part.durationMs)})`;
}

/** The verdict with its evidence and fix, the other causes, the hops named, and for the path test what the path did. */
export function formatConclusion(t: Translate, report: DoctorReport): string {
  const lines: string[] = [''];
  if (report.path) lines.push(...formatPath(t, report.path), '');
  if (report.hops.length > 0) lines.push(...formatHops(t, report.hops), '');
  const [first, ...others] = report.causes;
  lines.push(t('cli:diagnose.verdict', { verdict: visibleText(renderMessage(t, report.verdict)) }));
  if (report.nextStep) lines.push(`    ${renderMessage(t, report.nextStep)}`);
  if (first) lines.push(...formatCauseBody(t, first));
  if (report.idleTimeoutSeconds !== null) lines.push('', t('cli:diagnose.idleTimeout', { seconds: report.idleTimeoutSeconds }));
  if (others.length > 0) lines.push('', t('cli:diagnose.alsoFound'));
  others.forEach((cause, index) => lines.push('', ` ${index + 2}. ${visibleText(renderMessage(t, cause.summary))}`, ...formatCauseBody(t, cause)));
  return lines.join('\n');
}

function formatHops(t: Translate, hops: readonly Hop[]): string[] {
  return [t('cli:diagnose.hops'), ...hops.map((hop) => `  ${renderMessage(t, { key: hopNameKeys[hop.id] })}  (${hop.evidence.map((item) => visibleText(renderMessage(t, item.text))).join('; ')})`)];
}

function formatEvidence(t: Translate, item: Evidence): string {
  return item.seq !== null ? t('cli:diagnose.evidenceRecord', { probe: item.probe, seq: item.seq, text: visibleText(renderMessage(t, item.text)) }) : t('cli:diagnose.evidenceFact', { probe: item.probe, text: visibleText(renderMessage(t, item.text)) });
}

function formatCauseBody(t: Translate, cause: Cause): string[] {
  const lines = [`    ${t('cli:diagnose.causeTag', { id: cause.id, confidence: t(confidenceKeys[cause.confidence]) })}`];
  if (cause.evidence.length > 0) {
    lines.push(`    ${t('cli:diagnose.evidence')}`);
    for (const item of cause.evidence) lines.push(`      ${formatEvidence(t, item)}`);
  }
  lines.push(`    ${t('cli:diagnose.fix', { summary: renderMessage(t, cause.fix.summary) })}`);
  const labels = cause.fix.steps.map((step) => `${t(fixTargetNameKeys[step.target])}:`);
  const width = Math.max(0, ...labels.map(displayWidth)) + 1;
  cause.fix.steps.forEach((step, index) => {
    // Multi-line configuration keeps its lines, aligned under the first.
    lines.push(`      ${padDisplay(labels[index]!, width)}${fixStepText(t, step).replaceAll('\n', `\n${' '.repeat(6 + width)}`)}`);
  });
  return lines;
}

const confidenceKeys = { high: 'doctor:confidence.high', medium: 'doctor:confidence.medium', low: 'doctor:confidence.low' } as const;
const changeKeys = { dropped: 'cli:diagnose.path.dropped', added: 'cli:diagnose.path.added', rewritten: 'cli:diagnose.path.rewritten' } as const;
const maskKeys = { kept: 'cli:diagnose.path.masksKept', remasked: 'cli:diagnose.path.remasked' } as const;

function formatPath(t: Translate, path: PathComparison): string[] {
  const lines = [t('cli:diagnose.path.heading')];
  lines.push(`  ${t('cli:diagnose.path.sent', { requestLine: visibleText(path.sentRequestLine) })}`);
  const received = path.receivedRequestLine === null ? t('cli:diagnose.path.nothingReached') : visibleText(path.receivedRequestLine);
  lines.push(`  ${path.peer ? t('cli:diagnose.path.receivedFrom', { requestLine: received, peer: visibleText(path.peer) }) : t('cli:diagnose.path.received', { requestLine: received })}`);
  if (path.httpVersion.received !== null && path.httpVersion.received !== path.httpVersion.sent) lines.push(`  ! ${t('cli:diagnose.path.versionChanged', { sent: path.httpVersion.sent, received: path.httpVersion.received })}`);
  for (const change of path.headers) {
    const sign = change.change === 'dropped' ? '-' : change.change === 'added' ? '+' : '~';
    const value = change.change === 'dropped' ? visibleText(change.sent ?? '') : change.change === 'added' ? visibleText(change.received ?? '') : `${visibleText(change.sent ?? '')} → ${visibleText(change.received ?? '')}`;
    lines.push(`  ${sign} ${visibleText(change.name)}: ${value}   (${t(changeKeys[change.change])})`);
  }
  for (const frame of path.frames.filter((each) => each.verdict !== 'none')) {
    const masks = frame.isMaskKept === true ? t(maskKeys.kept) : frame.isMaskKept === false ? t(maskKeys.remasked) : '';
    lines.push(`  ${t('cli:diagnose.path.frames', { direction: t(crossingDirectionKeys[frame.direction]), sent: frame.framesSent, received: frame.framesReceived, bytesSent: frame.bytesSent, bytesReceived: frame.bytesReceived, verdict: t(crossingVerdictKeys[frame.verdict]), masks })}`);
  }
  const mismatch = closeMismatch(path);
  if (mismatch) lines.push(`  ! ${visibleText(renderMessage(t, mismatch))}`);
  for (const end of path.ends) {
    const values = { side: t(sideKeys[end.side]), description: visibleText(renderMessage(t, end.description)), seconds: end.idleSeconds ?? 0 };
    lines.push(`  ${end.idleSeconds !== null && end.idleSeconds > 0.5 ? t('cli:diagnose.path.sawAfterIdle', values) : t('cli:diagnose.path.saw', values)}`);
  }
  return lines;
}

const sideKeys = { client: 'doctor:path.side.client', listener: 'doctor:path.side.listener' } as const;

function formatDuration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
