import type { HeaderPair } from '../contract/records.js';
import { message, type Message } from '../i18n/message.js';
import { formatExtension, parseExtensionHeader, type ExtensionElement, type ExtensionParam } from './extension-header.js';
import { getHeaderValues } from './header-list.js';

/** The extension token (RFC 7692 §7). */
export const permessageDeflateName = 'permessage-deflate';

/** What the client asks for in one permessage-deflate offer (RFC 7692 §7.1). */
export interface DeflateOfferOptions {
  /** §7.1.1.1: ask the server to reset its compression context after every message. */
  readonly serverNoContextTakeover?: boolean;
  /** §7.1.1.2: announce that the client will reset its context after every message. */
  readonly clientNoContextTakeover?: boolean;
  /** §7.1.2.1: cap the server's LZ77 window, 8–15 bits. */
  readonly serverMaxWindowBits?: number;
  /** §7.1.2.2: `true` says the client accepts a cap without proposing one; a number also proposes it. */
  readonly clientMaxWindowBits?: number | true;
}

/** The parameters both sides run with after a successful negotiation (RFC 7692 §7.1). */
export interface DeflateAgreement {
  readonly serverNoContextTakeover: boolean;
  readonly clientNoContextTakeover: boolean;
  /** 8–15; 15 when the response named none. */
  readonly serverMaxWindowBits: number;
  /** 8–15; 15 when the response named none. */
  readonly clientMaxWindowBits: number;
}

/** What one codec (one direction) needs: reset the context per message, and the window size. */
export interface DeflateDirectionParams {
  readonly noContextTakeover: boolean;
  readonly windowBits: number;
}

/** Why a server's permessage-deflate response cannot be accepted (RFC 7692 §7.1; the client fails the connection). */
export type DeflateResponseError =
  | 'not-offered'
  | 'unknown-param'
  | 'duplicate-param'
  | 'unexpected-value'
  | 'missing-value'
  | 'bad-window-bits'
  | 'client-max-window-bits-not-offered'
  | 'window-bits-above-offer';

/** The agreed parameters, or the first rule the response broke. */
export type DeflateResponseResult =
  | { readonly ok: true; readonly agreement: DeflateAgreement }
  | { readonly ok: false; readonly error: DeflateResponseError; readonly message: Message };

/** Builds one offer element from options; format it with {@link buildDeflateOfferHeader}. */
export function deflateOfferElement(options: DeflateOfferOptions = {}): ExtensionElement {
  const params: ExtensionParam[] = [];
  if (options.serverNoContextTakeover) params.push({ name: 'server_no_context_takeover', value: null });
  if (options.clientNoContextTakeover) params.push({ name: 'client_no_context_takeover', value: null });
  if (options.serverMaxWindowBits !== undefined) params.push({ name: 'server_max_window_bits', value: String(options.serverMaxWindowBits) });
  if (options.clientMaxWindowBits !== undefined) {
    params.push({ name: 'client_max_window_bits', value: options.clientMaxWindowBits === true ? null : String(options.clientMaxWindowBits) });
  }
  return { name: permessageDeflateName, params };
}

/** The Sec-WebSocket-Extensions value for one or more offers, preferred first (RFC 7692 §5.1). */
export function buildDeflateOfferHeader(offers: DeflateOfferOptions | readonly DeflateOfferOptions[]): string {
  const list = Array.isArray(offers) ? offers : [offers as DeflateOfferOptions];
  return list.map((offer) => formatExtension(deflateOfferElement(offer))).join(', ');
}

/**
 * Checks a server's permessage-deflate element against what the client offered (any of `offers`;
 * other extensions in the list are ignored) and returns the agreed parameters (RFC 7692 §7.1).
 * With several offers the first one the response fits wins; if none fits, the error is the one
 * against the first offer.
 */
