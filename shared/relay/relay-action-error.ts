import type { Message } from '../i18n/message.js';

/** A person's action on a relay that cannot be carried out; `text` says why in the reader's language. */
export class RelayActionError extends Error {
  constructor(readonly text: Message) {
    super(text.key);
    this.name = 'RelayActionError';
  }
}
