import { message, type Message } from '../i18n/message.js';
import { isToken, isTokenChar } from './header-text.js';

/** One `name[=value]` parameter of an extension; `value` is unquoted, null when the parameter has none. */
export interface ExtensionParam {
  readonly name: string;
  readonly value: string | null;
}

/** One element of a Sec-WebSocket-Extensions list: an offer (request) or an acceptance (response). */
export interface ExtensionElement {
  readonly name: string;
  readonly params: readonly ExtensionParam[];
}

/** The parsed list, or where its syntax broke. */
export type ExtensionParseResult =
  | { readonly ok: true; readonly extensions: ExtensionElement[] }
  | { readonly ok: false; readonly error: 'bad-extension-syntax'; readonly position: number; readonly message: Message };

/**
 * Parses Sec-WebSocket-Extensions values (RFC 6455 §9.1 over RFC 7230 §3.2.6 tokens and quoted
 * strings). Several header lines form one list (RFC 9110 §5.3), empty list elements are skipped
 * (RFC 9110 §5.6.1). A single left-to-right scan: time is linear in the input.
 */
export function parseExtensionHeader(values: string | readonly string[]): ExtensionParseResult {
  const text = typeof values === 'string' ? values : values.join(', ');
  const scanner = new ListScanner(text);
  try {
    return { ok: true, extensions: scanner.list() };
  } catch (failure) {
    if (failure instanceof SyntaxFailure) {
      return { ok: false, error: 'bad-extension-syntax', position: failure.position, message: failure.text };
    }
    throw failure;
  }
}

/** Writes one element back as header text, quoting values that are not tokens. */
export function formatExtension(element: ExtensionElement): string {
  let out = element.name;
  for (const param of element.params) {
    out += `; ${param.name}`;
    if (param.value !== null) out += `=${isToken(param.value) ? param.value : quote(param.value)}`;
  }
  return out;
}

/** The words of each kind of token the scanner may miss, for the failure's sentence. */
const TOKEN_WORDS = {
  'extension name': 'failure:extensionSyntax.extensionName',
  'parameter name': 'failure:extensionSyntax.parameterName',
  'parameter value': 'failure:extensionSyntax.parameterValue',
} as const;

class SyntaxFailure extends Error {
  constructor(readonly position: number, readonly text: Message) {
    super(text.key);
  }
}

class ListScanner {
  private at = 0;

  constructor(private readonly text: string) {}

  list(): ExtensionElement[] {
    const elements: ExtensionElement[] = [];
    for (;;) {
      this.skipOws();
      if (this.at >= this.text.length) return elements;
      if (this.peek() === ',') { this.at++; continue; }
      elements.push(this.element());
      this.skipOws();
      if (this.at < this.text.length) this.expect(',');
    }
  }

  private element(): ExtensionElement {
    const name = this.token('extension name');
    const params: ExtensionParam[] = [];
    for (;;) {
      this.skipOws();
      if (this.peek() !== ';') return { name, params };
      this.at++;
      this.skipOws();
      const paramName = this.token('parameter name');
      this.skipOws();
      if (this.peek() !== '=') { params.push({ name: paramName, value: null }); continue; }
      this.at++;
      this.skipOws();
      const value = this.peek() === '"' ? this.quotedString() : this.token('parameter value');
      params.push({ name: paramName, value });
    }
  }

  private token(what: keyof typeof TOKEN_WORDS): string {
    const start = this.at;
    while (this.at < this.text.length && isTokenChar(this.text.charCodeAt(this.at))) this.at++;
    if (this.at === start) throw new SyntaxFailure(start, message('failure:extensionSyntax.expected', { what: message(TOKEN_WORDS[what]), position: start }));
    return this.text.slice(start, this.at);
  }

  /** RFC 7230 §3.2.6: DQUOTE *( qdtext / quoted-pair ) DQUOTE. */
  private quotedString(): string {
    const start = this.at;
    this.at++;
    let value = '';
    while (this.at < this.text.length) {
      const ch = this.text[this.at]!;
      if (ch === '"') { this.at++; return value; }
      if (ch === '\\') {
        if (this.at + 1 >= this.text.length) break;
        value += this.text[this.at + 1];
        this.at += 2;
        continue;
      }
      value += ch;
      this.at++;
    }
    throw new SyntaxFailure(start, message('failure:extensionSyntax.unterminated', { position: start }));
  }

  private expect(ch: string): void {
    if (this.peek() !== ch) throw new SyntaxFailure(this.at, message('failure:extensionSyntax.expected', { what: `"${ch}"`, position: this.at }));
    this.at++;
  }

  private peek(): string | undefined {
    return this.text[this.at];
  }

  private skipOws(): void {
    while (this.at < this.text.length && (this.text[this.at] === ' ' || this.text[this.at] === '\t')) this.at++;
  }
}

function quote(text: string): string {
  return `"${text.replace(/["\\]/g, (ch) => `\\${ch}`)}"`;
}
