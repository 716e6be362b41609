/** What one transport does with the engine's events on the way to one receiver (a window or a tab). */
export interface EventOutlet {
  /** Sends one event now, or holds it if it is a record batch and the receiver is congested. */
  offer(event: string, payload: unknown): void;
  /** Sends what is held unless the receiver is still congested; call whenever it may have caught up. */
  caughtUp(): void;
  /** How many sessions have a batch held (for tests and diagnostics). */
  heldCount(): number;
}

/**
 * Back-pressure for the engine's events (issue 19), whatever the transport: while the receiver is
 * congested, `recordsAppended` batches are held, only the newest per session (each carries the
 * session's record count and its newest rows, so it stands for those before it; the receiver
 * fetches other rows when it shows them), and sent, oldest-held first, once it has caught up.
 * Other events, which are few, go as they come; a `sessionRemoved` drops the batch held for that
 * session, whose id is no longer valid.
 */
export function holdRecordBatches(isCongested: () => boolean, send: (event: string, payload: unknown) => void): EventOutlet {
  const held = new Map<string, unknown>();
  const caughtUp = (): void => {
    if (held.size === 0 || isCongested()) return;
    const batches = [...held.entries()];
    held.clear();
    for (const [, payload] of batches) send('recordsAppended', payload);
  };
  return {
    offer(event, payload) {
      if (event === 'recordsAppended') {
        const { sessionId } = payload as { sessionId: string };
        // A batch held for this session is older than this one: never send it after this one.
        held.delete(sessionId);
        if (isCongested()) {
          held.set(sessionId, payload);
          return;
        }
      }
      if (event === 'sessionRemoved') held.delete((payload as { sessionId: string }).sessionId);
      send(event, payload);
    },
    caughtUp,
    heldCount: () => held.size,
  };
}
