import type { DialFailure } from './dial-failure.js';
import { formatHostPort } from './dial-target.js';
import type { NetPeer } from './net-event.js';
import type { SystemErrorLike } from './system-error.js';

/** Classifies a failed TCP connect to the server or the proxy. */
export function classifyConnectError(error: SystemErrorLike, address: string, port: number, peer: NetPeer): DialFailure {
  const where = formatHostPort(address, port);
  const role = peer === 'proxy' ? 'proxy ' : '';
  const code = error.code;
  switch (code) {
    case 'ECONNREFUSED':
      return {
        stage: 'tcp',
        code,
        message: `Connection refused: nothing listens on ${role}${where}`,
        hint: peer === 'proxy'
          ? 'Check the proxy host and port, and that the proxy is running.'
          : 'Check the port, that the server is running, and that it listens on this address (127.0.0.1 and ::1 are different).',
      };
    case 'ECONNRESET':
      return {
        stage: 'tcp',
        code,
        message: `The connection to ${role}${where} was reset while connecting`,
        hint: 'A firewall or the peer rejected the connection; check access rules on the path.',
      };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return {
        stage: 'tcp',
        code,
        message: `${where} is unreachable from here (${code === 'EHOSTUNREACH' ? 'no route to host' : 'network unreachable'})`,
        hint: 'Check the address, routes and VPN; try the other IP family with the IPv4/IPv6 option.',
      };
    case 'EADDRNOTAVAIL':
      return {
        stage: 'tcp',
        code,
        message: `Cannot connect to ${where}: no local address can reach it`,
        hint: 'The address family may not be configured on this machine; try the other IP family.',
      };
    default:
      return {
        stage: 'tcp',
        code,
        message: `TCP connect to ${role}${where} failed: ${error.message}`,
        hint: 'Check the address and port, and whether a firewall is in the way.',
      };
  }
}
