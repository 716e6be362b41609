/**
 * An in-memory publish/subscribe for the GraphQL test servers: `subscribe()` gives a subscription
 * root an async iterator of every later `publish`, and `return()` (what graphql-js calls when the
 * client stops or the connection closes) unsubscribes it, even while it waits.
 */
export class GraphqlPubSub<T> {
  private readonly subscribers = new Set<(value: T) => void>();

  /** Delivers `value` to every current subscriber. */
  publish(value: T): void {
    for (const deliver of this.subscribers) deliver(value);
  }

  /** How many iterators are subscribed now. */
  get size(): number {
    return this.subscribers.size;
  }

  /** An iterator of every value published from now on, until `return()`. */
  subscribe(): AsyncIterableIterator<T> {
    const queued: T[] = [];
    let waiting: ((result: IteratorResult<T>) => void) | null = null;
    const deliver = (value: T): void => {
      if (waiting === null) queued.push(value);
      else {
        const resolve = waiting;
        waiting = null;
        resolve({ value, done: false });
      }
    };
    this.subscribers.add(deliver);
    const end = (): Promise<IteratorResult<T>> => {
      this.subscribers.delete(deliver);
      waiting?.({ value: undefined, done: true });
      waiting = null;
      return Promise.resolve({ value: undefined, done: true });
    };
    const iterator: AsyncIterableIterator<T> = {
      next: () => {
        if (queued.length > 0) return Promise.resolve({ value: queued.shift()!, done: false });
        if (!this.subscribers.has(deliver)) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (waiting = resolve));
      },
      return: end,
      throw: (error: unknown) => end().then(() => Promise.reject(error)),
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}
