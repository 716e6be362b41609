import { message, type Message, type MessageValues } from '../../shared/i18n/message.js';

/** A command line the CLI cannot act on; printed as one line in the reader's language, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** What went wrong, rendered by `main` with the command's catalogue. */
  readonly text: Message;

  constructor(key: string, values?: MessageValues) {
    super(key);
    this.text = message(key, values);
  }
}
