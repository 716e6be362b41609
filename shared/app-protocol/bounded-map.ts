/** How many earlier messages a decoder remembers per table for linking (acks, receipts, operations). */
export const LINK_MEMORY = 10_000;

/**
 * A Map that forgets its oldest entries beyond `limit`, so a peer that never acknowledges or never
 * completes cannot make a long session's link tables grow without bound. A forgotten entry only
 * costs a link; the messages themselves stay in the capture.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number = LINK_MEMORY) {
    super();
  }

  override set(key: K, value: V): this {
    if (this.has(key)) this.delete(key);
    super.set(key, value);
    if (this.size > this.limit) {
      const oldest = this.keys().next();
      if (oldest.done !== true) this.delete(oldest.value);
    }
    return this;
  }
}
