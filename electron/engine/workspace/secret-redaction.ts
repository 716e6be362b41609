import { defaultRedaction, type RedactionOptions } from '../capture/export/redaction-rules.js';

/**
 * The export redaction for captures of workspace sessions: the built-in rules, plus every secret
 * value the session could have sent, wherever it appears (URL, headers, raw handshake, payloads,
 * event text), replaced by filler of the same length.
 */
export function secretRedaction(secretValues: readonly string[]): RedactionOptions {
  const distinct = [...new Set(secretValues.filter((value) => value.length > 0))].sort((a, b) => b.length - a.length);
  return { ...defaultRedaction, payloadPatterns: distinct.map((value) => new RegExp(escapeRegExp(value), 'g')) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
