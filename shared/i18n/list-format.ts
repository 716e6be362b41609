const latinEdge = /[A-Za-z0-9]/;
const hanWord = /^\p{Script=Han}+$/u;

/**
 * Items joined as the language writes "a, b and c" (Intl.ListFormat), with a space between a Chinese
 * conjunction (和) and Latin text or digits next to it ("握手和 HTTP/1.0"), as Chinese typesetting
 * does and as our catalogues write; punctuation (、，) stays unspaced.
 */
export function formatList(items: readonly string[], language: string): string {
  const parts = new Intl.ListFormat(language, { type: 'conjunction' }).formatToParts(items);
  return parts
    .map((part, index) => {
      if (part.type !== 'literal' || !hanWord.test(part.value.trim())) return part.value;
      const before = parts[index - 1]?.value.at(-1) ?? '';
      const after = parts[index + 1]?.value[0] ?? '';
      return `${latinEdge.test(before) ? ' ' : ''}${part.value.trim()}${latinEdge.test(after) ? ' ' : ''}`;
    })
    .join('');
}
