import { protocolSummaryMessage, protocolViolationMessage } from '../../shared/app-protocol/protocol-violation-text.js';
import { renderMessage, type Message } from '../../shared/i18n/message.js';
import type { FrameProtocol, ProtocolMessageJson } from '../../shared/contract/api-protocol.js';
import type { Translate } from '../../shared/i18n/create-i18n.js';
import { visibleText } from '../../shared/text/visible-text.js';

const indent = ' '.repeat(17);

const relationKeys = {
  answers: 'protocols:relation.answers',
  acknowledges: 'protocols:relation.acknowledges',
  'belongs-to': 'protocols:relation.belongs-to',
  completes: 'protocols:relation.completes',
  continues: 'protocols:relation.continues',
} as const;

/**
 * The decoded protocol messages of one frame as terminal lines under it: `≡ #index summary`, the
 * links to earlier messages by index, the round-trip time, why a duty sent it, and each violation.
 * The summary is protocol vocabulary (kinds, topics, events) and stays as decoded; everything a
 * peer chose goes through `visibleText`.
 */
export function formatProtocolLines(frame: { readonly protocol: FrameProtocol['protocol']; readonly messages: readonly Omit<ProtocolMessageJson, 'linkedFrom'>[]; readonly skipped?: string; readonly skippedText?: Message }, t: Translate): string[] {
  const lines = frame.messages.flatMap((message) => formatMessage(message, t));
  if (frame.skipped !== undefined) lines.push(`${indent}≡ ${frame.protocol} ${t('protocols:cli.notDecoded', { reason: frame.skippedText ? renderMessage(t, frame.skippedText) : frame.skipped })}`);
  return lines;
}

function formatMessage(message: Omit<ProtocolMessageJson, 'linkedFrom'>, t: Translate): string[] {
  const notes = [
    ...message.links.map((link) => t('protocols:cli.link', { relation: t(relationKeys[link.relation]), index: link.toIndex })),
    ...(message.rttMicros !== undefined ? [t('protocols:cli.rtt', { ms: (message.rttMicros / 1000).toFixed(3) })] : []),
    ...(message.duty !== undefined ? [t('protocols:cli.duty', { reason: message.dutyText ? renderMessage(t, message.dutyText) : message.duty })] : []),
  ];
  const head = `${indent}≡ #${message.index} ${visibleText(renderMessage(t, protocolSummaryMessage(message)))}${notes.length > 0 ? `  · ${notes.join(' · ')}` : ''}`;
  return [head, ...message.violations.map((violation) => `${indent}  ! ${violation.rule} (${violation.reference}): ${visibleText(renderMessage(t, protocolViolationMessage(violation)))}`)];
}
