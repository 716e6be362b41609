import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FramelineEngine } from '../../../electron/engine/api/engine.js';

// Electron's binary cannot run on this machine, so `ipcMain` and the window's `webContents` are
// fakes that record what main sends and let the test acknowledge as the preload would. This is the
// only place a fake of Electron is used; the holding itself is the same code the web host's
// integration test drives over a real socket.
type AckListener = (event: unknown) => void;
const ipc = vi.hoisted(() => ({ listeners: new Map<string, Array<(event: unknown) => void>>() }));
vi.mock('electron', () => ({
  ipcMain: {
    handle: () => undefined,
    removeHandler: () => undefined,
    on: (channel: string, listener: AckListener) => ipc.listeners.set(channel, [...(ipc.listeners.get(channel) ?? []), listener]),
    removeListener: (channel: string, listener: AckListener) => ipc.listeners.set(channel, (ipc.listeners.get(channel) ?? []).filter((each) => each !== listener)),
  },
}));

const { registerIpcHandlers, maxUnacknowledgedEventMessages } = await import('../../../electron/ipc/register-handlers.js');
const { eventAckChannel, eventChannel } = await import('../../../electron/ipc/channels.js');

/** Electron's window contents, named through the function under test (tests may not import electron). */
type WebContents = NonNullable<ReturnType<Parameters<typeof registerIpcHandlers>[2]>>;

const pageUrl = 'app://frameline/index.html';

interface FakeWindow {
  contents: WebContents;
  sent: Array<[string, { sessionId?: string; count?: number }]>;
  navigate: () => void;
}

function fakeWindow(): FakeWindow {
  const sent: FakeWindow['sent'] = [];
  const navigated: Array<() => void> = [];
  const contents = {
    isDestroyed: () => false,
    send: (channel: string, event: string, payload: { sessionId?: string; count?: number }) => {
      expect(channel).toBe(eventChannel);
      sent.push([event, payload]);
    },
    on: (name: string, listener: () => void) => {
      if (name === 'did-navigate') navigated.push(listener);
    },
  } as unknown as WebContents;
  return { contents, sent, navigate: () => navigated.forEach((listener) => listener()) };
}

function eventSource(): { engine: FramelineEngine; emit: (event: string, payload: unknown) => void } {
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const engine = { onEvent: (listener: (event: string, payload: unknown) => void) => (listeners.add(listener), () => listeners.delete(listener)), run: () => Promise.resolve(null) } as unknown as FramelineEngine;
  return { engine, emit: (event, payload) => listeners.forEach((listener) => listener(event, payload)) };
}

function acknowledge(sender: WebContents, frame: { parent: unknown; url: string } = { parent: null, url: pageUrl }): void {
  for (const listener of ipc.listeners.get(eventAckChannel) ?? []) listener({ sender, senderFrame: frame });
}

const batch = (sessionId: string, count: number) => ({ sessionId, count, newest: [] });

/**
 * Issue 19, output back-pressure for the Electron window: a renderer that does not take its event
 * messages (busy or frozen) makes main hold record batches (the newest per session) once too many
 * are unacknowledged, instead of queueing every one; the preload's acknowledgements release them.
 */
describe('events to an Electron window that does not acknowledge', () => {
  let window: FakeWindow;
  let emit: (event: string, payload: unknown) => void;
  beforeEach(() => {
    ipc.listeners.clear();
    window = fakeWindow();
    const source = eventSource();
    emit = source.emit;
    registerIpcHandlers(source.engine, (url) => url === pageUrl, () => window.contents);
  });

  const flood = (batches: number): void => {
    for (let count = 1; count <= batches; count++) {
      emit('recordsAppended', batch('a', count));
      emit('recordsAppended', batch('b', count));
    }
  };

  it('sends a bounded number of batches, and other events as they come', () => {
    flood(10_000);
    emit('sessionClosed', { sessionId: 'a', closed: {} });
    const batches = window.sent.filter(([event]) => event === 'recordsAppended');
    expect(batches.length).toBeLessThanOrEqual(maxUnacknowledgedEventMessages + 1);
    expect(window.sent.at(-1)).toEqual(['sessionClosed', { sessionId: 'a', closed: {} }]);
  });

  it('sends each session its newest batch once the window has acknowledged what waited', () => {
    flood(10_000);
    const before = window.sent.length;
    for (let ack = 0; ack < before; ack++) acknowledge(window.contents);
    const after = window.sent.slice(before);
    expect(after).toEqual([['recordsAppended', batch('a', 10_000)], ['recordsAppended', batch('b', 10_000)]]);
  });

  it('ignores acknowledgements from another window, a subframe or another page', () => {
    flood(10_000);
    const before = window.sent.length;
    for (let ack = 0; ack < before; ack++) {
      acknowledge(fakeWindow().contents);
      acknowledge(window.contents, { parent: {}, url: pageUrl });
      acknowledge(window.contents, { parent: null, url: 'app://frameline/other.html' });
    }
    expect(window.sent.length).toBe(before);
  });

  it('never sends a batch held for a session that was removed', () => {
    flood(10_000);
    emit('sessionRemoved', { sessionId: 'a', reason: 'forgotten' });
    const before = window.sent.length;
    for (let ack = 0; ack < before; ack++) acknowledge(window.contents);
    expect(window.sent.slice(before)).toEqual([['recordsAppended', batch('b', 10_000)]]);
  });

  it('starts counting again when the window loads a new page, which cannot acknowledge what the old one missed', () => {
    flood(10_000);
    const before = window.sent.length;
    window.navigate();
    expect(window.sent.slice(before).map(([, payload]) => payload.count)).toEqual([10_000, 10_000]);
    emit('recordsAppended', batch('a', 10_001));
    expect(window.sent.at(-1)).toEqual(['recordsAppended', batch('a', 10_001)]);
  });
});
