import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import { RelayActionError } from '../../../shared/relay/relay-action-error.js';
import { concat, hex, utf8, xorDeflate } from '../protocol/protocol-fixtures.js';
import { coreFor, feed, FrameSource, relayLines } from './relay-fixtures.js';

const key = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);
/** A frame as the client writes it (masked with the §5.7 key). */
function fromClient(opcode: number, text: string, bits: { fin?: boolean; rsv1?: boolean } = {}): Uint8Array {
  return encodeFrame({ opcode, payload: utf8(text), maskingKey: key, fin: bits.fin ?? true, rsv1: bits.rsv1 ?? false });
}
/** A frame as the server writes it (unmasked). */
function fromServer(opcode: number, payload: Uint8Array | string, bits: { fin?: boolean; rsv1?: boolean } = {}): Uint8Array {
  return encodeFrame({ opcode, payload: typeof payload === 'string' ? utf8(payload) : payload, fin: bits.fin ?? true, rsv1: bits.rsv1 ?? false });
}
const agreement = (takeover: boolean) => ({ serverNoContextTakeover: !takeover, clientNoContextTakeover: !takeover, serverMaxWindowBits: 15, clientMaxWindowBits: 15 });

describe('frame-exact: frames stream through with their bits when nothing applies', () => {
  it('a fragmented message with a ping between its fragments keeps its fragmentation and the ping in place, re-masked by the server leg', () => {
    const core = coreFor('frame-exact');
    const client = new FrameSource('out', 10);
    expect(feed(core, client, concat(fromClient(1, 'Hel', { fin: false }), fromClient(9, ''), fromClient(0, 'lo')))).toEqual([
      'server ← frame op=1 fin=0 mask=role "Hel" (from #10)',
      'server ← frame op=9 fin mask=role "" (from #11)',
      'server ← frame op=0 fin mask=role "lo" (from #12)',
    ]);
    expect(core.heldBytes('out')).toBe(0);
  });

  it('the first fragment goes before the message is complete (nothing is held)', () => {
    const core = coreFor('frame-exact');
    expect(feed(core, new FrameSource('in', 0), fromServer(2, 'part', { fin: false }))).toEqual(['client ← frame op=2 fin=0 mask=role "part" (from #0)']);
  });

  it('compressed frames go as they came, RSV1 and compressed bytes unchanged', () => {
    const core = coreFor('frame-exact', {}, agreement(true));
    const server = new FrameSource('in', 0, { compressed: true });
    expect(feed(core, server, fromServer(1, xorDeflate(utf8('zip')), { rsv1: true }))).toEqual([`client ← frame op=1 fin rsv1 mask=role "${new TextDecoder().decode(xorDeflate(utf8('zip')))}" (from #0)`]);
  });

  it('a frame cut by the size limit cannot be forwarded: the owner must end both legs', () => {
    const core = coreFor('frame-exact');
    const server = new FrameSource('in', 0, { retention: 2 });
    expect(feed(core, server, fromServer(1, 'toolong'))).toEqual(['unforwardable in #0']);
  });
});

