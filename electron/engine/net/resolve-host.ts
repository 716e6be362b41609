import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { DialError } from './dial-failure.js';
import type { DialAttempt } from './dial-attempt.js';
import { classifyDnsError, wrongFamilyFailure } from './dns-failure.js';
import type { NetPeer } from './net-event.js';
import { toSystemError } from './system-error.js';
import { raceAbort } from './wait-for-socket.js';

/**
 * The addresses to try for `host`, in the resolver's order. An IP literal is used as is (no
 * `dns` event); a name is looked up with the system resolver (so /etc/hosts applies) and the
 * lookup is recorded as a `dns` event.
 */
export async function resolveHost(attempt: DialAttempt, host: string, peer: NetPeer, family?: 4 | 6): Promise<string[]> {
  const literalFamily = isIP(host);
  if (literalFamily !== 0) {
    if (family !== undefined && literalFamily !== family) {
      throw new DialError(wrongFamilyFailure(host, literalFamily, family));
    }
    return [host];
  }
  attempt.enter('dns', host);
  const startedMicros = attempt.now();
  let addresses: string[];
  try {
    const found = await raceAbort(lookup(host, { all: true, family: family ?? 0 }), attempt.signal);
    addresses = found.map((entry) => entry.address);
  } catch (error) {
    if (attempt.isTimedOut) throw error;
    throw new DialError(classifyDnsError(toSystemError(error), host, peer, family));
  }
  if (addresses.length === 0) throw new DialError(classifyDnsError({ code: 'ENOTFOUND', message: 'no addresses' }, host, peer, family));
  attempt.emit({ name: 'dns', peer, host, addresses, durationMicros: attempt.now() - startedMicros });
  return addresses;
}
