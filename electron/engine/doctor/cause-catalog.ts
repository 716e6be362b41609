import type { Cause, CauseId, Finding, Fix } from '../../../shared/contract/doctor-report.js';
import { backendFix, http10Fix, idleFix, unsupportedFix, upgradeFix } from './proxy-fixes.js';

type Details = Finding['details'];

interface CauseText {
  readonly sentence: (details: Details) => string;
  readonly fix: (details: Details) => Fix;
}

const text = (details: Details, key: string, fallback = ''): string => String(details[key] ?? fallback);

/** Each cause in plain words, with the fix (DESIGN.md "Field notes" for the proxy signatures). */
const catalog: Readonly<Record<CauseId, CauseText>> = {
  'upgrade-headers-dropped': {
    sentence: (d) => `A proxy on the path did not pass the Upgrade and Connection headers on, so the backend saw a plain HTTP request${d['status'] ? ` and answered ${text(d, 'status')}` : ''}.`,
    fix: () => upgradeFix,
  },
  'websocket-unsupported': {
    sentence: (d) => `The server answered ${d['status'] ? `HTTP ${text(d, 'status')}` : 'without switching protocols'} as if to an ordinary web request: something on this path (a CDN, a load balancer or a plain web server) ignores the WebSocket upgrade.`,
    fix: () => unsupportedFix,
  },
  redirect: {
    sentence: (d) => `The server redirects (HTTP ${text(d, 'status')}) to ${text(d, 'location', 'another URL')}; WebSocket clients do not follow redirects.`,
    fix: (d) => ({
      summary: `Connect to the final URL${d['location'] ? ` (${text(d, 'location')}, as ws:// or wss://)` : ''}, often wss:// instead of ws://.`,
      nginx: 'if the redirect is the http→https rule, use wss:// in the client; or exclude the WebSocket location from the return 301 rule.',
      caddy: 'Caddy redirects HTTP to HTTPS automatically: use wss:// in the client.',
      apache: 'exclude the WebSocket path from the Redirect or RewriteRule that sends it elsewhere.',
    }),
  },
  'origin-rejected': {
    sentence: (d) => `The server refused the handshake with HTTP ${text(d, 'status', '403')}: it checks the Origin header${d['origin'] ? ` (sent: ${text(d, 'origin')})` : ' (none was sent)'} or credentials, and did not accept this client.`,
    fix: () => ({
      summary: 'Send the Origin the server expects (--origin https://your-site), or add this origin to the server\'s allowed origins; check cookies or tokens it requires.',
      nginx: 'if nginx itself refuses (a deny, valid_referers or auth rule in the location), allow this client there; otherwise the backend\'s origin check decides.',
    }),
  },
  'path-not-found': {
    sentence: (d) => `Nothing answers WebSockets at ${text(d, 'path', 'this path')}: the server or a proxy location returned 404.`,
    fix: () => ({
      summary: 'Check the URL path against the path the WebSocket server listens on, and the proxy rule that should forward it.',
      nginx: 'make a location match this path and forward it: with proxy_pass http://backend/ (trailing slash) the location prefix is cut from the path, without it the path is passed unchanged.',
      haproxy: 'check the use_backend / path_beg rule that should route this path.',
      caddy: 'check the matcher of the reverse_proxy (/path* matches sub-paths; /path alone does not).',
      apache: 'check the ProxyPass path prefix and the backend URL it maps to.',
    }),
  },
  'backend-unavailable': {
    sentence: (d) => `A gateway answered HTTP ${text(d, 'status')}: it could not reach a healthy WebSocket backend.`,
    fix: () => backendFix,
  },
  'gateway-timeout': {
    sentence: (d) =>
      d['status']
        ? `A gateway answered HTTP ${text(d, 'status')} after waiting for the backend: a hop that speaks HTTP/1.0 to the next one cannot upgrade and hangs like this, or the backend is too slow to answer.`
        : `Nothing answered the handshake within ${text(d, 'seconds')} s although the connection was accepted: the signature of a hop that forwards the upgrade as HTTP/1.0 (it hangs until a gateway timeout, often 60 s), or of a backend that hangs.`,
    fix: () => http10Fix,
  },
  'tls-error': {
    sentence: (d) => `TLS failed: ${text(d, 'message', 'the secure connection could not be set up')}.`,
    fix: (d) => ({
      summary: text(d, 'hint', 'Fix the server certificate, or trust its CA with --ca FILE.'),
      nginx: 'ssl_certificate must be the full chain (leaf first, then intermediates) for the name clients use; reload nginx after renewing.',
      haproxy: 'the crt file on the bind line must hold the full chain and key for the name clients use.',
      caddy: 'Caddy manages certificates for the site address: make sure the address matches the name clients use.',
      apache: 'SSLCertificateFile (full chain) and SSLCertificateKeyFile must match the name clients use.',
    }),
  },
  'dns-failure': {
    sentence: (d) => `The host name ${text(d, 'host', 'in the URL')} could not be resolved to an address.`,
    fix: (d) => ({ summary: text(d, 'hint', 'Check the spelling of the host name and this machine\'s DNS settings; use --connect-to HOST:PORT to dial an address directly.') }),
  },
  'connection-refused': {
    sentence: (d) => `Nothing is listening at ${text(d, 'address', 'the target address')}: the connection was refused.`,
    fix: () => ({ summary: 'Start the server (or the proxy) on that port, or correct the port in the URL.' }),
  },
  'connect-timeout': {
    sentence: (d) => `The TCP connection to ${text(d, 'address', 'the target')} timed out: a firewall drops the packets, or the address is wrong.`,
    fix: () => ({ summary: 'Check the address and port, firewall rules and security groups between this machine and the server.' }),
  },
  'accept-mismatch': {
    sentence: (d) => `The server switched protocols but its Sec-WebSocket-Accept does not match the key sent (${text(d, 'detail')}): a proxy or cache answered for the backend, or the server computes it wrongly.`,
    fix: () => ({ summary: 'Make sure no cache or proxy replays 101 answers, and that the server computes base64(SHA-1(key + 258EAFA5-E914-47DA-95CA-C5AB0DC85B11)) (RFC 6455 §4.2.2).' }),
  },
  'extension-not-offered': {
    sentence: (d) => `The server accepted an extension the client did not offer: ${text(d, 'detail')}.`,
    fix: () => ({ summary: 'The server must only accept extensions and parameters the client offered (RFC 6455 §9.1, RFC 7692); a proxy that rewrites Sec-WebSocket-Extensions can cause this too.' }),
  },
  'subprotocol-not-offered': {
    sentence: (d) => `The server selected a subprotocol the client did not offer: ${text(d, 'detail')}.`,
    fix: () => ({ summary: 'The server must pick one of the offered subprotocols or none (RFC 6455 §4.2.2); check the names on both sides (--subprotocol NAME).' }),
  },
  'idle-timeout': {
    sentence: (d) => `Something on the path closes a silent connection after ${text(d, 'seconds')} s (${text(d, 'how')}): an idle timeout such as nginx's proxy_read_timeout (60 s by default), haproxy's timeout tunnel or a load balancer's idle timeout.`,
    fix: (d) => idleFix(Number(d['heartbeatSeconds'] ?? 30)),
  },
  'http-version-downgraded': {
    sentence: (d) => `The proxy forwarded the handshake as HTTP/${text(d, 'received')} ("${text(d, 'requestLine')}") although the client sent HTTP/${text(d, 'sent')}: a backend that insists on HTTP/1.1 will refuse or hang.`,
    fix: () => http10Fix,
  },
};

/** Words a finding: the sentence and the fix for its cause. */
export function describeFinding(finding: Finding): Cause {
  const entry = catalog[finding.causeId];
  return { id: finding.causeId, confidence: finding.confidence, summary: entry.sentence(finding.details), evidence: finding.evidence, fix: entry.fix(finding.details) };
}
