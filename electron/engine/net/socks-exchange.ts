import type { Socket } from 'node:net';
import { englishText } from '../../../shared/i18n/english-text.js';
import { DialError } from './dial-failure.js';
import type { DialAttempt } from './dial-attempt.js';
import type { Socks4aProxy, Socks5Proxy } from './dial-options.js';
import { classifySocksFailure, type SocksProblem } from './proxy-failure.js';
import { SocketMessageReader, type SettledRead } from './socket-message-reader.js';
import type { SocksRead } from './socks5-messages.js';
import { socksStepText, type VersionedSocksStep } from './socks-step-text.js';
import { toSystemError } from './system-error.js';
import { SocketClosedError } from './wait-for-socket.js';

/** What the proxy answered to the request: its reply code and the bound address. */
export interface SocksReply {
  readonly reply: number;
  readonly boundAddress: string;
  readonly boundPort: number;
}

/** The facts of a request step known before it is sent: the destination as written and how it was resolved. */
export type RequestFacts = Pick<VersionedSocksStep, 'target' | 'resolution' | 'resolvedName'>;

/** One SOCKS exchange on one socket: asks, records each step as an event, and fails as a classified `DialError`. */
export class SocksExchange {
  readonly reader: SocketMessageReader;
  private readonly version: 4 | 5;

  constructor(
    private readonly attempt: DialAttempt,
    private readonly socket: Socket,
    private readonly proxy: Socks5Proxy | Socks4aProxy,
    private readonly target: string,
  ) {
    this.reader = new SocketMessageReader(socket, attempt.signal);
    this.version = proxy.kind === 'socks5' ? 5 : 4;
  }

  /**
   * Writes `bytes` and reads the answer. A proxy that hangs up, answers with bytes that are not
   * SOCKS, errors or does not answer in time ends the step here: it is recorded, then the dial fails.
   */
  async ask<T>(facts: Omit<VersionedSocksStep, 'version' | 'outcome'>, bytes: Uint8Array, parse: (bytes: Uint8Array) => SocksRead<T>): Promise<{ answer: T; startedMicros: number }> {
    const startedMicros = this.attempt.now();
    let read: SettledRead<T>;
    try {
      this.socket.write(bytes);
      read = await this.reader.read(parse);
    } catch (error) {
      if (this.attempt.isTimedOut) {
        this.record({ ...facts, outcome: 'no-answer' }, startedMicros);
        throw error;
      }
      if (error instanceof SocketClosedError) {
        this.record({ ...facts, outcome: 'closed' }, startedMicros);
        throw this.failure({ kind: 'closed' });
      }
      const detail = toSystemError(error).message;
      this.record({ ...facts, outcome: 'error', detail }, startedMicros);
      throw this.failure({ kind: 'socket-error', detail });
    }
    if (read.state === 'invalid') {
      this.record({ ...facts, outcome: 'invalid', detail: read.reason }, startedMicros);
      throw this.failure({ kind: 'not-socks', detail: read.reason });
    }
    return { answer: read, startedMicros };
  }

  /** The request step: any reply but `granted` fails the dial with the reply's code in words. */
  async request(facts: RequestFacts, bytes: Uint8Array, parse: (bytes: Uint8Array) => SocksRead<SocksReply>, granted: number): Promise<SocksReply> {
    const request = { step: 'request', ...facts } as const;
    const { answer, startedMicros } = await this.ask(request, bytes, parse);
    const { reply, boundAddress, boundPort } = answer;
    this.record({ ...request, outcome: reply === granted ? 'ok' : 'refused', reply, boundAddress, boundPort }, startedMicros);
    if (reply !== granted) throw this.failure({ kind: 'reply', version: this.version, code: reply, isNameToSocks4: this.proxy.kind === 'socks4a' && facts.resolution === 'remote' });
    return answer;
  }

  /** Records a step as a `socks-step` event with its sentence. */
  record(facts: Omit<VersionedSocksStep, 'version'>, startedMicros: number): void {
    const text = socksStepText({ ...facts, version: this.version });
    this.attempt.emit({ name: 'socks-step', proxyKind: this.proxy.kind, ...facts, durationMicros: this.attempt.now() - startedMicros, message: englishText(text), i18n: { message: text } });
  }

  /** The dial's failure for `problem`, worded for this proxy and target. */
  failure(problem: SocksProblem): DialError {
    return new DialError(classifySocksFailure(problem, this.proxy, this.target));
  }
}