describe('breakpoints: a paused queue per direction, nothing reordered', () => {
  it('a matching message pauses with the ping between its fragments; later messages wait behind it; the other direction flows', () => {
    const core = coreFor('frame-exact', { breakpoints: [{ id: 'chat', match: { direction: 'out', pattern: 'secret' } }] });
    const client = new FrameSource('out', 0);
    const server = new FrameSource('in', 100);
    expect(feed(core, client, concat(fromClient(1, 'sec', { fin: false }), fromClient(9, 'p'), fromClient(0, 'ret')))).toEqual(['paused-changed']);
    expect(feed(core, client, fromClient(1, 'after'))).toEqual([]);
    expect(feed(core, server, fromServer(1, 'news'))).toEqual(['client ← frame op=1 fin mask=role "news" (from #100)']);
    expect(core.pausedMessages()).toEqual([
      { pausedId: 1, direction: 'out', opcode: 1, breakpointId: 'chat', seqs: [0, 1, 2], byteLength: 6, isCompressed: false, isChangeable: true, pausedAtMicros: 1 },
    ]);
    expect([core.heldBytes('out'), core.isWaiting('out')]).toEqual([1 + 6 + 5, true]);
    expect(relayLines(core.resolve(1, { kind: 'forward' }, 5))).toEqual([
      'server ← frame op=1 fin=0 mask=role "sec" (from #0)',
      'server ← frame op=9 fin mask=role "p" (from #1)',
      'server ← frame op=0 fin mask=role "ret" (from #2)',
      'server ← frame op=1 fin mask=role "after" (from #3)',
      'paused-changed',
    ]);
    expect([core.heldBytes('out'), core.isWaiting('out')]).toEqual([0, false]);
  });

  it('an edited message goes as one uncompressed frame after the control frames that were between its fragments', () => {
    const core = coreFor('frame-exact', { breakpoints: [{ id: 'b', match: {} }] });
    feed(core, new FrameSource('out', 0), concat(fromClient(1, 'Hel', { fin: false }), fromClient(9, ''), fromClient(0, 'lo')));
    expect(core.pausedPayload(1)).toEqual(utf8('Hello'));
    expect(relayLines(core.resolve(1, { kind: 'edit', payload: utf8('Howdy') }, 2))).toEqual([
      'note client #0,#1,#2: relay:note.editedByYou',
      'server ← frame op=9 fin mask=role "" (from #1)',
      'server ← frame op=1 fin mask=role "Howdy" (from #0)',
      'paused-changed',
    ]);
  });

  it('drop withholds the message (its ping still goes); duplicate sends it twice', () => {
    const core = coreFor('frame-exact', { breakpoints: [{ id: 'b', match: {} }] });
    const server = new FrameSource('in', 0);
    feed(core, server, fromServer(1, 'one'));
    feed(core, server, fromServer(1, 'two'));
    expect(relayLines(core.resolve(1, { kind: 'drop' }, 2))).toEqual(['note server #0: relay:note.droppedByYou', 'paused-changed']);
    expect(core.pausedMessages().map((paused) => paused.pausedId)).toEqual([2]);
    expect(relayLines(core.resolve(2, { kind: 'duplicate' }, 3))).toEqual([
      'note server #1: relay:note.duplicatedByYou',
      'client ← frame op=1 fin mask=role "two" (from #1)',
      'client ← frame op=1 fin mask=role "two" (from #1)',
      'paused-changed',
    ]);
    expect(() => core.resolve(2, { kind: 'forward' }, 4)).toThrow(RelayActionError);
  });

  it('paused messages are numbered from 1, whatever went through before them', () => {
    const core = coreFor('frame-exact', { breakpoints: [{ id: 'b', match: { pattern: 'stop' } }] });
    const client = new FrameSource('out', 0);
    feed(core, client, concat(fromClient(1, 'go'), fromClient(9, ''), fromClient(1, 'go on')));
    feed(core, client, fromClient(1, 'stop here'));
    expect(core.pausedMessages().map((paused) => [paused.pausedId, paused.seqs])).toEqual([[1, [3]]]);
  });

  it('pings are not paused by a message breakpoint, but can be by their own', () => {
    const core = coreFor('frame-exact', { breakpoints: [{ id: 'b', match: { pattern: '.' } }] });
    expect(feed(core, new FrameSource('in', 0), fromServer(9, 'x'))).toEqual(['client ← frame op=9 fin mask=role "x" (from #0)']);
    const pings = coreFor('frame-exact', { breakpoints: [{ id: 'pings', match: { opcodes: [9] } }] });
    expect(feed(pings, new FrameSource('in', 0), fromServer(9, 'x'))).toEqual(['paused-changed']);
  });

  it('in frame-exact mode a compressed message with context takeover can be forwarded or duplicated (the copy uncompressed) but not edited or dropped', () => {
    const core = coreFor('frame-exact', { breakpoints: [{ id: 'b', match: {} }] }, agreement(true));
    feed(core, new FrameSource('in', 0, { compressed: true }), fromServer(1, xorDeflate(utf8('zip')), { rsv1: true }));
    expect(core.pausedMessages()[0]).toMatchObject({ isCompressed: true, isChangeable: false, byteLength: 3 });
    expect(() => core.resolve(1, { kind: 'edit', payload: utf8('x') }, 2)).toThrow(RelayActionError);
    expect(() => core.resolve(1, { kind: 'drop' }, 2)).toThrow(RelayActionError);
    expect(relayLines(core.resolve(1, { kind: 'duplicate' }, 2)).slice(1, 3)).toEqual([
      `client ← frame op=1 fin rsv1 mask=role "${new TextDecoder().decode(xorDeflate(utf8('zip')))}" (from #0)`,
      'client ← frame op=1 fin mask=role "zip" (from #0)',
    ]);
  });

  it('without context takeover the same message can be edited in frame-exact mode', () => {
    const core = coreFor('frame-exact', { breakpoints: [{ id: 'b', match: {} }] }, agreement(false));
    feed(core, new FrameSource('in', 0, { compressed: true }), fromServer(1, xorDeflate(utf8('zip')), { rsv1: true }));
    expect(relayLines(core.resolve(1, { kind: 'edit', payload: utf8('zap') }, 2))).toContain('client ← frame op=1 fin mask=role "zap" (from #0)');
  });
});

