import { isIPv4, isIPv6 } from 'node:net';
import type { CaptureHeader } from '../../../../shared/contract/capture.js';
import type { TcpEndpoint } from './tcp-segment.js';

/** The two ends of the synthesized connection and the notes a reader of the pcapng needs about them. */
export interface PacketEndpoints {
  readonly client: TcpEndpoint;
  readonly server: TcpEndpoint;
  readonly notes: string[];
}

// Ports Wireshark's HTTP dissector claims by default, so the Upgrade and the WebSocket frames after it are dissected without Decode As.
const dissectedPorts = new Set([80, 8080]);
/** The server port written when the real one is not dissected as HTTP by default. */
export const SYNTHESIZED_SERVER_PORT = 80;

const placeholderClient = '192.0.2.1';
const placeholderServer = '192.0.2.2';

/**
 * The real addresses and ports from the header where known. The server's port is kept when
 * Wireshark dissects HTTP on it by default (80, 8080); otherwise (443 for wss, any other port) the
 * packets say 80 and a comment names the real port.
 */
export function packetEndpoints(header: CaptureHeader): PacketEndpoints {
  const notes: string[] = [];
  const endpoints = header.endpoints;
  let clientAddress = endpoints ? addressBytes(endpoints.local.address) : null;
  let serverAddress = endpoints ? addressBytes(endpoints.remote.address) : null;
  if (clientAddress === null || serverAddress === null || clientAddress.byteLength !== serverAddress.byteLength) {
    clientAddress = addressBytes(placeholderClient) as Uint8Array;
    serverAddress = addressBytes(placeholderServer) as Uint8Array;
    notes.push(`The capture has no usable socket addresses; ${placeholderClient} (client) and ${placeholderServer} (server) are placeholders.`);
  }
  const realServerPort = endpoints?.remote.port ?? portOfUrl(header.targetUrl);
  const serverPort = dissectedPorts.has(realServerPort) ? realServerPort : SYNTHESIZED_SERVER_PORT;
  if (serverPort !== realServerPort) {
    notes.push(`The server's real TCP port is ${realServerPort}; these packets use port ${serverPort} so Wireshark dissects HTTP and WebSocket without Decode As.`);
  }
  const proxies = header.options.proxies;
  if (proxies.length > 0) {
    const hops = proxies.map((hop) => `${hop.kind} proxy ${hop.host}:${hop.port}`).join(', then ');
    notes.push(`The session went through ${hops}; the addresses are those of the connection to the first proxy, the bytes those inside the tunnel.`);
  }
  if (header.targetUrl.startsWith('wss:')) notes.push('The session used TLS (wss); the packets hold the decrypted bytes, as the application wrote and read them.');
  return {
    client: { address: clientAddress, port: endpoints?.local.port ?? 50000, mac: Uint8Array.of(0x02, 0, 0, 0, 0, 0x01) },
    server: { address: serverAddress, port: serverPort, mac: Uint8Array.of(0x02, 0, 0, 0, 0, 0x02) },
    notes,
  };
}

function portOfUrl(url: string): number {
  try {
    const parsed = new URL(url);
    if (parsed.port !== '') return Number(parsed.port);
    return parsed.protocol === 'wss:' ? 443 : 80;
  } catch {
    return 80;
  }
}

/** 4 or 16 bytes for an IP address (an IPv4-mapped IPv6 address becomes IPv4), or null. */
export function addressBytes(address: string): Uint8Array | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const text = mapped ? (mapped[1] as string) : address.replace(/%.*$/, '');
  if (isIPv4(text)) return Uint8Array.from(text.split('.').map(Number));
  if (!isIPv6(text)) return null;
  const [head = '', tail] = text.split('::');
  const words = (part: string): number[] => (part === '' ? [] : part.split(':').flatMap(ipv6Group));
  const front = words(head);
  const back = tail === undefined ? [] : words(tail);
  const all = [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
  const bytes = new Uint8Array(16);
  all.forEach((word, index) => {
    bytes[index * 2] = word >> 8;
    bytes[index * 2 + 1] = word & 0xff;
  });
  return bytes;
}

// One group of an IPv6 address; an embedded IPv4 tail counts as two groups.
function ipv6Group(group: string): number[] {
  if (!group.includes('.')) return [Number.parseInt(group, 16)];
  const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
  return [(a << 8) | b, (c << 8) | d];
}
