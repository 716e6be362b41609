import type { BridgeError } from '../../shared/contract/bridge-protocol.js';
import type { Message } from '../../shared/i18n/message.js';

/** A failed command, from either transport: the argument field main complained about and the engine's message, if any. */
export class CommandError extends Error {
  readonly field: string | undefined;
  readonly text: Message | undefined;
  constructor(command: string, error: BridgeError) {
    super(`${command}: ${error.message}${error.field ? ` (${error.field})` : ''}`);
    this.name = 'CommandError';
    this.field = error.field;
    this.text = error.i18n;
  }
}