describe('message mode: reassembled and re-framed', () => {
  it('a fragmented message goes as one message after the ping that was between its fragments', () => {
    const core = coreFor('message');
    expect(feed(core, new FrameSource('out', 0), concat(fromClient(1, 'Hel', { fin: false }), fromClient(9, ''), fromClient(0, 'lo')))).toEqual([
      'server ← frame op=9 fin mask=role "" (from #1)',
      'server ← text "Hello" (from #0)',
    ]);
  });

  it('a compressed message goes inflated, for the leg to compress with its own context; an edit of it is allowed', () => {
    const core = coreFor('message', { breakpoints: [{ id: 'b', match: {} }] }, agreement(true));
    feed(core, new FrameSource('in', 0, { compressed: true }), fromServer(1, xorDeflate(utf8('zip')), { rsv1: true }));
    expect(core.pausedMessages()[0]?.isChangeable).toBe(true);
    expect(relayLines(core.resolve(1, { kind: 'edit', payload: utf8('zap') }, 2))).toContain('client ← text "zap" (from #0)');
  });
});

describe('rules without a person', () => {
  it('a mock answers the client and the server never sees the message', () => {
    const core = coreFor('frame-exact', { rules: [{ id: 'mock', match: { direction: 'out', pattern: 'hello' }, action: { kind: 'reply', payload: 'mocked' } }] });
    expect(feed(core, new FrameSource('out', 0), fromClient(1, 'hello'))).toEqual(['note client #0: relay:note.ruleReplied', 'client ← frame op=1 fin mask=role "mocked"']);
  });

  it('a rewrite changes what the server receives; a drop rule withholds', () => {
    const core = coreFor('message', {
      rules: [
        { id: 'r', match: { direction: 'out' }, action: { kind: 'rewrite', find: 'cat', replace: 'dog' } },
        { id: 'd', match: { direction: 'in', pattern: 'spam' }, action: { kind: 'drop' } },
      ],
    });
    expect(feed(core, new FrameSource('out', 0), fromClient(1, 'my cat'))).toEqual(['note client #0: relay:note.ruleRewrote', 'server ← text "my dog" (from #0)']);
    expect(feed(core, new FrameSource('in', 5), fromServer(1, 'spam!'))).toEqual(['note server #5: relay:note.ruleDropped']);
  });

  it('a rule that cannot act says so in a note and the message goes on unchanged', () => {
    const core = coreFor('frame-exact', { rules: [{ id: 'r', match: {}, action: { kind: 'rewrite', find: 'a', replace: 'b' } }] }, agreement(true));
    expect(feed(core, new FrameSource('in', 0, { compressed: true }), fromServer(1, xorDeflate(utf8('a')), { rsv1: true }))).toEqual([
      'note server #0: relay:note.ruleSkipped',
      `client ← frame op=1 fin rsv1 mask=role "${new TextDecoder().decode(xorDeflate(utf8('a')))}" (from #0)`,
    ]);
  });
});

