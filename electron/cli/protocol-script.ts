import type { ProtocolFacts } from '../../shared/app-protocol/app-protocol.js';
import { fieldIssueText } from '../../shared/i18n/schema-issue-text.js';
import type { AppProtocolId } from '../../shared/app-protocol/app-protocol-id.js';
import { protocolInputSchema } from '../../shared/contract/api-protocol.js';
import type { ProtocolInput } from '../../shared/contract/api-protocol.js';
import { openingInput } from '../../shared/app-protocol/opening-input.js';
import { UsageError } from './usage-error.js';

/**
 * One protocol message of `frameline connect`'s script: fully written by its option (`--emit`,
 * `--stomp`, `--publish`, `--invoke`, `--protocol-send`), or depending on the session's protocol
 * once it is known (`--protocol-connect`, `--subscribe`).
 */
export type ProtocolStep =
  | { readonly type: 'protocol'; readonly action: 'input'; input: ProtocolInput }
  | { readonly type: 'protocol'; readonly action: 'connect' }
  | { readonly type: 'protocol'; readonly action: 'subscribe'; readonly target: string; qos?: number; variablesJson?: string };

/** Settings that apply to every protocol step, wherever they appear on the command line. */
export interface ProtocolSettings {
  /** Socket.IO namespace for --protocol-connect and --emit. */
  readonly namespace?: string;
  /** MQTT client id for --protocol-connect. */
  readonly clientId?: string;
  /** MQTT Keep Alive for --protocol-connect, in seconds. */
  readonly keepAliveSeconds?: number;
}

/** The parseArgs spec of the protocol options. */
export const protocolOptionSpec = {
  protocol: { type: 'string' },
  'no-protocol-duties': { type: 'boolean' },
  'protocol-connect': { type: 'boolean' },
  namespace: { type: 'string' },
  'client-id': { type: 'string' },
  'keep-alive': { type: 'string' },
  emit: { type: 'string', multiple: true },
  'emit-ack': { type: 'string', multiple: true },
  stomp: { type: 'string', multiple: true },
  'stomp-header': { type: 'string', multiple: true },
  publish: { type: 'string', multiple: true },
  subscribe: { type: 'string', multiple: true },
  body: { type: 'string', multiple: true },
  qos: { type: 'string', multiple: true },
  retain: { type: 'boolean', multiple: true },
  variables: { type: 'string', multiple: true },
  invoke: { type: 'string', multiple: true },
  'protocol-send': { type: 'string', multiple: true },
} as const;

/** Splits `NAME [JSON…]` at its first space: a Socket.IO event or a SignalR target, and its arguments as typed. */
function nameAndArguments(text: string, option: string): { name: string; json?: string } {
  const trimmed = text.trim();
  if (trimmed === '') throw new UsageError('cli:error.protocolNameMissing', { option });
  const space = trimmed.indexOf(' ');
  return space < 0 ? { name: trimmed } : { name: trimmed.slice(0, space), json: trimmed.slice(space + 1).trim() };
}

/**
 * The protocol step an option starts, or null for options that are not protocol steps. Modifier
 * options (`--body`, `--qos`, `--retain`, `--stomp-header`, `--variables`) change `previous`, the
 * step before them, and return it.
 */
export function protocolStepOf(name: string, value: string, settings: ProtocolSettings, previous: ProtocolStep | undefined): ProtocolStep | null {
  switch (name) {
    case 'protocol-connect':
      return { type: 'protocol', action: 'connect' };
    case 'emit':
    case 'emit-ack': {
      const { name: event, json } = nameAndArguments(value, `--${name}`);
      return input({ protocol: 'socket.io', input: { kind: 'event', event, ...(json !== undefined ? { argsJson: json } : {}), ...(settings.namespace !== undefined ? { namespace: settings.namespace } : {}), ...(name === 'emit-ack' ? { wantsAck: true } : {}) } });
    }
    case 'stomp': {
      const [command = '', destination] = value.trim().split(/\s+/, 2);
      if (command === '') throw new UsageError('cli:error.protocolNameMissing', { option: '--stomp' });
      return input({ protocol: 'stomp', input: { kind: 'frame', command, headers: destination !== undefined ? [['destination', destination]] : [] } });
    }
    case 'publish':
      return input({ protocol: 'mqtt', input: { type: 'PUBLISH', topic: value } });
    case 'subscribe':
      return { type: 'protocol', action: 'subscribe', target: value };
    case 'invoke': {
      const { name: target, json } = nameAndArguments(value, '--invoke');
      return input({ protocol: 'signalr', input: { kind: 'invoke', target, ...(json !== undefined ? { argumentsJson: json } : {}) } });
    }
    case 'protocol-send':
      return input(parseProtocolSend(value));
    case 'body':
    case 'qos':
    case 'retain':
    case 'stomp-header':
    case 'variables':
      return modify(name, value, previous);
    default:
      return null;
  }
}

