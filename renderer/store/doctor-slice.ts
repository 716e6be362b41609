import { livenessLimitSecondsSchema, livenessProtocolSchema, type DiagnosisOutcome, type LivenessProtocolSettings } from '../../shared/contract/api-doctor.js';
import type { EventPayload } from '../../shared/contract/api.js';
import type { DoctorProgress, DoctorReport, Evidence, ProbeResult } from '../../shared/contract/doctor-report.js';
import { message, type Message } from '../../shared/i18n/message.js';
import { fieldIssueText } from '../../shared/i18n/schema-issue-text.js';
import { wholeNumber } from '../lib/whole-number.js';
import { DOCTOR_FORM } from './settings-slice.js';
import { patchSlice } from './types.js';
import type { GetApp, SetApp } from './types.js';

/** One diagnosis as the panel follows it: probes as they finish, then the report. */
export interface DoctorRun {
  readonly id: string;
  readonly url: string;
  readonly isPathTest: boolean;
  readonly progress: DoctorProgress | null;
  readonly probes: readonly ProbeResult[];
  /** null while running. */
  readonly outcome: DiagnosisOutcome | null;
  readonly report: DoctorReport | null;
  readonly message: string | null;
}

/** The Doctor's form (text fields keep what the user typed) and the latest run. */
export interface DoctorForm {
  readonly isIdleProbeEnabled: boolean;
  /** The liveness probe: does the server drop a client that stops answering its pings? */
  readonly isLivenessProbeEnabled: boolean;
  /** The Socket.IO namespace the liveness probe's clients join (`--namespace`); empty for `/`. */
  readonly livenessNamespace: string;
  /** The MQTT Keep Alive and STOMP heart-beat the liveness probe asks for, in seconds (`--keep-alive`); empty for the default. */
  readonly livenessKeepAliveSeconds: string;
  /** How long the liveness probe waits, in seconds (`--liveness-limit`); empty waits as long as the idle probe. */
  readonly livenessLimitSeconds: string;
  readonly idleLimitSeconds: string;
  /** The path test: a listener stands in for the backend the proxy at the URL forwards to. */
  readonly isPathTest: boolean;
  readonly listenHost: string;
  readonly listenPort: string;
}

/** The Path Doctor panel's state. */
export interface DoctorSlice {
  readonly form: DoctorForm;
  readonly run: DoctorRun | null;
  setForm(change: Partial<DoctorForm>): void;
  start(): Promise<void>;
  cancel(): Promise<void>;
  applyProgressed(event: EventPayload<'diagnosisProgressed'>): void;
  applyProbeFinished(event: EventPayload<'diagnosisProbeFinished'>): void;
  applyFinished(event: EventPayload<'diagnosisFinished'>): void;
  /** Shows the evidence's record in the timeline of its probe session. */
  openEvidence(evidence: Evidence): void;
  /** Diagnoses a tab's connection: its URL and settings become the Doctor's, and the run starts. */
  runFor(sessionId: string): Promise<void>;
}

const idleLimitRange = { min: 1, max: 600 } as const;
const defaultIdleLimitSeconds = 75;
const portRange = { min: 1, max: 65535 } as const;

