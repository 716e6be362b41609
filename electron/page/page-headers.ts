import { contentSecurityPolicy } from '../../shared/security/content-security-policy.js';

/**
 * The response headers of every file of the page, from the web host and from Electron's
 * `frameline:` scheme alike: its type, the one Content-Security-Policy, no MIME sniffing, no
 * Referer, and no use of the files by other origins (a foreign page can neither load our scripts
 * nor keep a handle on our window).
 */
export function pageHeaders(contentType: string, connectSources: readonly string[]): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy({ delivery: 'header', connectSources }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}