function input(value: ProtocolInput): ProtocolStep {
  return { type: 'protocol', action: 'input', input: value };
}

function modify(name: string, value: string, step: ProtocolStep | undefined): ProtocolStep {
  if (step === undefined) throw new UsageError('cli:error.protocolModifier', { option: `--${name}` });
  if (step.action === 'subscribe') {
    if (name === 'qos') step.qos = qosOf(value);
    else if (name === 'variables') step.variablesJson = value;
    else throw new UsageError('cli:error.protocolModifier', { option: `--${name}` });
    return step;
  }
  if (step.action !== 'input') throw new UsageError('cli:error.protocolModifier', { option: `--${name}` });
  const request = step.input;
  if (request.protocol === 'stomp' && request.input.kind === 'frame' && (name === 'body' || name === 'stomp-header')) {
    if (name === 'body') step.input = { protocol: 'stomp', input: { ...request.input, body: value } };
    else step.input = { protocol: 'stomp', input: { ...request.input, headers: [...(request.input.headers ?? []), headerOf(value)] } };
    return step;
  }
  if (request.protocol === 'mqtt' && request.input.type === 'PUBLISH' && (name === 'body' || name === 'qos' || name === 'retain')) {
    const change = name === 'body' ? { payload: value } : name === 'qos' ? { qos: qosOf(value) } : { retain: true };
    step.input = { protocol: 'mqtt', input: { ...request.input, ...change } };
    return step;
  }
  throw new UsageError('cli:error.protocolModifier', { option: `--${name}` });
}

function headerOf(text: string): [string, string] {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new UsageError('cli:error.stompHeader', { value: text });
  return [text.slice(0, colon), text.slice(colon + 1)];
}

function qosOf(text: string): number {
  const qos = Number(text);
  if (!Number.isInteger(qos) || qos < 0 || qos > 2) throw new UsageError('cli:error.qos', { value: text });
  return qos;
}

function parseProtocolSend(text: string): ProtocolInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError('cli:error.protocolSend', { detail: (error as Error).message });
  }
  const parsed = protocolInputSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError('cli:error.protocolSend', { detail: fieldIssueText(issue.path.join('.') || 'input', issue) });
  }
  return parsed.data;
}

/** Counts automatic STOMP subscription ids per run. */
let nextStompSubscription = 0;

/**
 * The structured input of a step for the session's protocol, a sentence saying why there is none
 * (the protocol is unknown, or has no such message), or null when nothing needs sending (a
 * Socket.IO v2 client is connected to `/` without asking).
 */
export function resolveProtocolStep(step: ProtocolStep, protocol: AppProtocolId | null, facts: ProtocolFacts, settings: ProtocolSettings): ProtocolInput | { readonly problem: string } | null {
  if (step.action === 'input') return step.input;
  if (protocol === null) return { problem: `the session's application protocol is not known, so --${step.action === 'connect' ? 'protocol-connect' : 'subscribe'} cannot be sent; pass --protocol` };
  if (step.action === 'connect') return openingInput(protocol, facts, { ...settings, clientId: settings.clientId ?? `frameline-${process.pid}` });
  switch (protocol) {
    case 'stomp':
      return { protocol: 'stomp', input: { kind: 'frame', command: 'SUBSCRIBE', headers: [['id', `sub-${nextStompSubscription++}`], ['destination', step.target], ['ack', 'auto']] } };
    case 'mqtt':
      return { protocol: 'mqtt', input: { type: 'SUBSCRIBE', topic: step.target, qos: step.qos ?? 0 } };
    case 'graphql-ws':
      return { protocol: 'graphql-ws', input: { kind: 'subscribe', query: step.target, ...(step.variablesJson !== undefined ? { variablesJson: step.variablesJson } : {}) } };
    default:
      return { problem: `${protocol} has no subscribe; --subscribe is for STOMP, MQTT and GraphQL over WebSocket` };
  }
}
