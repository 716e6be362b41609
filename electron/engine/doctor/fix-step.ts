import type { ConfigBlock, FixStep, FixTarget } from '../../../shared/contract/doctor-report.js';
import type { Message } from '../../../shared/i18n/message.js';

/** A fix step that is configuration to paste, each block with where it goes. */
export function configStep(target: FixTarget, ...config: ConfigBlock[]): FixStep {
  return { target, note: null, config };
}

/** A fix step in words only: a console setting, its documented default. */
export function noteStep(target: FixTarget, note: Message): FixStep {
  return { target, note, config: [] };
}

/** A fix step with a note and configuration. */
export function notedConfigStep(target: FixTarget, note: Message, ...config: ConfigBlock[]): FixStep {
  return { target, note, config };
}

/** One block of configuration text (never translated) and where it goes (translated), or null when it stands alone. */
export function block(where: Message | null, ...lines: string[]): ConfigBlock {
  return { where, text: lines.join('\n') };
}
