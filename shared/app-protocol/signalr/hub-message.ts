import type { ProtocolValue } from '../protocol-message.js';

/** Hub message types (ASP.NET Core SignalR HubProtocol.md "Message Types"). */
export const HUB_MESSAGE_TYPES: Readonly<Record<number, string>> = {
  1: 'Invocation',
  2: 'StreamItem',
  3: 'Completion',
  4: 'StreamInvocation',
  5: 'CancelInvocation',
  6: 'Ping',
  7: 'Close',
  8: 'Ack',
  9: 'Sequence',
};

/** One hub message, from either hub protocol, as plain data. */
export interface HubMessage {
  readonly type: number;
  readonly headers?: { readonly [name: string]: string };
  readonly invocationId?: string;
  readonly target?: string;
  readonly arguments?: readonly ProtocolValue[];
  readonly streamIds?: readonly string[];
  readonly item?: ProtocolValue;
  readonly result?: ProtocolValue;
  readonly error?: string;
  readonly allowReconnect?: boolean;
  readonly sequenceId?: number;
}

/** The hub message type name, or `type N` for an unknown type. */
export function hubTypeName(type: number): string {
  return HUB_MESSAGE_TYPES[type] ?? `type ${type}`;
}
