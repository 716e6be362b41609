/**
 * The one Content-Security-Policy of the renderer (issue 10), wherever it is served: the header of
 * Electron's `frameline:` scheme, the header of `frameline ui`'s web host, and the meta tag that
 * the build writes into index.html. Runtime-neutral, so Electron's main, the web host and the
 * Vite build all import it.
 *
 * - Scripts and workers only from the page's own origin: no inline script, no eval, no CDN
 *   (monaco and its two workers are bundled files, see renderer/monaco/monaco-setup.ts).
 * - Inline styles are allowed because monaco sets styles at run time; styles cannot run code.
 * - `connect-src`: the page's own origin plus the web host's bridge socket (`connectSources`);
 *   Safari does not count `ws:` as 'self', so the bridge is named.
 * - No plugins, frames, base-URL changes or form posts; no framing by others (header only: a
 *   meta tag cannot carry `frame-ancestors`, and Chromium reports it when one tries).
 */
export interface PolicyOptions {
  /** `header` (a response header) or `meta` (index.html), which cannot carry `frame-ancestors`. */
  readonly delivery: 'header' | 'meta';
  /** Where the page may open sockets besides its own origin: the web host's bridge. */
  readonly connectSources: readonly string[];
}

/** The renderer's Content-Security-Policy, as one header or meta value. */
export function contentSecurityPolicy(options: PolicyOptions): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['worker-src', "'self'"],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['font-src', "'self'"],
    ['img-src', "'self'", 'data:'],
    ['connect-src', "'self'", ...options.connectSources],
    ['object-src', "'none'"],
    ['frame-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
  ];
  if (options.delivery === 'header') directives.push(['frame-ancestors', "'none'"]);
  return directives.map((directive) => directive.join(' ')).join('; ');
}

/** The bridge socket of a web host on `port` (electron/web-host). */
export function webHostConnectSources(port: number): string[] {
  return [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`];
}

/** Any loopback bridge: the meta tag is written at build time, before a port exists; each host's header narrows it to its own port. */
export const anyBridgeConnectSources: readonly string[] = ['ws://127.0.0.1:*', 'ws://localhost:*'];

/** Electron's window talks to main over IPC and opens no socket of its own. */
export const electronConnectSources: readonly string[] = [];
