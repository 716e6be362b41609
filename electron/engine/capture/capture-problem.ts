import type { CaptureFileProblem } from '../../../shared/contract/capture.js';
import { englishText } from '../../../shared/i18n/english-text.js';
import type { Message } from '../../../shared/i18n/message.js';

/** Where a problem sits in the file, when it is known. */
export interface ProblemPlace {
  readonly fieldPath?: string;
  readonly byteOffset?: number;
}

/** One import problem worded as a message: English in `message` (what `--json` keeps), the message in `i18n`. */
export function captureProblem(file: string, text: Message, place: ProblemPlace = {}): CaptureFileProblem {
  return { file, message: englishText(text), i18n: text, ...place };
}
