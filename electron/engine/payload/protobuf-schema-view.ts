import { createRequire } from 'node:module';
import type * as Protobuf from 'protobufjs';
import { message, type Message } from '../../../shared/i18n/message.js';
import type { Type } from 'protobufjs';
import type { PayloadView } from '../../../shared/payload-format/payload-view.js';
import { failedView } from '../../../shared/payload-format/payload-view.js';
import { toPlainValue } from '../../../shared/payload-format/plain-value.js';

/** A `.proto` text compiled once, to decode many payloads with one of its message types. */
export interface ProtobufSchema {
  /** Fully qualified message type names the schema defines (`chat.Message`), for a chooser. */
  readonly messageTypes: readonly string[];
  /** Decodes a payload as `typeName`; a failure view names what went wrong. */
  decode(bytes: Uint8Array, typeName: string): PayloadView;
}

// The full protobufjs, required on first use: loading it costs start-up time (docs/performance.md)
// that a CLI run which compiles no schema should not pay; a CommonJS require keeps compiling synchronous.
let protobuf: typeof Protobuf | undefined;

function protobufjs(): typeof Protobuf {
  protobuf ??= createRequire(import.meta.url)('protobufjs') as typeof Protobuf;
  return protobuf;
}

/**
 * Compiles a user-chosen `.proto` text with protobufjs. This lives in the engine, not in shared/:
 * protobufjs builds each type's decoder with `new Function`, which the window's Content Security
 * Policy forbids, and its full build requires Node's `fs` at import. The schema-less wire view
 * (shared/payload-format) uses only its Reader, which needs neither.
 */
export function compileProtobufSchema(protoText: string): ProtobufSchema | { readonly error: Message } {
  let root;
  try {
    root = protobufjs().parse(protoText, { keepCase: true }).root;
    root.resolveAll();
  } catch (error) {
    // protobufjs's reason is its own English, quoted inside our sentence.
    return { error: message('errors:session.protoCompile', { reason: error instanceof Error ? error.message : String(error) }) };
  }
  const messageTypes: string[] = [];
  const types = new Map<string, Type>();
  const walk = (namespace: { nestedArray: ReadonlyArray<unknown> }): void => {
    for (const nested of namespace.nestedArray) {
      if (isType(nested)) {
        const name = nested.fullName.replace(/^\./, '');
        messageTypes.push(name);
        types.set(name, nested);
      }
      if (typeof nested === 'object' && nested !== null && 'nestedArray' in nested) walk(nested as { nestedArray: ReadonlyArray<unknown> });
    }
  };
  walk(root);
  return {
    messageTypes,
    decode: (bytes, typeName) => {
      const type = types.get(typeName.replace(/^\./, ''));
      if (type === undefined) return { format: 'protobuf-schema', ok: false, reason: `the schema has no message type ${typeName}` };
      try {
        const message = type.decode(bytes);
        const object = type.toObject(message, { longs: String, enums: String, defaults: false, arrays: true, oneofs: true });
        return { format: 'protobuf-schema', ok: true, value: toPlainValue(object) };
      } catch (error) {
        return failedView('protobuf-schema', error);
      }
    },
  };
}

function isType(value: unknown): value is Type {
  return typeof value === 'object' && value !== null && 'fieldsArray' in value && 'decode' in value;
}
