import { connectionDeflate } from '../../../electron/engine/deflate/connection-deflate.js';
import type { CaseCommand, CaseTimer } from '../../../shared/conformance/case-command.js';
import { CaseMachine } from '../../../shared/conformance/case-machine.js';
import type { CaseObservation } from '../../../shared/conformance/case-observation.js';
import type { ConformanceCase } from '../../../shared/conformance/conformance-case.js';
import { observeResponse } from '../../../shared/conformance/observed-handshake.js';
import type { Judgement } from '../../../shared/conformance/verdict.js';
import type { ConnectionCommand } from '../../../shared/connection/connection-command.js';
import { buildHandshakeRequest } from '../../../shared/protocol/handshake-request.js';
import { ResponseHeadParser } from '../../../shared/protocol/http-response-parser.js';
import { ScriptedServer, type ServerFault } from './scripted-server.js';

/** What one case did against a scripted server. */
export interface LoopResult {
  readonly judgement: Judgement;
  readonly observation: CaseObservation;
  /** The verdict and the reason's key, for compact assertions. */
  readonly summary: string;
}

type Delivery = { to: 'server'; bytes: Uint8Array } | { to: 'client'; bytes: Uint8Array } | { to: 'client-end' } | { to: 'server-end' };

const limits = { payloadRetentionBytes: 64 * 1024 * 1024, maxPayloadBytes: 64 * 1024 * 1024, maxFragments: 1_000_000, maxInflatedBytes: 64 * 1024 * 1024, closeTimeoutMs: 2_000 };

/**
 * Runs one case against a scripted server entirely in memory, with virtual time: the machine's
 * writes go to the server, the server's to the machine, and when nothing is in flight the earliest
 * timer fires. Server bytes in, verdict out.
 */
export function runCase(testCase: ConformanceCase, faults: readonly ServerFault[] = [], timeoutMs = testCase.timeoutMs ?? 5_000): LoopResult {
  const server = new ScriptedServer(faults);
  const machine = new CaseMachine({ testCase, timeoutMs, limits, nextMaskingKey: () => Uint8Array.of(0x37, 0xfa, 0x21, 0x3d), makeDeflate: (agreement) => connectionDeflate(agreement, 'client') });
  const plan = testCase.handshake ?? {};
  const built = buildHandshakeRequest({
    host: 'server.test',
    key: new Uint8Array(16).fill(7),
    ...(plan.version ? { version: plan.version } : {}),
    ...(plan.httpVersion ? { httpVersion: plan.httpVersion } : {}),
    ...(plan.deflate ? { deflate: plan.deflate } : {}),
    ...(plan.headers ? { headers: plan.headers } : {}),
  });
  if (!built.ok) throw new Error(`request not built: ${built.error}`);
  let now = 0;
  const queue: Delivery[] = [];
  const clientTimers = new Map<CaseTimer, number>();
  let serverTimer: number | null = null;
  let finished: Extract<CaseCommand, { type: 'finished' }> | null = null;

  const fromClient = (commands: readonly CaseCommand[]): void => {
    for (const command of commands) {
      if (command.type === 'write') for (const piece of chop(command.bytes, command.chopBytes)) queue.push({ to: 'server', bytes: piece });
      else if (command.type === 'destroy-socket' || command.type === 'end-socket') queue.push({ to: 'server-end' });
      else if (command.type === 'arm-timer') clientTimers.set(command.timer, now + command.delayMs * 1000);
      else if (command.type === 'cancel-timer') clientTimers.delete(command.timer);
      else if (command.type === 'finished') finished = command;
    }
  };
  const fromServer = (commands: readonly ConnectionCommand[]): void => {
    for (const command of commands) {
      if (command.type === 'write') queue.push({ to: 'client', bytes: command.bytes });
      else if (command.type === 'end-socket' || command.type === 'destroy-socket') queue.push({ to: 'client-end' });
      else if (command.type === 'arm-timer') serverTimer = now + command.delayMs * 1000;
      else if (command.type === 'cancel-timer') serverTimer = null;
    }
  };

  const answer = server.handshake(built.request.bytes);
  if (answer === null) {
    fromClient(machine.handshakeFailed({ kind: 'no-response', message: `no response within ${timeoutMs} ms`, isTimeout: true }, timeoutMs * 1000));
  } else {
    const step = new ResponseHeadParser().push(answer.response);
    if (step.kind !== 'head') throw new Error('scripted server sent an unreadable head');
    const observed = observeResponse(built.request.headers, step.head);
    fromClient(step.head.statusCode === 101 ? machine.opened(observed, now, step.rest) : machine.handshakeFailed(observed, now));
  }
  let isServerGone = false;
  for (let rounds = 0; finished === null && rounds < 5_000_000; rounds++) {
    const next = queue.shift();
    if (next) {
      if (next.to === 'server' && !isServerGone) fromServer(server.receive(next.bytes, now));
      else if (next.to === 'client') fromClient(machine.receive(next.bytes, now));
      else if (next.to === 'client-end') {
        isServerGone = true;
        fromClient(machine.socketEnded('fin', now));
      } else if (next.to === 'server-end' && !isServerGone) {
        isServerGone = true;
        fromServer(server.socketEnded(now));
        fromClient(machine.socketEnded('fin', now));
      }
      continue;
    }
    const due = [...clientTimers.entries()].sort((a, b) => a[1] - b[1])[0];
    const isServerFirst = serverTimer !== null && !isServerGone && (due === undefined || serverTimer < due[1]);
    if (isServerFirst) {
      now = serverTimer!;
      serverTimer = null;
      fromServer(server.timerFired(now));
    } else if (due) {
      now = Math.max(now, due[1]);
      clientTimers.delete(due[0]);
      fromClient(machine.timerFired(due[0], now));
    } else {
      throw new Error(`case ${testCase.id} stalled with nothing in flight and no timer`);
    }
  }
  if (finished === null) throw new Error(`case ${testCase.id} did not finish`);
  const { judgement, observation } = finished as Extract<CaseCommand, { type: 'finished' }>;
  return { judgement, observation, summary: `${judgement.verdict} ${judgement.reason.key.replace('conformance:reason.', '')}` };
}

function chop(bytes: Uint8Array, size: number | undefined): Uint8Array[] {
  if (!size) return [bytes];
  const pieces: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; start += size) pieces.push(bytes.subarray(start, start + size));
  return pieces;
}
