import { describe, expect, it } from 'vitest';
import { unsupportedCaptureReason } from '../../../electron/engine/api/capture-file-kind.js';
import { englishText } from '../../../shared/i18n/english-text.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const sentence = (name: string, head: Uint8Array, byteLength: number): string | null => {
  const reason = unsupportedCaptureReason(name, head, byteLength);
  return reason === null ? null : englishText(reason);
};

describe('files that are not captures, in one sentence', () => {
  it.each([
    ['session.pcapng', bytes(0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0, 0), /^session\.pcapng is a pcapng file: pcapng is an export format \(for Wireshark\), so open a \.frameline\.json or \.har capture instead\.$/],
    ['renamed.bin', bytes(0x0a, 0x0d, 0x0d, 0x0a), /^renamed\.bin is a pcapng file/],
    ['trace.pcap', bytes(0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0), /^trace\.pcap is a pcap packet capture, which Frameline cannot read: open a \.frameline\.json or \.har capture instead\.$/],
    ['nano.dump', bytes(0x4d, 0x3c, 0xb2, 0xa1), /^nano\.dump is a pcap packet capture/],
    ['capture.har.gz', bytes(0x1f, 0x8b, 8, 0), /^capture\.har\.gz is a gzip archive: unpack it first, then open the \.frameline\.json or \.har file inside\.$/],
    ['bundle.zip', bytes(0x50, 0x4b, 0x03, 0x04), /^bundle\.zip is a zip archive/],
    ['photo.png', bytes(0x89, 0x50, 0x4e, 0x47), /^photo\.png is not a capture Frameline can open \(it reads \.frameline\.json and \.har files, which are JSON\)\.$/],
    ['notes.txt', ascii('hello world'), /^notes\.txt is not a capture/],
    ['list.json', ascii('[1, 2, 3]'), /^list\.json is not a capture/],
  ])('%s', (name, head, expected) => {
    const reason = sentence(name, head, head.length);
    expect(reason).toMatch(expected);
    // One sentence: one full stop, at the end.
    expect(reason!.replace(/\.(frameline|json|har|pcapng|pcap|gz|bin|dump|zip|png|txt)\b/g, '').match(/\.\s/g)).toBeNull();
  });

  it('says an empty file is empty', () => {
    expect(sentence('empty.har', new Uint8Array(0), 0)).toBe('empty.har is empty: open a .frameline.json or .har capture instead.');
  });

  it('lets JSON objects through to the capture readers, byte order mark and whitespace included', () => {
    expect(unsupportedCaptureReason('a.frameline.json', ascii('{"format":"frameline-capture"'), 100)).toBeNull();
    expect(unsupportedCaptureReason('b.har', bytes(0xef, 0xbb, 0xbf, 0x0a, 0x20, 0x7b), 100)).toBeNull();
  });
});
