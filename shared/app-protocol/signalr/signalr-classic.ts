import { parseProblem, type ParseProblem } from '../parse-problem.js';
import { isRecord, preview } from '../json-text.js';
import type { ProtocolValue } from '../protocol-message.js';

/**
 * Classic ASP.NET SignalR (2.x) messages over its webSockets transport, one JSON object per
 * message: the server's persistent-connection envelope `{"C":cursor,"M":[hub calls],"S":1,…}`
 * and `{}` keep-alives; a client's hub call `{"H":hub,"M":method,"A":[args],"I":id}`; the server's
 * answer to it `{"I":id,"R":result}` or `{"I":id,"E":error}`.
 */
export type ClassicMessage =
  | { readonly kind: 'keep-alive' }
  | { readonly kind: 'envelope'; readonly cursor?: string; readonly isInit: boolean; readonly calls: readonly ClassicHubCall[]; readonly flags: readonly string[] }
  | { readonly kind: 'invocation'; readonly call: ClassicHubCall; readonly id?: string }
  | { readonly kind: 'result'; readonly id: string; readonly result?: ProtocolValue; readonly error?: string; readonly isProgress: boolean };

/** One hub method call: hub, method and arguments. */
export interface ClassicHubCall {
  readonly hub: string;
  readonly method: string;
  readonly args: readonly ProtocolValue[];
}

/** Reads a classic message from its parsed JSON; a reason when it has none of the known shapes. */
export function readClassicMessage(value: ProtocolValue): ClassicMessage | ParseProblem {
  if (!isRecord(value)) return parseProblem('protocols:parser.signalr.classicNotObject');
  if (Object.keys(value).length === 0) return { kind: 'keep-alive' };
  if (typeof value['H'] === 'string' && typeof value['M'] === 'string') {
    const id = value['I'];
    return { kind: 'invocation', call: hubCall(value), ...(typeof id === 'string' || typeof id === 'number' ? { id: String(id) } : {}) };
  }
  if ('C' in value || Array.isArray(value['M'])) {
    const calls = Array.isArray(value['M']) ? value['M'].filter(isRecord).map(hubCall) : [];
    const flags = ['T', 'D', 'L', 'G'].filter((flag) => flag in value);
    return { kind: 'envelope', ...(typeof value['C'] === 'string' ? { cursor: value['C'] } : {}), isInit: value['S'] === 1, calls, flags };
  }
  if ('I' in value) {
    const id = String(value['I']);
    const error = typeof value['E'] === 'string' ? value['E'] : undefined;
    return { kind: 'result', id, isProgress: id.startsWith('P|'), ...('R' in value ? { result: value['R'] as ProtocolValue } : {}), ...('P' in value ? { result: value['P'] as ProtocolValue } : {}), ...(error === undefined ? {} : { error }) };
  }
  return parseProblem('protocols:parser.signalr.classicUnknownShape');
}

function hubCall(value: { readonly [key: string]: ProtocolValue }): ClassicHubCall {
  return { hub: String(value['H'] ?? ''), method: String(value['M'] ?? ''), args: Array.isArray(value['A']) ? value['A'] : [] };
}

/** One line: `signalr classic ChatHub.broadcastMessage("ann","hi")`. */
export function classicSummary(message: ClassicMessage): string {
  switch (message.kind) {
    case 'keep-alive':
      return 'signalr classic keep-alive';
    case 'envelope':
      if (message.isInit) return 'signalr classic init';
      return message.calls.length === 0 ? `signalr classic envelope ${message.flags.join(' ')}`.trimEnd() : `signalr classic ${message.calls.map(callText).join(', ')}`;
    case 'invocation':
      return `signalr classic invoke ${callText(message.call)}${message.id === undefined ? '' : ` I=${message.id}`}`;
    case 'result':
      return `signalr classic ${message.isProgress ? 'progress' : message.error === undefined ? 'result' : 'error'} I=${message.id} ${message.error ?? preview(message.result, 40)}`.trimEnd();
  }
}

function callText(call: ClassicHubCall): string {
  return `${call.hub}.${call.method}(${preview(call.args as ProtocolValue, 40).replace(/^\[|\]$/g, '')})`;
}
