import { englishText } from '../i18n/english-text.js';
import { isMessage, message, verbatim, type Message } from '../i18n/message.js';
import type { ProtocolViolation } from './protocol-message.js';

/** A violation worded as a message: English in `message` (what captures and `--json` keep), the message in `i18n`. */
export function protocolViolation(rule: string, reference: string, text: Message): ProtocolViolation {
  return { rule, reference, message: englishText(text), i18n: text };
}

/**
 * A violation a packet parser found: its rule's own sentence, then the parser's detail as a message
 * (`i18n`), the detail's English in `message` as before.
 */
export function parserViolation(rule: string, reference: string, detail: Message): ProtocolViolation {
  return { rule, reference, message: englishText(detail), i18n: parserDetail(rule, detail) };
}

/** A packet parser's detail after its rule's own sentence, as one message. */
export function parserDetail(rule: string, detail: Message): Message {
  const ruleKey = Object.hasOwn(ruleKeys, rule) ? ruleKeys[rule] : undefined;
  return ruleKey === undefined ? detail : message('protocols:violation.withDetail', { rule: message(ruleKey), detail });
}

/** Each rule's own sentence: before a packet parser's detail, and before the English detail of a capture written before details were messages. */
const ruleKeys: Readonly<Record<string, string>> = {
  'engineio-malformed-packet': 'protocols:violation.rule.engineio-malformed-packet',
  'socketio-malformed-packet': 'protocols:violation.rule.socketio-malformed-packet',
  'socketio-unexpected-binary': 'protocols:violation.rule.socketio-unexpected-binary',
  'socketio-missing-attachments': 'protocols:violation.rule.socketio-missing-attachments',
  'stomp-truncated-frame': 'protocols:violation.rule.stomp-truncated-frame',
  'stomp-missing-nul': 'protocols:violation.rule.stomp-missing-nul',
  'stomp-bad-content-length': 'protocols:violation.rule.stomp-bad-content-length',
  'stomp-bad-command': 'protocols:violation.rule.stomp-bad-command',
  'stomp-bad-header': 'protocols:violation.rule.stomp-bad-header',
  'stomp-bad-escape': 'protocols:violation.rule.stomp-bad-escape',
  'mqtt-text-message': 'protocols:violation.rule.mqtt-text-message',
  'mqtt-malformed-remaining-length': 'protocols:violation.rule.mqtt-malformed-remaining-length',
  'mqtt-malformed-packet': 'protocols:violation.rule.mqtt-malformed-packet',
  'mqtt-protocol-rule': 'protocols:violation.rule.mqtt-protocol-rule',
  'signalr-missing-record-separator': 'protocols:violation.rule.signalr-missing-record-separator',
  'signalr-malformed-message': 'protocols:violation.rule.signalr-malformed-message',
  'signalr-malformed-length-prefix': 'protocols:violation.rule.signalr-malformed-length-prefix',
  'signalr-bad-handshake': 'protocols:violation.rule.signalr-bad-handshake',
  'signalr-classic-not-json': 'protocols:violation.rule.signalr-classic-not-json',
  'signalr-classic-unknown-shape': 'protocols:violation.rule.signalr-classic-unknown-shape',
  'graphql-ws-not-json': 'protocols:violation.rule.graphql-ws-not-json',
  'graphql-ws-no-type': 'protocols:violation.rule.graphql-ws-no-type',
  'graphql-ws-binary-message': 'protocols:violation.rule.graphql-ws-binary-message',
  'graphql-ws-missing-id': 'protocols:violation.rule.graphql-ws-missing-id',
};

/**
 * A violation as a message in the reader's language: the one it carries, else its rule's own
 * sentence with the recorded English detail after it, else the recorded text (a rule id read from
 * a capture is looked up as an own key only).
 */
export function protocolViolationMessage(violation: { readonly rule: string; readonly message: string; readonly i18n?: unknown }): Message {
  if (isMessage(violation.i18n)) return violation.i18n;
  const ruleKey = Object.hasOwn(ruleKeys, violation.rule) ? ruleKeys[violation.rule] : undefined;
  if (ruleKey === undefined) return verbatim(violation.message);
  return message('protocols:violation.withDetail', { rule: message(ruleKey), detail: verbatim(violation.message) });
}

/**
 * A decoded message's summary as a message: a message that did not parse is named by its one
 * violation in the reader's language; any other summary is protocol vocabulary, shown as it is.
 */
export function protocolSummaryMessage(decoded: { readonly protocol: string; readonly kind: string; readonly summary: string; readonly violations: readonly { readonly rule: string; readonly message: string; readonly i18n?: unknown }[] }): Message {
  const [violation] = decoded.violations;
  if (decoded.kind !== 'invalid' || violation === undefined || decoded.violations.length !== 1) return verbatim(decoded.summary);
  return message('protocols:violation.invalid', { protocol: decoded.protocol, text: protocolViolationMessage(violation) });
}
