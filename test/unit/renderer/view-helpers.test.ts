import { describe, expect, it } from 'vitest';
import { draftFromPayload, resendRequest } from '../../../renderer/features/composer/draft-from-payload.js';
import { sendingRole } from '../../../renderer/features/composer/sending-role.js';
import { normalizedPath, parseForTree, queryJsonPath } from '../../../renderer/features/frame-detail/json-tree-model.js';
import { readableText } from '../../../renderer/features/frame-detail/payload-text.js';
import { cellTextWidths, estimateText } from '../../../renderer/features/timeline/cell-widths.js';
import { columnLayout, gridTemplate, minimumWidthPx, seqColumnMinPx } from '../../../renderer/features/timeline/timeline-columns.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { formatBytes, formatSinceStart } from '../../../renderer/lib/format.js';
import { displayPreview, isBinaryLooking } from '../../../renderer/lib/printable.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('lengths in human units', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KiB'],
    [1_048_575, '1.0 MiB'],
    [1_048_576, '1.0 MiB'],
    [1_073_741_823, '1.0 GiB'],
    [5 * 1024 ** 4, '5.0 TiB'],
  ])('%d bytes is %s', (value, text) => {
    expect(formatBytes(value)).toBe(text);
  });

  it('writes time since the start', () => {
    expect(formatSinceStart(12_345_000)).toBe('+12.345 s');
    expect(formatSinceStart(62_005_000)).toBe('+1:02.005');
    expect(formatSinceStart(3_723_000_000)).toBe('+1:02:03.000');
  });
});

describe('timeline columns', () => {
  // Estimated widths (no canvas here): 7 px a character.
  const widths = cellTextWidths(createTranslate('en'), estimateText);

  it('widen the # column for 7-digit and larger row numbers', () => {
    expect(seqColumnMinPx(9_999_999, widths)).toBeGreaterThan(seqColumnMinPx(999, widths));
    const layout = columnLayout({ seq: { widthPx: 30 } }, 9_999_999, widths);
    expect(layout.find((column) => column.id === 'seq')?.widthPx).toBe(seqColumnMinPx(9_999_999, widths));
    expect(seqColumnMinPx(9_999_999, widths)).toBeGreaterThanOrEqual(7 * 7 + 12);
  });

  it('hide what the user hid, show Δ only when asked, and keep Preview last and flexible', () => {
    const ids = (layout: ReturnType<typeof columnLayout>) => layout.map((column) => column.id);
    expect(ids(columnLayout({}, 10, widths))).toEqual(['seq', 'time', 'direction', 'opcode', 'fin', 'rsv', 'mask', 'length', 'preview']);
    expect(ids(columnLayout({ delta: { isHidden: false }, mask: { isHidden: true }, preview: { isHidden: true } }, 10, widths))).toEqual(['seq', 'time', 'delta', 'direction', 'opcode', 'fin', 'rsv', 'length', 'preview']);
    expect(gridTemplate(columnLayout({ time: { widthPx: 120 } }, 10, widths))).toMatch(/^minmax\(\d+px, \d+px\) minmax\(97px, 120px\) .* minmax\(181px, 1fr\)$/);
  });

  it('shrink toward their readable minimums when the timeline is narrow', () => {
    const layout = columnLayout({}, 999, widths, true);
    expect(gridTemplate(layout).split(' minmax').find((track) => track.startsWith('(118px, 240px)'))).toBeDefined();
    expect(minimumWidthPx(layout)).toBe(layout.reduce((sum, column) => sum + column.minPx, 0));
    expect(minimumWidthPx(layout)).toBeLessThan(layout.reduce((sum, column) => sum + column.widthPx, 0));
  });
});

