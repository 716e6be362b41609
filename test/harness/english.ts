import type { Cause, FixTarget } from '../../shared/contract/doctor-report.js';
import { fixStepText } from '../../shared/doctor/fix-text.js';
import { createTranslate } from '../../shared/i18n/create-i18n.js';
import { englishText } from '../../shared/i18n/english-text.js';
import type { Message } from '../../shared/i18n/message.js';

const translate = createTranslate('en');

/** An engine message as an English reader sees it (what `--json` prints). */
export function english(text: Message): string {
  return englishText(text);
}

/** A cause's fix for one target as English text (note and configuration), or undefined when it has none. */
export function fixText(cause: Cause | undefined, target: FixTarget): string | undefined {
  const step = cause?.fix.steps.find((each) => each.target === target);
  return step ? fixStepText(translate, step) : undefined;
}