export function validateDeflateResponse(offers: readonly ExtensionElement[], response: ExtensionElement): DeflateResponseResult {
  const deflateOffers = offers.filter((offer) => offer.name.toLowerCase() === permessageDeflateName);
  if (deflateOffers.length === 0) {
    return fail('not-offered', message('failure:deflate.notOffered'));
  }
  const responseParams = readParams(response, 'response');
  if (!responseParams.ok) return responseParams;
  let firstFailure: DeflateResponseResult | null = null;
  for (const offer of deflateOffers) {
    const offerParams = readParams(offer, 'offer');
    if (!offerParams.ok) {
      firstFailure ??= offerParams;
      continue;
    }
    const result = matchOffer(offerParams.params, responseParams.params);
    if (result.ok) return result;
    firstFailure ??= result;
  }
  return firstFailure!;
}

/**
 * permessage-deflate as negotiated by a request and its response headers: null when the response
 * accepted no permessage-deflate, else the agreement or why it is invalid. A response that accepts
 * it twice is invalid: each extension appears once in a response (RFC 6455 §9.1).
 */
export function negotiateDeflate(requestHeaders: readonly HeaderPair[], responseHeaders: readonly HeaderPair[]): DeflateResponseResult | { readonly ok: false; readonly error: 'bad-extension-syntax' | 'accepted-twice'; readonly message: Message } | null {
  const response = parseExtensionHeader(getHeaderValues(responseHeaders, 'sec-websocket-extensions'));
  if (!response.ok) return { ok: false, error: 'bad-extension-syntax', message: message('failure:deflate.badResponseSyntax', { problem: response.message }) };
  const accepted = response.extensions.filter((element) => element.name.toLowerCase() === permessageDeflateName);
  if (accepted.length === 0) return null;
  if (accepted.length > 1) return { ok: false, error: 'accepted-twice', message: message('failure:deflate.acceptedTwice') };
  const offers = parseExtensionHeader(getHeaderValues(requestHeaders, 'sec-websocket-extensions'));
  return validateDeflateResponse(offers.ok ? offers.extensions : [], accepted[0]!);
}

/** An agreement as the capture header records it (`extensions[].params`): the parameters in force, by their RFC 7692 names. */
export function agreementParams(agreement: DeflateAgreement): Record<string, string | true> {
  const params: Record<string, string | true> = {};
  if (agreement.serverNoContextTakeover) params.server_no_context_takeover = true;
  if (agreement.clientNoContextTakeover) params.client_no_context_takeover = true;
  params.server_max_window_bits = String(agreement.serverMaxWindowBits);
  params.client_max_window_bits = String(agreement.clientMaxWindowBits);
  return params;
}

/** The codec parameters for the client: `inflate` reads server→client messages, `deflate` writes client→server ones. */
export function clientCodecParams(agreement: DeflateAgreement): { inflate: DeflateDirectionParams; deflate: DeflateDirectionParams } {
  return {
    inflate: { noContextTakeover: agreement.serverNoContextTakeover, windowBits: agreement.serverMaxWindowBits },
    deflate: { noContextTakeover: agreement.clientNoContextTakeover, windowBits: agreement.clientMaxWindowBits },
  };
}

/** The codec parameters for the server side (listen mode): `inflate` reads client→server messages. */
export function serverCodecParams(agreement: DeflateAgreement): { inflate: DeflateDirectionParams; deflate: DeflateDirectionParams } {
  const client = clientCodecParams(agreement);
  return { inflate: client.deflate, deflate: client.inflate };
}

interface DeflateParams {
  serverNoContextTakeover: boolean;
  clientNoContextTakeover: boolean;
  serverMaxWindowBits: number | null;
  /** `true` when present without a value (only legal in an offer). */
  clientMaxWindowBits: number | true | null;
}

type ReadParamsResult = { ok: true; params: DeflateParams } | { ok: false; error: DeflateResponseError; message: Message };

