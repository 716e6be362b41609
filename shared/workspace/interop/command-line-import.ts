import { parse } from 'shell-quote';
import { message, type Message } from '../../i18n/message.js';
import { encodeBase64 } from '../../protocol/base64.js';
import { encodeUtf8 } from '../../protocol/utf8-text.js';
import type { SessionOptionsInput } from '../../contract/session-options.js';
import type { ImportResult } from './imported.js';

/**
 * A `wscat` or `websocat` command line as a connection: URL, headers, subprotocols, Origin, TLS
 * files and the insecure switch, basic auth (as an Authorization header), proxy, auto-ping. Flags
 * that only change how the tool prints or reads the terminal are dropped with a warning naming
 * them, never silently. Quoting is read as a POSIX shell would (shell-quote).
 */
export function importCommandLine(commandLine: string): ImportResult | { readonly error: Message } {
  const words = parse(commandLine.replace(/\\\r?\n/g, ' '));
  if (words.some((word) => typeof word !== 'string')) return { error: message('errors:import.shellOperators') };
  const args = (words as string[]).filter((word, index) => !(index === 0 && /(^|\/)(npx)$/.test(word)));
  const tool = (args[0] ?? '').split('/').pop();
  if (tool === 'wscat') return fromWords('wscat', args.slice(1), wscatFlags);
  if (tool === 'websocat') return fromWords('websocat', args.slice(1), websocatFlags);
  return { error: message('errors:import.notTool', { first: JSON.stringify(args[0] ?? '') }) };
}

type Draft = { url?: string; headers: [string, string][]; subprotocols: string[]; origin?: string; tls: NonNullable<SessionOptionsInput['tls']>; proxy?: SessionOptionsInput['proxy']; autoPingIntervalMs?: number };
type FlagAction = (draft: Draft, value: string) => Message | null;
interface FlagTable {
  readonly withValue: Readonly<Record<string, FlagAction>>;
  readonly switches: Readonly<Record<string, (draft: Draft) => void>>;
  /** Flags that only change terminal behaviour; dropped with a warning. */
  readonly ignored: readonly string[];
  readonly ignoredWithValue: readonly string[];
  readonly urlFlags: readonly string[];
}

const header: FlagAction = (draft, value) => {
  const colon = value.indexOf(':');
  if (colon <= 0) return message('errors:import.badHeader', { value: JSON.stringify(value) });
  draft.headers.push([value.slice(0, colon).trim(), value.slice(colon + 1).trim()]);
  return null;
};
const basicAuth: FlagAction = (draft, value) => {
  draft.headers.push(['Authorization', `Basic ${encodeBase64(encodeUtf8(value))}`]);
  return null;
};
const proxy: FlagAction = (draft, value) => {
  const match = /^(?:(https?|socks5h?):\/\/)?(?:([^:@/]*)(?::([^@/]*))?@)?(\[[^\]]+\]|[^:/]+):(\d{1,5})\/?$/.exec(value);
  if (!match) return message('errors:import.badProxy', { value: JSON.stringify(value) });
  const [, scheme, username, password, host, port] = match;
  const credentials = username ? { username: decodeURIComponent(username), ...(password !== undefined ? { password: decodeURIComponent(password) } : {}) } : {};
  draft.proxy = scheme?.startsWith('socks5')
    ? { kind: 'socks5', host: host!.replace(/^\[|\]$/g, ''), port: Number(port), ...credentials }
    : { kind: 'http-connect', host: host!.replace(/^\[|\]$/g, ''), port: Number(port), ...credentials };
  return null;
};

const wscatFlags: FlagTable = {
  withValue: {
    '-H': header,
    '--header': header,
    '-s': (draft, value) => (draft.subprotocols.push(value), null),
    '--subprotocol': (draft, value) => (draft.subprotocols.push(value), null),
    '-o': (draft, value) => ((draft.origin = value), null),
    '--origin': (draft, value) => ((draft.origin = value), null),
    '--auth': basicAuth,
    '--ca': (draft, value) => ((draft.tls.caFile = value), null),
    '--cert': (draft, value) => ((draft.tls.certFile = value), null),
    '--key': (draft, value) => ((draft.tls.keyFile = value), null),
    '--proxy': proxy,
    '--host': (draft, value) => (draft.headers.push(['Host', value]), null),
  },
  switches: { '-n': (draft) => void (draft.tls.insecure = true), '--no-check': (draft) => void (draft.tls.insecure = true) },
  ignored: ['-P', '--show-ping-pong', '--no-color', '--slash', '-L', '--location'],
  ignoredWithValue: ['-x', '--execute', '-w', '--wait', '-p', '--protocol', '--max-redirects', '--passphrase'],
  urlFlags: ['-c', '--connect'],
};