describe('delay and throttle', () => {
  it('a delayed direction releases each message when its time comes, in order', () => {
    const core = coreFor('frame-exact', { shaping: { in: { delayMs: 200 } } });
    const server = new FrameSource('in', 0);
    expect(feed(core, server, fromServer(1, 'a'), 1_000)).toEqual(['timer in 200']);
    expect(feed(core, server, fromServer(1, 'b'), 51_000)).toEqual(['timer in 150']);
    expect(relayLines(core.timerFired('in', 201_000))).toEqual(['client ← frame op=1 fin mask=role "a" (from #0)', 'timer in 50']);
    expect(relayLines(core.timerFired('in', 251_000))).toEqual(['client ← frame op=1 fin mask=role "b" (from #1)']);
  });

  it('a throttled direction spaces messages by their size', () => {
    const core = coreFor('frame-exact', { shaping: { out: { bytesPerSecond: 1000 } } });
    const client = new FrameSource('out', 0);
    // 6 header bytes + 94 payload bytes: 100 bytes, so the next one may go 100 ms later.
    expect(feed(core, client, fromClient(2, 'x'.repeat(94)), 0)).toHaveLength(1);
    expect(feed(core, client, fromClient(2, 'y'), 10_000)).toEqual(['timer out 90']);
    expect(relayLines(core.timerFired('out', 100_000))).toHaveLength(1);
  });
});

describe('a leg that ends mid-message', () => {
  it('the frames that came are forwarded as they are', () => {
    const core = coreFor('message', { breakpoints: [{ id: 'b', isEnabled: false, match: {} }], rules: [{ id: 'd', match: { direction: 'out' }, action: { kind: 'delay', delayMs: 0 } }] });
    const client = new FrameSource('out', 0);
    expect(feed(core, client, fromClient(1, 'half', { fin: false }))).toEqual([]);
    expect(relayLines(core.sourceEnded('out', 2))).toEqual(['server ← frame op=1 fin=0 mask=role "half" (from #0)']);
  });
});

describe('control frames that break a rule are still forwarded exactly', () => {
  it('a close frame with a reserved code goes through byte for byte', () => {
    const core = coreFor('frame-exact');
    expect(feed(core, new FrameSource('in', 0), hex('88 02 03 ed'))).toEqual(['client ← frame op=8 fin mask=role "\u0003\ufffd" (from #0)']);
  });
});

describe('frames the capture did not keep (seq -1, past its record budget)', () => {
  it('are carried all the same, and named in no link, note or paused message', () => {
    const core = coreFor('frame-exact', {
      rules: [{ id: 'shout', match: { direction: 'out', pattern: '^hi' }, action: { kind: 'rewrite', find: 'hi', replace: 'HI' } }],
      breakpoints: [{ id: 'hold', match: { direction: 'out', pattern: '^wait' } }],
    });
    const [hi] = new FrameSource('out', 0).frames(fromClient(1, 'hi there'));
    expect(relayLines(core.frameRead('out', -1, hi!.frame, 1))).toEqual(['note client #: relay:note.ruleRewrote', 'server ← frame op=1 fin mask=role "HI there"']);
    const [ping] = new FrameSource('out', 0).frames(fromClient(9, 'p'));
    expect(relayLines(core.frameRead('out', -1, ping!.frame, 2))).toEqual(['server ← frame op=9 fin mask=role "p"']);
    const [wait] = new FrameSource('out', 0).frames(fromClient(1, 'wait'));
    core.frameRead('out', -1, wait!.frame, 3);
    expect(core.pausedMessages()).toMatchObject([{ breakpointId: 'hold', seqs: [] }]);
  });
});