/** §7.1: each parameter at most once, no unknown ones, values only where the RFC defines them. */
function readParams(element: ExtensionElement, side: 'offer' | 'response'): ReadParamsResult {
  const params: DeflateParams = { serverNoContextTakeover: false, clientNoContextTakeover: false, serverMaxWindowBits: null, clientMaxWindowBits: null };
  const seen = new Set<string>();
  for (const { name, value } of element.params) {
    const key = name.toLowerCase();
    if (seen.has(key)) return fail('duplicate-param', side === 'offer' ? message('failure:deflate.offerDuplicate', { name }) : message('failure:deflate.responseDuplicate', { name }));
    seen.add(key);
    switch (key) {
      case 'server_no_context_takeover':
      case 'client_no_context_takeover':
        if (value !== null) return fail('unexpected-value', message('failure:deflate.unexpectedValue', { name, value }));
        if (key === 'server_no_context_takeover') params.serverNoContextTakeover = true;
        else params.clientNoContextTakeover = true;
        break;
      case 'server_max_window_bits':
      case 'client_max_window_bits': {
        const valueOptional = key === 'client_max_window_bits' && side === 'offer';
        if (value === null) {
          if (!valueOptional) return fail('missing-value', side === 'offer' ? message('failure:deflate.offerMissingValue', { name }) : message('failure:deflate.responseMissingValue', { name }));
          params.clientMaxWindowBits = true;
          break;
        }
        const bits = parseWindowBits(value);
        if (bits === null) return fail('bad-window-bits', message('failure:deflate.badWindowBits', { name, value }));
        if (key === 'server_max_window_bits') params.serverMaxWindowBits = bits;
        else params.clientMaxWindowBits = bits;
        break;
      }
      default:
        return fail('unknown-param', side === 'offer' ? message('failure:deflate.offerUnknown', { name }) : message('failure:deflate.responseUnknown', { name }));
    }
  }
  return { ok: true, params };
}

function matchOffer(offer: DeflateParams, response: DeflateParams): DeflateResponseResult {
  // §7.1.2.2: a response may only carry client_max_window_bits if the offer did.
  if (response.clientMaxWindowBits !== null && offer.clientMaxWindowBits === null) {
    return fail('client-max-window-bits-not-offered', message('failure:deflate.clientBitsNotOffered'));
  }
  if (typeof offer.clientMaxWindowBits === 'number' && typeof response.clientMaxWindowBits === 'number' && response.clientMaxWindowBits > offer.clientMaxWindowBits) {
    return fail('window-bits-above-offer', message('failure:deflate.clientBitsAboveOffer', { bits: response.clientMaxWindowBits, offered: offer.clientMaxWindowBits }));
  }
  // §7.1.2.1: the server must honour an offered cap on its own window (and may add one unasked).
  if (offer.serverMaxWindowBits !== null) {
    if (response.serverMaxWindowBits === null) {
      return fail('missing-value', message('failure:deflate.serverBitsUnconfirmed', { offered: offer.serverMaxWindowBits }));
    }
    if (response.serverMaxWindowBits > offer.serverMaxWindowBits) {
      return fail('window-bits-above-offer', message('failure:deflate.serverBitsAboveOffer', { bits: response.serverMaxWindowBits, offered: offer.serverMaxWindowBits }));
    }
  }
  const offeredClientBits = typeof offer.clientMaxWindowBits === 'number' ? offer.clientMaxWindowBits : 15;
  return {
    ok: true,
    agreement: {
      // §7.1.1.1: the server may add server_no_context_takeover even when not asked.
      serverNoContextTakeover: response.serverNoContextTakeover,
      // §7.1.1.2: offering client_no_context_takeover is the client's own promise; the server may also impose it.
      clientNoContextTakeover: response.clientNoContextTakeover || offer.clientNoContextTakeover,
      serverMaxWindowBits: (response.serverMaxWindowBits ?? 15),
      clientMaxWindowBits: typeof response.clientMaxWindowBits === 'number' ? response.clientMaxWindowBits : offeredClientBits,
    },
  };
}

/** §7.1.2.1: 1*DIGIT from 8 to 15, no leading zeros or signs. */
function parseWindowBits(value: string): number | null {
  if (!/^(?:[89]|1[0-5])$/.test(value)) return null;
  return Number(value);
}

function fail(error: DeflateResponseError, text: Message): { ok: false; error: DeflateResponseError; message: Message } {
  return { ok: false, error, message: text };
}
