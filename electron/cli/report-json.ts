import type { Translate } from '../../shared/i18n/create-i18n.js';
import type { DoctorReport, Evidence, Fix } from '../../shared/contract/doctor-report.js';
import { fixStepText } from '../../shared/doctor/fix-text.js';
import { renderMessage } from '../../shared/i18n/message.js';

/**
 * The `--json` shape (README "Path Doctor"): ids, statuses and numbers as the engine has them, and
 * every sentence rendered with the English catalogue whatever the language, so scripts never see
 * the output change with `--lang` or `LANG`. Fixes are keyed by target (`nginx`, `aws-alb`, …).
 */
export function reportJson(english: Translate, report: DoctorReport): object {
  const text = (evidence: Evidence): object => ({ probe: evidence.probe, seq: evidence.seq, text: renderMessage(english, evidence.text) });
  return {
    url: report.url,
    verdict: renderMessage(english, report.verdict),
    causes: report.causes.map((cause) => ({ id: cause.id, confidence: cause.confidence, summary: renderMessage(english, cause.summary), hop: cause.hop, evidence: cause.evidence.map(text), fix: fixJson(english, cause.fix) })),
    probes: report.probes.map((probe) => ({
      id: probe.id,
      status: probe.status,
      summary: renderMessage(english, probe.summary),
      durationMs: probe.durationMs,
      title: renderMessage(english, probe.title),
      evidence: probe.evidence.map(text),
      ...(probe.steps ? { steps: probe.steps.map((part) => ({ title: renderMessage(english, part.title), status: part.status, summary: renderMessage(english, part.summary), durationMs: part.durationMs })) } : {}),
    })),
    idleTimeoutSeconds: report.idleTimeoutSeconds,
    hops: report.hops.map((hop) => ({ id: hop.id, status: hop.status, evidence: hop.evidence.map(text) })),
    nextStep: report.nextStep ? renderMessage(english, report.nextStep) : null,
    ...(report.liveness ? { liveness: { ...report.liveness, closeHow: report.liveness.closeHow ? renderMessage(english, report.liveness.closeHow) : null } } : {}),
    ...(report.path ? { path: { ...report.path, ends: report.path.ends.map((end) => ({ ...end, description: renderMessage(english, end.description) })) } } : {}),
  };
}

function fixJson(english: Translate, fix: Fix): Record<string, string> {
  const json: Record<string, string> = { summary: renderMessage(english, fix.summary) };
  for (const step of fix.steps) json[step.target] = fixStepText(english, step);
  return json;
}