/** The Doctor slice. */
export function createDoctorSlice(set: SetApp, get: GetApp): DoctorSlice {
  const patch = (value: Partial<DoctorSlice> | ((slice: DoctorSlice) => Partial<DoctorSlice>)): void => patchSlice(set, 'doctor', value);
  // Events of an older run (cancelled, then a new one started) must not touch the new one.
  const patchRun = (id: string, change: (run: DoctorRun) => Partial<DoctorRun>): void =>
    patch((slice) => (slice.run?.id === id ? { run: { ...slice.run, ...change(slice.run) } } : {}));

  return {
    form: { isIdleProbeEnabled: true, isLivenessProbeEnabled: false, livenessNamespace: '', livenessKeepAliveSeconds: '', livenessLimitSeconds: '', idleLimitSeconds: '75', isPathTest: false, listenHost: '127.0.0.1', listenPort: '9000' },
    run: null,

    setForm(change) {
      patch((slice) => ({ form: { ...slice.form, ...change } }));
    },

    async start() {
      const options = get().settings.validForm(DOCTOR_FORM);
      if (!options) return;
      const { form } = get().doctor;
      const idleLimitSeconds = wholeNumber(form.idleLimitSeconds, idleLimitRange.min, idleLimitRange.max);
      if (form.isIdleProbeEnabled && idleLimitSeconds === null) return get().sessions.showNotice({ kind: 'error', message: message('doctor:view.idleLimitInvalid', idleLimitRange) });
      const listenPort = wholeNumber(form.listenPort, portRange.min, portRange.max);
      if (form.isPathTest && listenPort === null) return get().sessions.showNotice({ kind: 'error', message: message('doctor:view.listenPortInvalid', portRange) });
      const livenessLimit = livenessLimitMsOf(form);
      if (form.isLivenessProbeEnabled && 'problem' in livenessLimit) return get().sessions.showNotice({ kind: 'error', message: livenessLimit.problem });
      const livenessProtocol = livenessProtocolOf(form);
      if (form.isLivenessProbeEnabled && 'problem' in livenessProtocol) return get().sessions.showNotice({ kind: 'error', message: livenessProtocol.problem });
      try {
        const { diagnosisId } = await get().api.runDiagnosis(options, {
          isIdleProbeEnabled: form.isIdleProbeEnabled,
          isLivenessProbeEnabled: form.isLivenessProbeEnabled,
          ...(form.isLivenessProbeEnabled && 'settings' in livenessProtocol ? { livenessProtocol: livenessProtocol.settings } : {}),
          ...(form.isLivenessProbeEnabled && 'limitMs' in livenessLimit ? { livenessLimitMs: livenessLimit.limitMs } : {}),
          idleLimitMs: idleWaitSeconds(form) * 1000,
          through: form.isPathTest && listenPort !== null ? { host: form.listenHost.trim() || '127.0.0.1', port: listenPort } : null,
        });
        patch({ run: { id: diagnosisId, url: options.url, isPathTest: form.isPathTest, progress: null, probes: [], outcome: null, report: null, message: null } });
        get().sessions.showNotice(null);
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    async cancel() {
      const run = get().doctor.run;
      if (!run || run.outcome !== null) return;
      try {
        await get().api.cancelDiagnosis(run.id);
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    applyProgressed({ diagnosisId, progress }) {
      patchRun(diagnosisId, () => ({ progress }));
    },

    applyProbeFinished({ diagnosisId, probe }) {
      patchRun(diagnosisId, (run) => ({ probes: [...run.probes, probe] }));
    },

    applyFinished({ diagnosisId, outcome, report, message }) {
      patchRun(diagnosisId, () => ({ outcome, report, message: message ?? null, progress: null, ...(report ? { probes: report.probes } : {}) }));
    },

    async runFor(sessionId) {
      get().settings.copyForm(sessionId, DOCTOR_FORM);
      get().workspace.showView('doctor');
      if (get().doctor.run?.outcome === null) return;
      await get().doctor.start();
    },

    openEvidence(evidence) {
      if (evidence.sessionId === undefined || evidence.seq === null) return;
      get().sessions.select(evidence.sessionId);
      get().timeline.reveal(evidence.seq);
      get().workspace.showView('inspect');
    },
  };
}

/** How long the idle probe waits, in seconds: the form's limit, or the default when the field holds none (the idle probe off); the heartbeat probe waits as long unless given its own limit. */
export function idleWaitSeconds(form: DoctorForm): number {
  return wholeNumber(form.idleLimitSeconds, idleLimitRange.min, idleLimitRange.max) ?? defaultIdleLimitSeconds;
}

/** The liveness probe's limit in ms checked by the contract's schema (as the CLI's `--liveness-limit` is), null when empty, or the problem worded after the field's label. */
function livenessLimitMsOf(form: DoctorForm): { readonly limitMs: number | null } | { readonly problem: Message } {
  const text = form.livenessLimitSeconds.trim();
  if (text === '') return { limitMs: null };
  // Typed text stays text when it is not a number, so the schema's own sentence says what it expected.
  const parsed = livenessLimitSecondsSchema.safeParse(Number.isNaN(Number(text)) ? text : Number(text));
  if (parsed.success) return { limitMs: Math.round(parsed.data * 1000) };
  return { problem: fieldIssueText(message('doctor:view.livenessLimit'), parsed.error.issues[0]!) };
}

/** The liveness probe's protocol fields checked by the contract's schema (as the CLI's `--namespace` and `--keep-alive` are), or the problem worded after the field's label. */
function livenessProtocolOf(form: DoctorForm): { readonly settings: LivenessProtocolSettings } | { readonly problem: Message } {
  const namespace = form.livenessNamespace.trim();
  const keepAlive = form.livenessKeepAliveSeconds.trim();
  const parsed = livenessProtocolSchema.safeParse({
    ...(namespace !== '' ? { namespace } : {}),
    // Typed text stays text when it is not a number, so the schema's own sentence says what it expected.
    ...(keepAlive !== '' ? { keepAliveSeconds: Number.isNaN(Number(keepAlive)) ? keepAlive : Number(keepAlive) } : {}),
  });
  if (parsed.success) return { settings: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { problem: fieldIssueText(message(issue.path[0] === 'namespace' ? 'doctor:view.livenessNamespace' : 'doctor:view.livenessKeepAlive'), issue) };
}
