import { connectionDeflate } from '../../../electron/engine/deflate/connection-deflate.js';
import type { ConnectionCommand } from '../../../shared/connection/connection-command.js';
import { WebSocketConnection } from '../../../shared/connection/websocket-connection.js';
import type { HeaderPair } from '../../../shared/contract/records.js';
import { buildClosePayload } from '../../../shared/protocol/close-payload.js';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import { computeAccept } from '../../../shared/protocol/handshake-checks.js';
import { getHeaderList, getHeaderValue } from '../../../shared/protocol/header-list.js';
import { RequestHeadParser } from '../../../shared/protocol/http-request-parser.js';
import { negotiateDeflate, type DeflateAgreement } from '../../../shared/protocol/permessage-deflate.js';
import { parseExtensionHeader } from '../../../shared/protocol/extension-header.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { encodeUtf8 } from '../../../shared/protocol/utf8-text.js';

/**
 * The ways a scripted server gets a rule wrong. With none it is a conforming echo server: the
 * connection core in server role, strict (it fails the connection on the client's first violation
 * with the rule's code), echoing every message whole, answering pings and closes.
 */
export type ServerFault =
  /** Never fails the connection: frames that break rules are echoed and answered like any other. */
  | 'accepts-violations'
  /** Validates a text message only when it is complete (no fail-fast). */
  | 'fails-late'
  /** Fails the connection with 1000 whatever the rule. */
  | 'wrong-close-code'
  /** Fails the connection by closing TCP, without a close frame. */
  | 'drops-without-close'
  | 'no-pong'
  /** Answers a close frame with nothing (and keeps the connection). */
  | 'ignores-close'
  /** Answers a close frame with 1001 whatever its code. */
  | 'close-reply-1001'
  /** Completes the closing handshake but never closes TCP. */
  | 'keeps-tcp-open'
  /** Echoes text messages as binary. */
  | 'echo-as-binary'
  /** Flips the last byte of every echo. */
  | 'echo-corrupt'
  /** Reads everything and answers nothing. */
  | 'silent'
  /** Sends its echoes masked (a server must not, §5.1). */
  | 'masks-frames'
  /** Switches protocols for any request. */
  | 'accepts-any-handshake'
  /** Refuses a version it does not speak with 400 and no Sec-WebSocket-Version. */
  | 'version-400'
  /** Never answers an HTTP/1.0 request. */
  | 'hangs-on-http10'
  /** Sends a wrong Sec-WebSocket-Accept. */
  | 'bad-accept'
  /** Does not accept permessage-deflate. */
  | 'no-deflate'
  /** Agrees to server_no_context_takeover but keeps its compression context. */
  | 'deflate-keeps-context'
  /** Agrees to the offered server_max_window_bits but compresses with a 32 KiB window. */
  | 'deflate-ignores-window'
  /** Accepts the server_no_context_takeover offer without echoing the parameter. */
  | 'deflate-drops-parameter';

const testLimits = { payloadRetentionBytes: 64 * 1024 * 1024, maxPayloadBytes: 64 * 1024 * 1024, maxFragments: 1_000_000, maxInflatedBytes: 64 * 1024 * 1024, closeTimeoutMs: 2_000 };

/** What the server answers to a request: response bytes, or null to hang. */
export type HandshakeAnswer = { readonly response: Uint8Array; readonly agreement: DeflateAgreement | null } | null;

/** A scripted echo server: conforming, or wrong in the chosen ways. */
export class ScriptedServer {
  private connection: WebSocketConnection | null = null;
  private hasFailed = false;
  private readonly faults: ReadonlySet<ServerFault>;

  constructor(faults: readonly ServerFault[] = []) {
    this.faults = new Set(faults);
  }