describe('binary previews', () => {
  it('show control bytes as hex instead of empty boxes, and text as text', () => {
    expect(isBinaryLooking('\u0001\u0002\u0003\u0004')).toBe(true);
    expect(displayPreview('\u0001\u0002\u0003\u0004', 'text')).toEqual({ text: '01 02 03 04', isHex: true });
    expect(displayPreview('line one\nline two\ttab', 'text')).toEqual({ text: 'line one\nline two\ttab', isHex: false });
    expect(displayPreview('ff fe', 'hex')).toEqual({ text: 'ff fe', isHex: true });
    expect(displayPreview('héllo 你好', 'text').isHex).toBe(false);
  });

  it('diff binary as hex lines and JSON laid out', () => {
    expect(readableText(Uint8Array.of(1, 2, 3))).toBe('01 02 03');
    expect(readableText(utf8('{"a":[1,2]}'))).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(readableText(utf8('plain, text'))).toBe('plain, text');
  });
});

describe('messages to the composer and sent again', () => {
  it('edits text as text (JSON as JSON), binary as hex, a close as its code and reason', () => {
    expect(draftFromPayload({ opcode: 1, payload: utf8('{"op":1}') })).toEqual({ mode: 'json', text: '{"op":1}', encoding: 'text' });
    expect(draftFromPayload({ opcode: 1, payload: utf8('hello') })).toEqual({ mode: 'text', text: 'hello', encoding: 'text' });
    expect(draftFromPayload({ opcode: 2, payload: Uint8Array.of(0, 255) })).toEqual({ mode: 'binary', text: '00 ff', encoding: 'hex' });
    expect(draftFromPayload({ opcode: 9, payload: utf8('hb') })).toEqual({ mode: 'ping', text: 'hb', encoding: 'text' });
    expect(draftFromPayload({ opcode: 10, payload: Uint8Array.of(1, 2) })).toEqual({ mode: 'pong', text: '01 02', encoding: 'hex' });
    expect(draftFromPayload({ opcode: 8, payload: Uint8Array.of(0x0f, 0xa0), closeCode: 4000, closeReason: 'bye' })).toEqual({ mode: 'close', text: '', encoding: 'text', closeCode: '4000', closeReason: 'bye' });
  });

  it('resends the same bytes with the same opcode', () => {
    expect(resendRequest({ opcode: 1, payload: utf8('again') }, 'client')).toEqual({ type: 'text', data: 'again' });
    expect(resendRequest({ opcode: 2, payload: Uint8Array.of(1, 2) }, 'client')).toEqual({ type: 'binary', base64: 'AQI=' });
    expect(resendRequest({ opcode: 9, payload: utf8('p') }, 'client')).toEqual({ type: 'ping', base64: 'cA==' });
    expect(resendRequest({ opcode: 1, payload: Uint8Array.of(0x68, 0xff) }, 'client')).toMatchObject({ type: 'frame', opcode: 1, payload: 'aP8=', mask: 'random' });
  });

  it('§5.1: a crafted frame resent on a listened connection goes unmasked, as a server sends', () => {
    expect(sendingRole({ origin: { kind: 'listen', listenerId: 'l', connection: 1, peer: '127.0.0.1:5000' } })).toBe('server');
    expect(sendingRole({ origin: undefined })).toBe('client');
    expect(resendRequest({ opcode: 1, payload: Uint8Array.of(0x68, 0xff) }, 'server')).toMatchObject({ type: 'frame', mask: 'none' });
  });
});

describe('the JSON tree and JSONPath (RFC 9535)', () => {
  const parsed = parseForTree('{"items":[{"id":1,"name":"a"},{"id":2,"name":"b"}],"it\'s":true}');
  if (!parsed.ok) throw new Error('fixture is JSON');

  it('finds matches with their normalized paths', () => {
    const result = queryJsonPath(parsed, '$.items[?@.id > 1].name');
    expect(result).toEqual({ ok: true, matches: [{ path: "$['items'][1]['name']", value: 'b' }] });
    expect(queryJsonPath(parsed, "$['it\\'s']")).toEqual({ ok: true, matches: [{ path: "$['it\\'s']", value: true }] });
  });

  it('says a query that does not parse is not one', () => {
    expect(queryJsonPath(parsed, '$.items[').ok).toBe(false);
  });

  it('refuses what is not JSON with the parser message', () => {
    expect(parseForTree('{"a":')).toMatchObject({ ok: false });
  });

  it('writes normalized paths with RFC 9535 escapes', () => {
    expect(normalizedPath(['a\nb', 0, '\\'])).toBe("$['a\\nb'][0]['\\\\']");
  });
});
