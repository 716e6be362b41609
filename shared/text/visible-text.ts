/**
 * Text from a peer, a file or a frame, made safe to show (issue 19, "hostile input shown safely"):
 * every character that is invisible or changes how other characters are shown becomes a visible
 * escape, so `\u202Egnp.exe` cannot pose as `exe.png`, a zero-width space cannot hide inside a
 * header name, and ESC or BEL cannot drive a terminal. Used by the CLI's printers and the
 * renderer's text views alike; runtime-neutral.
 *
 * Escaped: C0 and C1 controls and DEL (Cc), format characters (Cf: the bidirectional embeddings,
 * overrides and isolates U+202A–202E and U+2066–2069, LRM/RLM/ALM, zero-width space, joiners,
 * word joiner, BOM U+FEFF, soft hyphen, tags, …), the line and paragraph separators (Zl, Zp),
 * lone surrogates (Cs), and characters that render as nothing though they are letters or marks
 * (the Hangul fillers, U+034F, the Khmer inherent vowels, variation selectors), and code points
 * Unicode reserves as default-ignorable though unassigned today (U+2065, U+FFF0–FFF8, …), which a
 * newer font or terminal would draw as nothing. Kept as they are:
 * a zero-width joiner between two pictographs and a variation selector right after one, which are
 * how emoji sequences such as 👩‍💻 or ❤️ are spelled.
 */
// eslint-disable-next-line no-misleading-character-class -- the marks and selectors are listed one by one on purpose
const hostileCharacter = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Default_Ignorable_Code_Point}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFE00-\uFE0F\uFFA0\u{E0100}-\u{E01EF}]/gu;

const pictograph = /\p{Extended_Pictographic}/u;
// eslint-disable-next-line no-misleading-character-class -- a skin tone or VS16, each on its own
const emojiModifier = /[\u{1F3FB}-\u{1F3FF}\uFE0F]/u;
const keycapBase = /[#*0-9]/;

/** How line structure is treated. */
export interface VisibleTextOptions {
  /** Keep LF, CRLF and TAB as they are (a multi-line view); otherwise they are escaped too (one line). */
  readonly keepLineBreaks?: boolean;
}

/** One run of text to show: as it is, or the visible escape of one hidden character. */
export interface VisiblePiece {
  readonly text: string;
  /** True for an escape such as `\u202e`; a view shows it apart from the surrounding text. */
  readonly isEscape: boolean;
  /** The character an escape stands for, e.g. `U+202E`. */
  readonly codePoint?: string;
}

/** The text with every hidden character written as a visible escape (`\x1b`, `\u202e`, `\u{e0041}`, `\n`). */
export function visibleText(text: string, options: VisibleTextOptions = {}): string {
  if (!hasHostileCharacter(text)) return text;
  return text.replace(hostileCharacter, (char: string, offset: number) => (isKept(text, char, offset, options) ? char : escapeFor(char)));
}

/** The text in runs, so a view can style each escape apart from the text around it. */
export function visiblePieces(text: string, options: VisibleTextOptions = {}): VisiblePiece[] {
  if (!hasHostileCharacter(text)) return text === '' ? [] : [{ text, isEscape: false }];
  const pieces: VisiblePiece[] = [];
  let plainStart = 0;
  for (const match of text.matchAll(hostileCharacter)) {
    const char = match[0];
    const offset = match.index;
    if (isKept(text, char, offset, options)) continue;
    if (offset > plainStart) pieces.push({ text: text.slice(plainStart, offset), isEscape: false });
    pieces.push({ text: escapeFor(char), isEscape: true, codePoint: `U+${codePointOf(char).toString(16).toUpperCase().padStart(4, '0')}` });
    plainStart = offset + char.length;
  }
  if (plainStart < text.length) pieces.push({ text: text.slice(plainStart), isEscape: false });
  return pieces;
}

/**
 * The same characters as JSON `\uXXXX` escapes (surrogate pairs beyond the BMP), keeping LF and
 * TAB: applied to a JSON document it gives an equivalent document, since these characters can
 * only stand inside its strings; applied to text lines it still leaves nothing hidden.
 */
export function jsonEscapedHiddenCharacters(text: string): string {
  if (!hasHostileCharacter(text)) return text;
  return text.replace(hostileCharacter, (char: string) => {
    if (char === '\n' || char === '\t') return char;
    let escaped = '';
    for (let i = 0; i < char.length; i++) escaped += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return escaped;
  });
}

/** True when the text holds a character `visibleText` may escape. */
export function hasHostileCharacter(text: string): boolean {
  hostileCharacter.lastIndex = 0;
  const found = hostileCharacter.test(text);
  hostileCharacter.lastIndex = 0;
  return found;
}

function isKept(text: string, char: string, offset: number, options: VisibleTextOptions): boolean {
  if (options.keepLineBreaks) {
    if (char === '\n' || char === '\t') return true;
    if (char === '\r' && text[offset + 1] === '\n') return true;
  }
  if (char === '\u200D') return isPictographBefore(text, offset, true) && pictograph.test(codePointAt(text, offset + 1));
  if (char === '\uFE0F' || char === '\uFE0E') return isPictographBefore(text, offset, false) || keycapBase.test(text[offset - 1] ?? '');
  return false;
}

/** Whether a pictograph ends just before `offset` (after a skin tone or VS16, when `allowModifier`). */
function isPictographBefore(text: string, offset: number, allowModifier: boolean): boolean {
  let previous = codePointBefore(text, offset);
  if (allowModifier && emojiModifier.test(previous)) previous = codePointBefore(text, offset - previous.length);
  return pictograph.test(previous);
}

function codePointAt(text: string, offset: number): string {
  const code = text.codePointAt(offset);
  return code === undefined ? '' : String.fromCodePoint(code);
}

function codePointBefore(text: string, offset: number): string {
  if (offset <= 0) return '';
  const low = text.charCodeAt(offset - 1);
  if (low >= 0xdc00 && low <= 0xdfff && offset >= 2) {
    const high = text.charCodeAt(offset - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(offset - 2, offset);
  }
  return text.slice(offset - 1, offset);
}

function codePointOf(char: string): number {
  return char.codePointAt(0) ?? 0;
}

function escapeFor(char: string): string {
  if (char === '\n') return '\\n';
  if (char === '\r') return '\\r';
  if (char === '\t') return '\\t';
  const code = codePointOf(char);
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\u{${code.toString(16)}}`;
}