  /** §4.2.1–§4.2.2: validates the request and answers it (or, with a fault, does not). */
  handshake(requestBytes: Uint8Array): HandshakeAnswer {
    const step = new RequestHeadParser().push(requestBytes);
    if (step.kind !== 'head') return { response: encodeUtf8('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'), agreement: null };
    const { headers, httpVersion } = step.head;
    if (httpVersion === '1.0' && this.faults.has('hangs-on-http10')) return null;
    const key = getHeaderValue(headers, 'sec-websocket-key');
    const version = getHeaderValue(headers, 'sec-websocket-version');
    if (!this.faults.has('accepts-any-handshake')) {
      if (version !== '13') {
        return { response: encodeUtf8(this.faults.has('version-400') ? 'HTTP/1.1 400 Bad Request\r\n\r\n' : 'HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\n\r\n'), agreement: null };
      }
      const isUpgrade = getHeaderList(headers, 'upgrade').some((token) => token.toLowerCase() === 'websocket');
      const isKeyValid = key !== null && /^[A-Za-z0-9+/]{22}==$/.test(key);
      if (httpVersion !== '1.1' || !isUpgrade || !isKeyValid) return { response: encodeUtf8('HTTP/1.1 400 Bad Request\r\n\r\n'), agreement: null };
    }
    const accept = this.faults.has('bad-accept') ? 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' : computeAccept(key ?? '');
    const extension = this.faults.has('no-deflate') ? null : this.deflateResponse(headers);
    const lines = ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`, ...(extension ? [`Sec-WebSocket-Extensions: ${extension}`] : [])];
    const responseHeaders: HeaderPair[] = extension ? [['Sec-WebSocket-Extensions', extension]] : [];
    const negotiated = extension ? negotiateDeflate(headers, responseHeaders) : null;
    const agreement = negotiated?.ok ? negotiated.agreement : null;
    this.open(agreement);
    return { response: encodeUtf8(`${lines.join('\r\n')}\r\n\r\n`), agreement };
  }

  /** Accepts the first permessage-deflate offer, confirming what it asks of the server (RFC 7692 §7.1). */
  private deflateResponse(headers: readonly HeaderPair[]): string | null {
    const offers = parseExtensionHeader(headers.filter(([name]) => name.toLowerCase() === 'sec-websocket-extensions').map(([, value]) => value));
    if (!offers.ok) return null;
    const offer = offers.extensions.find((element) => element.name === 'permessage-deflate');
    if (!offer) return null;
    const params: string[] = ['permessage-deflate'];
    for (const { name, value } of offer.params) {
      if (name === 'server_no_context_takeover' && !this.faults.has('deflate-drops-parameter')) params.push(name);
      if (name === 'server_max_window_bits') params.push(`${name}=${value}`);
      if (name === 'client_no_context_takeover') params.push(name);
      if (name === 'client_max_window_bits' && value !== null) params.push(`${name}=${value}`);
    }
    return params.join('; ');
  }

  private open(agreement: DeflateAgreement | null): void {
    const codecAgreement = agreement === null
      ? null
      : this.faults.has('deflate-keeps-context')
        ? { ...agreement, serverNoContextTakeover: false }
        : this.faults.has('deflate-ignores-window')
          ? { ...agreement, serverMaxWindowBits: 15 }
          : agreement;
    const lenient = this.faults.has('accepts-violations') || this.faults.has('fails-late');
    this.connection = new WebSocketConnection({
      role: 'server',
      mode: lenient ? 'observe' : 'strict',
      limits: { ...testLimits, closeTimeoutMs: this.faults.has('keeps-tcp-open') ? 3_600_000 : testLimits.closeTimeoutMs },
      autoPong: !this.faults.has('no-pong') && !this.faults.has('silent'),
      autoPingIntervalMs: 0,
      nextMaskingKey: () => Uint8Array.of(1, 2, 3, 4),
      deflate: codecAgreement ? connectionDeflate(codecAgreement, 'server') : null,
      reportsMessages: true,
    });
    this.connection.start(0);
  }

  /** Bytes from the client; returns the commands the server's socket carries out. */
  receive(bytes: Uint8Array, atMicros: number): ConnectionCommand[] {
    // A server's read loop handles one frame before the next, so an echo precedes a later failure;
    // small reads are fed a byte at a time to get that order from the core.
    const pieces = bytes.length <= 4096 ? Array.from(bytes, (_, i) => bytes.subarray(i, i + 1)) : [bytes];
    const out: ConnectionCommand[] = [];
    for (const piece of pieces) {
      if (!this.connection || this.hasFailed) break;
      out.push(...this.react(this.connection.receive(piece, atMicros), atMicros));
    }
    return out;
  }

  /** The client's side of the socket ended. */
  socketEnded(atMicros: number): ConnectionCommand[] {
    return this.connection ? this.connection.socketEnded('fin', atMicros) : [];
  }

  /** The server connection's own timer. */
  timerFired(atMicros: number): ConnectionCommand[] {
    return this.connection ? this.react(this.connection.timerFired('close-wait', atMicros), atMicros) : [];
  }

  /** Applies the faults to what the conforming core decided, and echoes completed messages. */
  private react(commands: readonly ConnectionCommand[], atMicros: number): ConnectionCommand[] {
    const out: ConnectionCommand[] = [];
    let isFailing = false;
    for (const command of commands) {
      if (command.type === 'record' && command.record.kind === 'failed') isFailing = true;
      if (command.type === 'record' && command.record.kind === 'frame' && command.record.source === 'received' && command.record.frame.opcode === Opcode.close) {
        if (this.faults.has('ignores-close')) return [];
      }
      if (command.type === 'write' && isFailing && this.faults.has('drops-without-close')) {
        this.hasFailed = true;
        return [...out, { type: 'destroy-socket' }];
      }
      if (command.type === 'write' && isFailing && this.faults.has('wrong-close-code')) {
        out.push({ type: 'write', bytes: encodeFrame({ opcode: Opcode.close, payload: buildClosePayload(1000) }) });
        continue;
      }
      if (command.type === 'write' && this.faults.has('close-reply-1001') && command.bytes[0] === 0x88) {
        out.push({ type: 'write', bytes: encodeFrame({ opcode: Opcode.close, payload: buildClosePayload(1001) }) });
        continue;
      }
      if (this.faults.has('silent') && command.type === 'write') continue;
      if (command.type === 'end-socket' && this.faults.has('keeps-tcp-open')) continue;
      if (command.type === 'message' && command.message.source === 'received' && !this.faults.has('silent')) {
        out.push(...this.echo(command.message, atMicros));
        continue;
      }
      out.push(command);
    }
    return out;
  }

  private echo(message: Extract<ConnectionCommand, { type: 'message' }>['message'], atMicros: number): ConnectionCommand[] {
    const connection = this.connection!;
    if (connection.state !== 'open') return [];
    if (this.faults.has('fails-late') && message.violations.length > 0) {
      this.hasFailed = true;
      return connection.close(atMicros, message.violations[0]!.closeCode);
    }
    const payload = this.faults.has('echo-corrupt') && message.payload.length > 0 ? flipLast(message.payload) : message.payload;
    const kind = message.opcode === Opcode.text && !this.faults.has('echo-as-binary') ? 'text' : 'binary';
    if (this.faults.has('masks-frames')) return connection.send({ kind: 'frames', frames: [{ opcode: kind === 'text' ? 1 : 2, payload, mask: Uint8Array.of(9, 9, 9, 9) }] }, atMicros);
    return connection.send({ kind, payload }, atMicros);
  }
}

function flipLast(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  copy[copy.length - 1] = copy[copy.length - 1]! ^ 0x01;
  return copy;
}
