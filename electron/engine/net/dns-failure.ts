import type { DialFailure } from './dial-failure.js';
import type { NetPeer } from './net-event.js';
import type { SystemErrorLike } from './system-error.js';

/** Classifies a failed name lookup of the server or proxy host. */
export function classifyDnsError(error: SystemErrorLike, host: string, peer: NetPeer, family?: 4 | 6): DialFailure {
  const what = peer === 'proxy' ? `the proxy host ${host}` : host;
  const code = error.code;
  if (code === 'ENOTFOUND' || code === 'ENODATA' || code === 'EAI_NONAME') {
    const familyNote = family === undefined ? '' : ` (IPv${family} only)`;
    return {
      stage: 'dns',
      code,
      message: `DNS lookup of ${what} found no address${familyNote}`,
      hint: family === undefined
        ? 'Check the spelling of the host name, or use connect-to to dial an address directly.'
        : `Check the host name, or drop the IPv${family} restriction; the name may only have IPv${family === 4 ? 6 : 4} addresses.`,
    };
  }
  if (code === 'EAI_AGAIN') {
    return {
      stage: 'dns',
      code,
      message: `DNS lookup of ${what} failed temporarily (the resolver did not answer)`,
      hint: 'The DNS server may be unreachable or slow; retry, or check the resolver configuration and network.',
    };
  }
  return {
    stage: 'dns',
    code,
    message: `DNS lookup of ${what} failed: ${error.message}`,
    hint: 'Check the host name and the resolver configuration.',
  };
}
