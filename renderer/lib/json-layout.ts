/**
 * Re-indents JSON text for display without parsing it into values: every token, including
 * numbers too large for a double and duplicate keys, stays exactly as received. Returns null
 * when the text is not structurally JSON-like (unbalanced brackets, unterminated string).
 */
export function layoutJson(text: string, indent = '  '): string | null {
  let out = '';
  let depth = 0;
  let inString = false;
  let isEscaped = false;
  const stack: string[] = [];
  const newline = (): string => `\n${indent.repeat(depth)}`;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    if (inString) {
      out += char;
      if (isEscaped) isEscaped = false;
      else if (char === '\\') isEscaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    switch (char) {
      case '"':
        inString = true;
        out += char;
        break;
      case '{':
      case '[': {
        stack.push(char === '{' ? '}' : ']');
        const closing = nextSignificant(text, i + 1);
        if (closing === stack[stack.length - 1]) {
          out += char;
          break;
        }
        depth += 1;
        out += char + newline();
        break;
      }
      case '}':
      case ']': {
        if (stack.pop() !== char) return null;
        if (out.endsWith('{') || out.endsWith('[')) {
          out += char;
          break;
        }
        depth -= 1;
        out += newline() + char;
        break;
      }
      case ',':
        out += char + newline();
        break;
      case ':':
        out += ': ';
        break;
      case ' ':
      case '\t':
      case '\n':
      case '\r':
        break;
      default:
        out += char;
    }
  }
  return inString || stack.length > 0 ? null : out;
}

function nextSignificant(text: string, from: number): string | undefined {
  for (let i = from; i < text.length; i += 1) {
    const char = text[i];
    if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r') return char;
  }
  return undefined;
}
