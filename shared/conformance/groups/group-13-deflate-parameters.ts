import { message, type Message } from '../../i18n/message.js';
import type { DeflateOfferOptions } from '../../protocol/permessage-deflate.js';
import { sendText } from '../case-builders.js';
import { jsonText } from '../compression-data.js';
import type { CaseStep, ConformanceCase } from '../conformance-case.js';
import { messageCount } from './group-12-deflate.js';

const sizes = [16, 256, 4096, 65536] as const;

/** The offers of 13.1–13.9 (RFC 7692 §7.1): context takeover and window bits, both ways, and a list of fallbacks. */
const offers: readonly { readonly offers: readonly DeflateOfferOptions[]; readonly label: Message }[] = [
  { offers: [{ clientMaxWindowBits: true }], label: message('conformance:offer.default') },
  { offers: [{ serverNoContextTakeover: true, clientMaxWindowBits: true }], label: message('conformance:offer.serverNoContextTakeover') },
  { offers: [{ serverMaxWindowBits: 8, clientMaxWindowBits: true }], label: message('conformance:offer.serverWindow', { bits: 8 }) },
  { offers: [{ serverMaxWindowBits: 15, clientMaxWindowBits: true }], label: message('conformance:offer.serverWindow', { bits: 15 }) },
  { offers: [{ serverNoContextTakeover: true, serverMaxWindowBits: 8, clientMaxWindowBits: true }], label: message('conformance:offer.serverNoContextWindow', { bits: 8 }) },
  { offers: [{ serverNoContextTakeover: true, serverMaxWindowBits: 15, clientMaxWindowBits: true }], label: message('conformance:offer.serverNoContextWindow', { bits: 15 }) },
  {
    offers: [{ serverNoContextTakeover: true, serverMaxWindowBits: 8, clientMaxWindowBits: true }, { serverNoContextTakeover: true, clientMaxWindowBits: true }, { clientMaxWindowBits: true }],
    label: message('conformance:offer.fallbacks'),
  },
  { offers: [{ clientNoContextTakeover: true, clientMaxWindowBits: true }], label: message('conformance:offer.clientNoContextTakeover') },
  { offers: [{ clientMaxWindowBits: 9 }], label: message('conformance:offer.clientWindow', { bits: 9 }) },
];

function* oneAtATime(bytes: number): Generator<CaseStep> {
  const count = messageCount(bytes);
  for (let i = 0; i < count; i++) {
    yield sendText(jsonText(bytes, i * bytes));
    yield { kind: 'await-echoes' };
  }
}

/** Group 13: permessage-deflate parameters; the server's messages must inflate under what it agreed (window, context). */
export function deflateParameterCases(): ConformanceCase[] {
  return offers.flatMap(({ offers: deflate, label }, o) =>
    sizes.map((bytes, i): ConformanceCase => ({
      id: `13.${o + 1}.${i + 1}`, group: 13, sections: ['7692 §7.1', '7692 §7.2.2'], expect: { kind: 'echo' },
      description: message('conformance:case.deflateOffer', { offer: label, count: messageCount(bytes), bytes }),
      expectation: message('conformance:expect.deflateParameters'),
      handshake: { deflate }, requiresDeflate: true, timeoutMs: 60_000,
      steps: () => oneAtATime(bytes),
    })),
  );
}
