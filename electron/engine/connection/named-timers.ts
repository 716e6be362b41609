/**
 * Node timers by name, at most one per name: what a sans-io core's arm-timer and cancel-timer
 * commands become in a driver. Arming a name that is armed replaces it, as the cores expect.
 */
export class NamedTimers<Name> {
  private readonly handles = new Map<Name, NodeJS.Timeout>();

  /** `isUnref`: the timers do not keep the process alive (duties that end with their session). */
  constructor(private readonly isUnref = false) {}

  /** Calls `fire` after `delayMs`, replacing any timer armed under `name`. */
  arm(name: Name, delayMs: number, fire: () => void): void {
    this.cancel(name);
    const handle = setTimeout(() => {
      this.handles.delete(name);
      fire();
    }, delayMs);
    if (this.isUnref) handle.unref();
    this.handles.set(name, handle);
  }

  /** Cancels the timer armed under `name`, if any. */
  cancel(name: Name): void {
    const handle = this.handles.get(name);
    if (handle !== undefined) clearTimeout(handle);
    this.handles.delete(name);
  }

  /** Cancels every armed timer. */
  cancelAll(): void {
    for (const handle of this.handles.values()) clearTimeout(handle);
    this.handles.clear();
  }
}
