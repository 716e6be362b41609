import type { RecordRow } from '../../shared/contract/record-row.js';

/**
 * The timeline's window onto a session: fixed-size pages of rows, most recently used last, at
 * most `MAX_PAGES` of them. The renderer never holds all rows (DESIGN.md boundary 3); pages are
 * fetched as the viewport moves and evicted least-recently-used first. Pages may have holes
 * (live rows arrive before the page around them is fetched); a page is fetched again when a row
 * the viewport needs is one of its holes.
 */

export const PAGE_SIZE = 100;
export const MAX_PAGES = 40;

/** Page index → rows of that page (sparse). Insertion order is recency: the last key is the newest. */
export type PageCache = ReadonlyMap<number, readonly (RecordRow | undefined)[]>;

/** The page that holds row `index`. */
export function pageOf(index: number): number {
  return Math.floor(index / PAGE_SIZE);
}

/** The row at `index`, or undefined when its page is not loaded. */
export function rowAt(pages: PageCache, index: number): RecordRow | undefined {
  return pages.get(pageOf(index))?.[index % PAGE_SIZE];
}

/** True when page `page` holds every row from `firstIndex` to `lastIndex` that it spans. */
function hasRows(pages: PageCache, page: number, firstIndex: number, lastIndex: number): boolean {
  const rows = pages.get(page);
  if (!rows) return false;
  const from = Math.max(firstIndex, page * PAGE_SIZE) - page * PAGE_SIZE;
  const to = Math.min(lastIndex, page * PAGE_SIZE + PAGE_SIZE - 1) - page * PAGE_SIZE;
  for (let i = from; i <= to; i += 1) if (rows[i] === undefined) return false;
  return true;
}

/**
 * The pages a row range needs that lack one of its rows. A hole outside the range does not count:
 * the tail page while following has holes above the rows the batches brought, and fetching it
 * again on every batch would only add traffic.
 */
export function missingPages(pages: PageCache, firstIndex: number, lastIndex: number, total: number): number[] {
  if (total === 0 || lastIndex < firstIndex) return [];
  const first = Math.max(0, firstIndex);
  const last = Math.min(lastIndex, total - 1);
  const missing: number[] = [];
  for (let page = pageOf(first); page <= pageOf(last); page += 1) {
    if (!hasRows(pages, page, first, last)) missing.push(page);
  }
  return missing;
}

/** Drops the least recently used pages beyond `maxPages`. */
function evict(pages: Map<number, readonly (RecordRow | undefined)[]>, maxPages: number): void {
  for (const key of pages.keys()) {
    if (pages.size <= maxPages) break;
    pages.delete(key);
  }
}

/** A new cache with `rows` stored from row `from` on (any page boundaries), those pages made newest. */
export function putRows(pages: PageCache, from: number, rows: readonly RecordRow[], maxPages = MAX_PAGES): PageCache {
  const next = new Map(pages);
  let done = 0;
  while (done < rows.length) {
    const index = from + done;
    const page = pageOf(index);
    const updated = [...(next.get(page) ?? [])];
    const count = Math.min(PAGE_SIZE - (index % PAGE_SIZE), rows.length - done);
    for (let i = 0; i < count; i += 1) updated[(index % PAGE_SIZE) + i] = rows[done + i];
    next.delete(page);
    next.set(page, updated);
    done += count;
  }
  evict(next, maxPages);
  return next;
}

/** A new cache with the given pages marked most recently used (those still present). */
export function touchPages(pages: PageCache, pageIndexes: readonly number[]): PageCache {
  const tail = [...pages.keys()].slice(-pageIndexes.length);
  if (pageIndexes.every((page) => tail.includes(page) || !pages.has(page))) return pages;
  const next = new Map(pages);
  for (const page of pageIndexes) {
    const rows = next.get(page);
    if (!rows) continue;
    next.delete(page);
    next.set(page, rows);
  }
  return next;
}
