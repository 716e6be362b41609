import type { ExtensionElement, ExtensionParam } from './extension-header.js';
import { permessageDeflateName, validateDeflateResponse, type DeflateAgreement } from './permessage-deflate.js';

/** What a server accepts of a client's permessage-deflate offers: the response element and the agreed parameters. */
export interface DeflateAcceptance {
  readonly element: ExtensionElement;
  readonly agreement: DeflateAgreement;
}

/**
 * The server's side of RFC 7692 §5.1: takes the first permessage-deflate offer it can honour and
 * answers it. The answer repeats `server_no_context_takeover` and the `server_max_window_bits` cap
 * when the offer asks for them (§7.1.1.1, §7.1.2.1: a server must honour both) and leaves the
 * client's window alone: we inflate with a 15-bit window, which reads any smaller one. An offer
 * capping our window at 8 bits is declined (zlib has no 8-bit raw deflate; §7.1.2.1 lets a server
 * decline), as is any offer with unknown or malformed parameters; the next offer is tried, and with
 * none left, no extension is accepted. The agreement is computed by the same rules a client
 * checks a response with (`validateDeflateResponse`), so both ends agree by construction.
 */
export function acceptDeflateOffer(offers: readonly ExtensionElement[]): DeflateAcceptance | null {
  for (const offer of offers) {
    if (offer.name.toLowerCase() !== permessageDeflateName) continue;
    const params: ExtensionParam[] = [];
    let isDeclined = false;
    for (const { name, value } of offer.params) {
      const key = name.toLowerCase();
      if (key === 'server_no_context_takeover') params.push({ name: key, value: null });
      if (key === 'server_max_window_bits') {
        if (value === '8') isDeclined = true;
        else params.push({ name: key, value });
      }
    }
    if (isDeclined) continue;
    const element: ExtensionElement = { name: permessageDeflateName, params };
    const checked = validateDeflateResponse([offer], element);
    if (checked.ok) return { element, agreement: checked.agreement };
  }
  return null;
}
