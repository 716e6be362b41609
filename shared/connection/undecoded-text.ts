import { message, type Message } from '../i18n/message.js';
import type { Violation } from '../protocol/violation.js';
import { violationMessage } from '../protocol/violation-catalog.js';
import type { Source } from './connection-command.js';

/** The sentence of bytes that could not be framed: how many, which way, the rule they broke, and how many were kept when not all. */
export function undecodedText(source: Source, byteCount: number, keptCount: number, violation: Violation): Message {
  const values = { count: byteCount, kept: keptCount, violation: violationMessage(violation) };
  if (keptCount < byteCount) return source === 'received' ? message('failure:undecoded.receivedPartly', values) : message('failure:undecoded.sentPartly', values);
  return source === 'received' ? message('failure:undecoded.received', values) : message('failure:undecoded.sent', values);
}
