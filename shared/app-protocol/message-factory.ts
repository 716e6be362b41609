import type { AppProtocolId } from './app-protocol-id.js';
import type { LinkRelation, ProtocolLink, ProtocolMessage, ProtocolValue, ProtocolViolation } from './protocol-message.js';
import type { WireMessage } from './wire-message.js';

/** The fields a decoder states for one message; the factory adds the protocol and the index. */
export interface MessageFields {
  readonly kind: string;
  readonly summary: string;
  readonly tree: ProtocolValue;
  readonly isControl?: boolean;
  readonly links?: readonly ProtocolLink[];
  readonly rttMicros?: number;
  readonly violations?: readonly ProtocolViolation[];
}

/** Where a message came from: its direction, time and frame seqs (one or more WebSocket messages). */
export interface MessageOrigin {
  readonly direction: WireMessage['direction'];
  readonly atMicros: number;
  readonly seqs: readonly number[];
}

const noLinks: readonly ProtocolLink[] = Object.freeze([]);
const noViolations: readonly ProtocolViolation[] = Object.freeze([]);

/** Numbers a decoder's messages from 1 and fills the fields every protocol shares. */
export class MessageFactory {
  private nextIndex = 1;

  constructor(private readonly protocol: AppProtocolId) {}

  /** Builds the next message of the session. */
  create(origin: MessageOrigin, fields: MessageFields): ProtocolMessage {
    // One object literal with every field, so all messages share one shape (this runs per message).
    return {
      protocol: this.protocol,
      index: this.nextIndex++,
      direction: origin.direction,
      atMicros: origin.atMicros,
      seqs: origin.seqs,
      kind: fields.kind,
      summary: fields.summary,
      isControl: fields.isControl ?? false,
      tree: fields.tree,
      links: fields.links ?? noLinks,
      rttMicros: fields.rttMicros,
      violations: fields.violations ?? noViolations,
    };
  }

  /** A message that did not parse: kind `invalid`, the reason as a violation, the text or bytes kept. */
  invalid(origin: MessageOrigin, violation: ProtocolViolation, raw: ProtocolValue): ProtocolMessage {
    return this.create(origin, {
      kind: 'invalid',
      summary: `${this.protocol} invalid: ${violation.message}`,
      tree: { raw },
      violations: [violation],
    });
  }
}

/** A link to `earlier` and, for answers and acknowledgements, the round-trip time since it. */
export function linkTo(
  earlier: { readonly index: number; readonly atMicros: number },
  relation: LinkRelation,
  atMicros: number,
): { links: ProtocolLink[]; rttMicros: number } {
  return { links: [{ relation, toIndex: earlier.index }], rttMicros: atMicros - earlier.atMicros };
}

/** The origin of a message carried whole by one WebSocket message. */
export function originOf(message: WireMessage): MessageOrigin {
  return { direction: message.direction, atMicros: message.atMicros, seqs: message.seqs };
}
