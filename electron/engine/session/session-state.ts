import type { SessionState } from '../../../shared/contract/api-session.js';

/**
 * A session's place in its life (connecting → open → closing → closed) and who is told when it
 * moves; shared by client sessions and listened connections so the engine treats them alike.
 */
export class SessionStateCell {
  private value: SessionState = 'connecting';
  private readonly listeners = new Set<(state: SessionState) => void>();

  get current(): SessionState {
    return this.value;
  }

  /** Moves to `state` and tells the listeners; staying put tells no one. */
  set(state: SessionState): void {
    if (this.value === state) return;
    this.value = state;
    for (const listener of this.listeners) listener(state);
  }

  /** Calls `listener` on every change; returns the unsubscribe. */
  onDidChange(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
