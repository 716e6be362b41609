import { message, type Message, type MessageValues } from '../i18n/message.js';

/**
 * Why a packet parser could not read its input, as a message (`protocols:parser.*`). A class, so
 * a parsed JSON value returned beside it can never pass for one.
 */
export class ParseProblem {
  constructor(readonly text: Message) {}
}

/** A parse problem worded by the catalogue entry `key`. */
export function parseProblem(key: string, values?: MessageValues): ParseProblem {
  return new ParseProblem(message(key, values));
}
