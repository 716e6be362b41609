/**
 * How many filtered views (indexes) a session keeps. Two windows following one session under
 * different filters each keep theirs while a third filter is typed; a view holds 4 bytes per
 * matching record, so a million-record session costs at most 16 MB in views.
 */
export const maxViewsPerSession = 4;

/**
 * The filtered views a session's reads built, by filter key: the most recently used ones kept, the
 * least recently used let go past `maxViewsPerSession`. A view is used when a window reads through
 * it and when a batch carries its rows, so a view a window follows stays while another window's
 * filter changes, instead of each window's read rebuilding the other's index.
 */
export class SessionViews<V> {
  // Insertion order is recency: a used view moves to the end.
  private readonly views = new Map<string, V>();

  /** The view for `key`, if one was built, now the most recently used. */
  get(key: string): V | undefined {
    const view = this.views.get(key);
    if (view === undefined) return undefined;
    this.views.delete(key);
    this.views.set(key, view);
    return view;
  }

  /** The view for `key`, made by `create` when there is none; the least recently used goes past the limit. */
  getOrCreate(key: string, create: () => V): V {
    const known = this.get(key);
    if (known !== undefined) return known;
    const view = create();
    this.views.set(key, view);
    if (this.views.size > maxViewsPerSession) this.views.delete(this.views.keys().next().value as string);
    return view;
  }

  /** Lets every view go (the protocol choice changed what a protocol filter matches, or the session went). */
  clear(): void {
    this.views.clear();
  }

  /** Views kept now. */
  get size(): number {
    return this.views.size;
  }
}
