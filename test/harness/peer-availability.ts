import { existsSync } from 'node:fs';
import { findExecutable } from './find-executable.js';
import { findPythonModule } from './python-module.js';
import { lookUpRabbitmq } from './rabbitmq-install.js';
import { namespaceUnavailableReason } from './network-namespace.js';

/** Every external peer the integration and e2e tests may need. */
export type PeerName =
  | 'nginx'
  | 'haproxy'
  | 'caddy'
  | 'apache2'
  | 'squid'
  | 'squid-basic-auth'
  | 'microsocks'
  | 'danted'
  | 'tshark'
  | 'chromium'
  | 'openssl'
  | 'python-websockets'
  | 'python-socketio'
  | 'rabbitmq'
  | 'mosquitto'
  | 'redis-server'
  | 'netns'
  | 'python-aiohttp'
  | 'python-tornado'
  | 'python-autobahn'
  | 'python3';

/** Whether a peer can be used here: its executable, or why it cannot. */
export interface PeerAvailability {
  readonly name: PeerName;
  readonly isAvailable: boolean;
  /** The executable (the Python interpreter for python-websockets). */
  readonly path?: string;
  /** Why the peer is unavailable, phrased for the end-of-run list. */
  readonly reason?: string;
}

/**
 * Peers that are Python modules on the system interpreter: what they import (a comma-separated
 * list when the peer needs several) and the expression printing the version.
 */
const pythonModules: Readonly<Partial<Record<PeerName, { readonly modules: string; readonly version: string }>>> = {
  'python-websockets': { modules: 'websockets', version: 'websockets.__version__' },
  // python-socketio serves through aiohttp in our harness (Debian's python3-socketio and python3-aiohttp).
  'python-socketio': { modules: 'socketio, engineio, aiohttp, importlib.metadata', version: "importlib.metadata.version('python-socketio')" },
  'python-aiohttp': { modules: 'aiohttp', version: 'aiohttp.__version__' },
  'python-tornado': { modules: 'tornado', version: 'tornado.version' },
  'python-autobahn': { modules: 'autobahn', version: 'autobahn.__version__' },
};

const binaryNames: Record<Exclude<PeerName, 'python-websockets' | 'python-socketio' | 'rabbitmq' | 'python-aiohttp' | 'python-tornado' | 'python-autobahn' | 'squid-basic-auth' | 'netns'>, readonly string[]> = {
  nginx: ['nginx'],
  haproxy: ['haproxy'],
  caddy: ['caddy'],
  // Debian names Apache httpd apache2; other distributions keep httpd.
  apache2: ['apache2', 'httpd'],
  squid: ['squid'],
  microsocks: ['microsocks'],
  danted: ['danted'],
  tshark: ['tshark'],
  chromium: ['chromium', 'chromium-browser'],
  openssl: ['openssl'],
  mosquitto: ['mosquitto'],
  'redis-server': ['redis-server'],
  python3: ['python3'],
};

/** Where Debian (and other distributions) put squid's basic_ncsa_auth helper. */
export const squidBasicAuthHelperCandidates: readonly string[] = [
  '/usr/lib/squid/basic_ncsa_auth',
  '/usr/lib64/squid/basic_ncsa_auth',
  '/usr/libexec/squid/basic_ncsa_auth',
];

/** Where distributions put Apache httpd's loadable modules (Debian first). */
export const apacheModuleDirectoryCandidates: readonly string[] = ['/usr/lib/apache2/modules', '/usr/lib64/httpd/modules', '/usr/lib/httpd/modules'];

/** The first module directory that holds the proxy modules the Apache peer loads, or undefined. */
export function apacheModuleDirectory(): string | undefined {
  return apacheModuleDirectoryCandidates.find((candidate) => existsSync(`${candidate}/mod_proxy_http.so`));
}

/**
 * FRAMELINE_HIDE_PEERS=nginx,squid makes those peers count as missing, so the skip list and
 * FRAMELINE_REQUIRE_PEERS can be checked on a machine that has everything installed.
 */
function hiddenPeers(): string[] {
  return (process.env['FRAMELINE_HIDE_PEERS'] ?? '').split(',').map((name) => name.trim());
}

const cache = new Map<PeerName, PeerAvailability>();

/** Looks a peer up once per process (on PATH, then in the sbin directories). */
export function peerAvailable(name: PeerName): PeerAvailability {
  let availability = cache.get(name);
  if (availability === undefined) {
    availability = lookUp(name);
    cache.set(name, availability);
  }
  return availability;
}

/** The executable of a peer, or an error naming what is missing (for peer start functions). */
export function peerPath(name: PeerName): string {
  const availability = peerAvailable(name);
  if (availability.path === undefined) throw new Error(`peer ${name} is unavailable: ${availability.reason ?? 'unknown'}`);
  return availability.path;
}

function lookUp(name: PeerName): PeerAvailability {
  if (hiddenPeers().includes(name)) return { name, isAvailable: false, reason: `hidden by FRAMELINE_HIDE_PEERS` };
  if (name === 'rabbitmq') return lookUpRabbitmq();
  if (name === 'netns') {
    const reason = namespaceUnavailableReason();
    return reason === null ? { name, isAvailable: true, path: findExecutable('ip') ?? 'ip' } : { name, isAvailable: false, reason };
  }
  const python = pythonModules[name];
  if (python !== undefined) {
    const { found, tried } = findPythonModule(python.modules, python.version);
    return found
      ? { name, isAvailable: true, path: found.python }
      : { name, isAvailable: false, reason: `no Python that can import ${python.modules}; tried ${tried.join(', ')}` };
  }
  if (name === 'squid-basic-auth') {
    const squid = peerAvailable('squid');
    if (!squid.isAvailable) return { name, isAvailable: false, reason: squid.reason ?? 'squid not found' };
    const helper = squidBasicAuthHelperCandidates.find((candidate) => existsSync(candidate));
    return helper
      ? { name, isAvailable: true, path: helper }
      : { name, isAvailable: false, reason: `squid's basic_ncsa_auth helper not found in ${squidBasicAuthHelperCandidates.join(', ')}` };
  }
  const names = binaryNames[name as keyof typeof binaryNames];
  for (const binary of names) {
    const path = findExecutable(binary);
    if (path === undefined) continue;
    if (name === 'apache2' && apacheModuleDirectory() === undefined) {
      return { name, isAvailable: false, reason: `mod_proxy_http.so not found in ${apacheModuleDirectoryCandidates.join(', ')}` };
    }
    return { name, isAvailable: true, path };
  }
  return { name, isAvailable: false, reason: `${names.join(' or ')} not found on PATH or in /usr/sbin` };
}
