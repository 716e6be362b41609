import { englishText } from '../i18n/english-text.js';
import { message, type Message } from '../i18n/message.js';
import type { Detection, DetectionConfidence } from './app-protocol.js';
import type { AppProtocolId } from './app-protocol-id.js';

/** A detection whose reason is a message (`protocols:detection.*`), with its English text beside it for captures and `--json`. */
export function detected(protocol: AppProtocolId, confidence: DetectionConfidence, reasonText: Message): Detection {
  return { protocol, confidence, reason: englishText(reasonText), reasonText };
}

/** Why a subprotocol decided the protocol: the server accepted it, or (no answer yet) the client offered it. */
export function subprotocolReason(subprotocol: { readonly name: string; readonly isAccepted: boolean }): Message {
  return subprotocol.isAccepted
    ? message('protocols:detection.subprotocolAccepted', { name: subprotocol.name })
    : message('protocols:detection.subprotocolOffered', { name: subprotocol.name });
}
