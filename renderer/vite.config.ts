import { defineConfig } from 'vite';

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

export default defineConfig({
  root: here,
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: `${here}/../dist/renderer`,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 6000,
  },
  worker: { format: 'es' },
});
