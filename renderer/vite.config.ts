import { defineConfig, type Plugin } from 'vite';
import { anyBridgeConnectSources, contentSecurityPolicy } from '../shared/security/content-security-policy.js';

/**
 * Builds the view into dist/renderer. `base: './'` keeps asset URLs relative so Electron can load
 * the files from disk and `frameline ui` can serve them from any path. monaco and its two
 * workers (editor, json) are bundled here; nothing is fetched from a CDN.
 */
const here = filePath(new URL('.', import.meta.url)).replace(/\/$/, '');

/** A file URL as a path, without Node's `url` module (the renderer layer may not import Node). */
function filePath(url: URL): string {
  const path = decodeURIComponent(url.pathname);
  return /^\/[A-Za-z]:/.test(path) ? path.slice(1) : path;
}

/** Where index.html wants the policy's meta tag: before any script or style it must cover. */
export const policyMarker = '<!-- frameline:content-security-policy (the build writes the meta tag of the one policy here) -->';

/**
 * Writes the one Content-Security-Policy into index.html (issue 10: one builder for Electron's
 * main, the web host and index.html). Before a port exists the meta tag allows any loopback
 * bridge; each host's header narrows it to its own. A build without the marker fails.
 */
export function policyMetaTag(): Plugin {
  return {
    name: 'frameline-content-security-policy',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => {
        if (!html.includes(policyMarker)) throw new Error(`index.html lacks ${policyMarker}`);
        const policy = contentSecurityPolicy({ delivery: 'meta', connectSources: anyBridgeConnectSources });
        return html.replace(policyMarker, `<meta http-equiv="Content-Security-Policy" content="${policy}" />`);
      },
    },
  };
}

export default defineConfig({
  root: here,
  base: './',
  plugins: [policyMetaTag()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: `${here}/../dist/renderer`,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 6000,
  },
  worker: { format: 'es' },
});
