import { Worker } from 'node:worker_threads';

// The worker's whole program: a zeroed buffer of the asked size, a zero written into each page so
// the kernel maps it here, then the buffer transferred back (moved, not copied). 4096 is the
// smallest page Linux uses; where pages are larger the extra writes find them mapped already.
const workerSource = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (byteLength) => {
  const buffer = new ArrayBuffer(byteLength);
  const bytes = new Uint8Array(buffer);
  for (let index = 0; index < byteLength; index += 4096) bytes[index] = 0;
  parentPort.postMessage(buffer, [buffer]);
});
`;

// Buffers kept ready per expectation. With one, a 1,000,000 × 64 B flood still allocated 7–33 of
// its 91 full slabs and chunks on the engine's thread (the worker shares its core with the
// peer); two took the flood from 0.75 s to 0.68 s (docs/performance.md, same section as below).
const readyPerExpectation = 2;
// What all leases together may have ready or on its way: eight flooding sessions would otherwise
// keep 80 MiB made ahead.
const maxComingBytes = 24 * 1024 * 1024;

/** One user's claim on the prefaulter: the sizes it will take, and the end of its claim. */
export interface PrefaultLease {
  /**
   * Says this user will take buffers of `byteLength` from now on: two of that size are kept ready
   * for each call (two columns of one size call it twice).
   */
  expect(byteLength: number): void;
  /** A zero-filled buffer of `byteLength` whose pages are mapped, or undefined when none is ready (allocate one as usual). */
  take(byteLength: number): ArrayBuffer | undefined;
  /** Ends the claim: buffers made for it are dropped, and the worker stops when no claim is left. */
  close(): void;
}

/**
 * Zero-filled buffers made ahead on a worker thread, with their pages already mapped. A live
 * session keeps every payload and column of a flood, and the first write to each new 4 KiB page
 * is a page fault that costs about 12 µs on the 2-core bench machine: 0.3 s a million 64-byte
 * messages, a third of the live row's time (docs/performance.md, "Payload slabs and column chunks
 * made on another thread"). The faults now happen on the other core, ahead of the engine's
 * thread; a buffer that is not ready yet is allocated on the spot as before, so nothing waits.
 * Pages written once on any thread of the process cost the engine nothing more: 64 MiB written
 * there took the engine 0.4–1.9 ms to write again, against 175–193 ms fresh. It has to be a
 * thread that writes: the same pages filled by a `read` from /dev/zero on libuv's pool still
 * cost about 5 µs each at the first write from JavaScript here.
 *
 * Bounded: two ready buffers per expectation, dropped with the lease that expected it. A growing
 * capture log expects a 4 MiB slab and five column chunks (64–256 KiB), so it holds at most 10 MiB
 * beyond its budgets while it grows, and nothing once it is sealed; all logs together at most
 * 24 MiB.
 */
export class PagePrefaulter {
  private worker: Worker | null = null;
  private readonly ready = new Map<number, ArrayBuffer[]>();
  private readonly inFlight = new Map<number, number>();
  // Expectations per size, over the open leases; `readyPerExpectation` buffers are kept coming for each.
  private readonly wanted = new Map<number, number>();
  private hasFailed = false;

  /** A claim for one user (a capture log); nothing starts until it expects a size. */
  lease(): PrefaultLease {
    const expected = new Map<number, number>();
    let isOpen = true;
    return {
      expect: (byteLength) => {
        if (!isOpen) return;
        expected.set(byteLength, (expected.get(byteLength) ?? 0) + 1);
        this.wanted.set(byteLength, (this.wanted.get(byteLength) ?? 0) + 1);
        this.request(byteLength);
      },
      take: (byteLength) => (isOpen && expected.has(byteLength) ? this.take(byteLength) : undefined),
      close: () => {
        if (!isOpen) return;
        isOpen = false;
        for (const [byteLength, count] of expected) this.unwant(byteLength, count);
      },
    };
  }

  private take(byteLength: number): ArrayBuffer | undefined {
    const buffer = this.ready.get(byteLength)?.pop();
    this.request(byteLength);
    return buffer;
  }

  private request(byteLength: number): void {
    const worker = this.worker ?? this.start();
    if (worker === null) return;
    let coming = (this.ready.get(byteLength)?.length ?? 0) + (this.inFlight.get(byteLength) ?? 0);
    const wanted = (this.wanted.get(byteLength) ?? 0) * readyPerExpectation;
    let room = maxComingBytes - this.bytesMadeAhead;
    while (coming < wanted && room >= byteLength) {
      worker.postMessage(byteLength);
      this.inFlight.set(byteLength, (this.inFlight.get(byteLength) ?? 0) + 1);
      coming += 1;
      room -= byteLength;
    }
  }

  /** Bytes of buffers ready or being made, over every lease. */
  get bytesMadeAhead(): number {
    let bytes = 0;
    for (const [size, list] of this.ready) bytes += size * list.length;
    for (const [size, count] of this.inFlight) bytes += size * count;
    return bytes;
  }

  private unwant(byteLength: number, count: number): void {
    const left = (this.wanted.get(byteLength) ?? 0) - count;
    if (left > 0) {
      this.wanted.set(byteLength, left);
      this.ready.get(byteLength)?.splice(left * readyPerExpectation);
      return;
    }
    this.wanted.delete(byteLength);
    this.ready.delete(byteLength);
    if (this.wanted.size === 0) this.stop();
  }

  private start(): Worker | null {
    if (this.hasFailed) return null;
    let worker: Worker;
    try {
      // No loader flags of the parent (a test runner's, tsx's): the program above needs none. A
      // small heap, since it only ever holds a number and the buffer it hands back: with V8's
      // default limits the worker left the live session's RSS growth 4.7 MB higher (median of 6),
      // with these 1.4 MB.
      worker = new Worker(workerSource, { eval: true, execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 8 } });
    } catch {
      // Without worker threads every take misses and callers allocate as before.
      this.hasFailed = true;
      return null;
    }
    worker.on('message', (buffer: ArrayBuffer) => {
      if (this.worker !== worker) return;
      const size = buffer.byteLength;
      this.inFlight.set(size, (this.inFlight.get(size) ?? 1) - 1);
      if (!this.wanted.has(size)) return;
      const list = this.ready.get(size);
      if (list) list.push(buffer);
      else this.ready.set(size, [buffer]);
    });
    worker.on('error', () => {
      if (this.worker !== worker) return;
      this.hasFailed = true;
      this.stop();
    });
    // Listeners first: a worker with a message listener added after unref() would hold the process open.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private stop(): void {
    this.ready.clear();
    this.inFlight.clear();
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
  }
}

/** The process's one prefaulter, shared by every capture log. */
export const pagePrefaulter = new PagePrefaulter();

