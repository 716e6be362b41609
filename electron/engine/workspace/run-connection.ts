import type { CompletedMessage } from '../../../shared/connection/connection-command.js';
import type { ConnectionFile } from '../../../shared/workspace/connection-file.js';
import type { ReceivedMessage } from '../../../shared/workspace/message-match.js';
import type { ProtocolMessage } from '../../../shared/app-protocol/protocol-message.js';
import type { ProtocolLayer } from '../protocol/protocol-layer.js';
import type { Session } from '../session/session.js';

/** A message the server sent, as expectations read it, with the record that shows it. */
export interface InboxEntry {
  readonly message: ReceivedMessage;
  /** The seq of its last frame in the session's capture. */
  readonly seq: number;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * One connection of a scenario run (`main`, `alice`, …): its session, the saved connection it
 * came from, and the server's messages in arrival order. Expect steps read the inbox from a
 * cursor, so a message is matched at most once and one that came before the step started still
 * counts. Waiters are woken by every message, every record and the end of the session.
 */
export class RunConnection {
  readonly inbox: InboxEntry[] = [];
  /** Inbox entries before this one have been consumed by an expect step. */
  cursor = 0;
  sessionId: string | undefined;
  private session: Session | null = null;
  private layer: ProtocolLayer | null = null;
  /** What the protocol layer decoded from the message being received. */
  private decoded: readonly ProtocolMessage[] = [];
  private readonly wakers = new Set<() => void>();

  constructor(readonly alias: string, readonly url: string, readonly saved: ConnectionFile | null) {}

  /** The session, once the connect step made it. */
  get live(): Session {
    if (!this.session) throw new Error(`connection ${this.alias} has no session`);
    return this.session;
  }

  /** The session's application-protocol layer, once the connect step made it. */
  get protocol(): ProtocolLayer | undefined {
    return this.layer ?? undefined;
  }

  /**
   * Takes the session in with its protocol layer: follows its records and its end; the layer keeps
   * the protocol's duties while the session is open and decodes every message for expect steps.
   */
  attach(session: Session, layer: ProtocolLayer): void {
    this.session = session;
    this.layer = layer;
    layer.onDidDecode((messages) => {
      this.decoded = messages;
    });
    session.onDidChangeState((state) => {
      if (state === 'open') layer.prepare();
      if (state === 'closed') layer.dispose();
    });
    session.capture.onDidAppend(() => this.wake());
    void session.ended.then(() => this.wake());
  }

  /** A completed message from the session (both directions arrive and are decoded; only the server's are kept). */
  receive(message: CompletedMessage): void {
    this.decoded = [];
    this.layer?.receive(message);
    const protocol = this.decoded;
    if (message.direction !== 'in') return;
    const type = message.opcode === 0x2 ? 'binary' : 'text';
    this.inbox.push({ message: { type, text: payloadText(message.payload), protocol }, seq: message.frameSeqs[message.frameSeqs.length - 1] ?? 0 });
    this.wake();
  }

  /**
   * Re-runs `check` whenever something arrives, until it answers, the session ends (`check` is
   * asked once more first) or `timeoutMs` passes.
   */
  waitFor<T>(check: () => T | undefined, timeoutMs: number, signal?: AbortSignal): Promise<{ kind: 'found'; value: T } | { kind: 'timeout' } | { kind: 'closed' } | { kind: 'aborted' }> {
    type Outcome = { kind: 'found'; value: T } | { kind: 'timeout' } | { kind: 'closed' } | { kind: 'aborted' };
    return new Promise<Outcome>((resolve) => {
      if (signal?.aborted) return resolve({ kind: 'aborted' });
      const finish = (outcome: Outcome): void => {
        this.wakers.delete(poll);
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const poll = (): void => {
        const value = check();
        if (value !== undefined) return finish({ kind: 'found', value });
        if (this.session?.state === 'closed') finish({ kind: 'closed' });
      };
      const onAbort = (): void => finish({ kind: 'aborted' });
      const timer = setTimeout(() => {
        const value = check();
        finish(value !== undefined ? { kind: 'found', value } : { kind: 'timeout' });
      }, timeoutMs);
      signal?.addEventListener('abort', onAbort);
      this.wakers.add(poll);
      poll();
    });
  }

  private wake(): void {
    for (const waker of [...this.wakers]) waker();
  }
}

/** UTF-8 when the bytes are valid UTF-8, else lowercase hex. */
function payloadText(payload: Uint8Array): string {
  try {
    return strictUtf8.decode(payload);
  } catch {
    return Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('hex');
  }
}
