import type { SessionOptionsInput } from '../../contract/session-options.js';
import type { Message } from '../../i18n/message.js';
import type { z } from 'zod';
import type { rawSavedMessageSchema } from '../saved-message.js';

/** A raw message read from another tool, before it gets an id. */
export type ImportedMessage = Omit<z.input<typeof rawSavedMessageSchema>, 'id'>;

/** A connection read from another tool's file or command line, before it is saved. */
export interface ImportedConnection {
  readonly name: string;
  readonly description: string;
  /** May hold `{{variables}}`; literal secrets in it are moved to the secrets store when saved. */
  readonly options: SessionOptionsInput;
  readonly messages: readonly ImportedMessage[];
}

/** An environment read from another tool (Postman collection variables). */
export interface ImportedEnvironment {
  readonly name: string;
  readonly variables: readonly { readonly name: string; readonly value: string }[];
}

/** Everything one import produced, and what it could not carry over. */
export interface ImportResult {
  readonly connections: readonly ImportedConnection[];
  readonly environments: readonly ImportedEnvironment[];
  /** Items skipped or options dropped, as messages (an HTTP request in a Postman collection, an unknown flag). */
  readonly warnings: readonly Message[];
}
