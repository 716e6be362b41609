import type { Translate } from '../i18n/create-i18n.js';
import type { FixStep } from '../contract/doctor-report.js';
import { renderMessage } from '../i18n/message.js';

/**
 * One fix step as text to read and paste: the note in the reader's language, then each block of
 * configuration exactly as written, under a `#` comment saying where it goes (every server the
 * Doctor knows reads `#` as a comment). A step with only a note is the note alone.
 */
export function fixStepText(t: Translate, step: FixStep): string {
  const lines: string[] = [];
  const hasConfig = step.config.length > 0;
  if (step.note) lines.push(hasConfig ? `# ${renderMessage(t, step.note)}` : renderMessage(t, step.note));
  for (const block of step.config) {
    if (block.where) lines.push(`# ${renderMessage(t, block.where)}`);
    lines.push(block.text);
  }
  return lines.join('\n');
}