const websocatFlags: FlagTable = {
  withValue: {
    '-H': header,
    '--header': header,
    '--protocol': (draft, value) => (draft.subprotocols.push(...value.split(',').map((item) => item.trim()).filter(Boolean)), null),
    '--origin': (draft, value) => ((draft.origin = value), null),
    '--basic-auth': basicAuth,
    '--ping-interval': (draft, value) => {
      const seconds = Number(value);
      if (!Number.isFinite(seconds) || seconds < 0) return message('errors:import.badPingInterval', { value: JSON.stringify(value) });
      draft.autoPingIntervalMs = Math.round(seconds * 1000);
      return null;
    },
    '--socks5': (draft, value) => proxy(draft, `socks5://${value}`),
    '--client-pkcs12-der': () => message('errors:import.pkcs12'),
  },
  switches: { '-k': (draft) => void (draft.tls.insecure = true), '--insecure': (draft) => void (draft.tls.insecure = true) },
  ignored: ['-t', '--text', '-b', '--binary', '-E', '--exit-on-eof', '-n', '--no-close', '-1', '--one-message', '-q', '-v', '-u', '--unidirectional', '-U', '--unidirectional-reverse', '--jsonrpc', '--print-ping-rtts'],
  ignoredWithValue: ['--ping-timeout', '--buffer-size', '-B', '--max-messages'],
  urlFlags: [],
};

function fromWords(tool: 'wscat' | 'websocat', args: readonly string[], flags: FlagTable): ImportResult | { readonly error: Message } {
  const draft: Draft = { headers: [], subprotocols: [], tls: {} };
  const warnings: Message[] = [];
  for (let index = 0; index < args.length; index++) {
    const word = args[index]!;
    const equals = word.startsWith('--') || /^-[A-Za-z]=/.test(word) ? word.indexOf('=') : -1;
    const name = equals > 0 ? word.slice(0, equals) : word;
    const inline = equals > 0 ? word.slice(equals + 1) : undefined;
    const takeValue = (): string | undefined => inline ?? args[++index];
    if (flags.urlFlags.includes(name)) {
      draft.url = takeValue();
    } else if (name in flags.withValue) {
      const value = takeValue();
      if (value === undefined) return { error: message('errors:import.needsValue', { flag: name }) };
      const problem = flags.withValue[name]!(draft, value);
      if (problem) warnings.push(problem);
    } else if (name in flags.switches) {
      flags.switches[name]!(draft);
    } else if (flags.ignored.includes(name)) {
      warnings.push(message('errors:import.terminalOnly', { option: name, tool }));
    } else if (flags.ignoredWithValue.includes(name)) {
      warnings.push(message('errors:import.noCounterpart', { option: `${name} ${takeValue() ?? ''}`.trim() }));
    } else if (/^wss?:\/\//i.test(word) && draft.url === undefined) {
      draft.url = word;
    } else {
      warnings.push(message('errors:import.notUnderstood', { word }));
    }
  }
  if (!draft.url) return { error: message('errors:import.noUrl', { tool }) };
  const options: SessionOptionsInput = {
    url: draft.url,
    headers: draft.headers,
    subprotocols: draft.subprotocols,
    ...(draft.origin !== undefined ? { origin: draft.origin } : {}),
    tls: { insecure: false, ...draft.tls },
    ...(draft.proxy ? { proxy: draft.proxy } : {}),
    ...(draft.autoPingIntervalMs !== undefined ? { heartbeat: { autoPingIntervalMs: draft.autoPingIntervalMs } } : {}),
  };
  return { connections: [{ name: nameFromUrl(draft.url), description: `Imported from a ${tool} command line`, options, messages: [] }], environments: [], warnings };
}

/** `chat.example.test/socket` from the URL, for a first name. */
export function nameFromUrl(url: string): string {
  return url.replace(/^wss?:\/\//i, '').replace(/[?#].*$/, '').replace(/\/$/, '') || url;
}
