import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { build, type Plugin } from 'vite';
import { packageRoot } from '../../electron/app-paths.js';

const accents: Readonly<Record<string, string>> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((letter, index) => [letter, [...'åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][index]!]),
);

// What i18next reads inside a value and must find unchanged: placeholders with their formats, and nesting.
const syntax = /(\{\{[^}]*\}\}|\$t\([^)]*\))/;

/** One catalogue value pseudo-localised: letters accented outside placeholders, the whole wrapped in ⟦…⟧. */
export function pseudoLocalise(text: string): string {
  const parts = text.split(syntax).map((part) => (syntax.test(part) ? part : part.replace(/[A-Za-z]/g, (letter) => accents[letter]!)));
  return `⟦${parts.join('')}⟧`;
}

/** A whole catalogue tree pseudo-localised, keys and placeholders kept. */
export function pseudoCatalogue(tree: unknown): unknown {
  if (typeof tree === 'string') return pseudoLocalise(tree);
  return Object.fromEntries(Object.entries(tree as Record<string, unknown>).map(([key, value]) => [key, pseudoCatalogue(value)]));
}

/** Serves the English catalogues pseudo-localised, generated from the files as they are now (no third catalogue is kept). */
function pseudoCatalogues(): Plugin {
  return {
    name: 'frameline-pseudo-catalogues',
    enforce: 'pre',
    load(id) {
      if (!/[\\/]shared[\\/]i18n[\\/]locales[\\/]en[\\/][\w-]+\.json$/.test(id)) return null;
      return JSON.stringify(pseudoCatalogue(JSON.parse(readFileSync(id, 'utf8'))));
    },
  };
}

/** Builds the window into `outDir` with its English catalogues pseudo-localised (the browser's English then shows ⟦Ðîåĝñöšé⟧). */
export async function buildPseudoRenderer(outDir: string): Promise<void> {
  await build({
    configFile: join(packageRoot(), 'renderer', 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
    plugins: [pseudoCatalogues()],
  });
}

/**
 * The visible text under `root` that did not come from a catalogue: text nodes with Latin letters
 * left once every ⟦…⟧ is taken out. Data is exempt: code, pre, `.mono`, form fields, the editor, what
 * HTML marks `translate="no"` (wire data, names the user gave), and a number with its unit ("27 ms").
 * Sentences main wrote (`data-engine-text`) are left out here and listed by `engineText`.
 */
export async function unlocalisedText(root: Locator): Promise<string[]> {
  return root.evaluateAll((roots) => {
    const found = new Set<string>();
    const isData = (element: Element | null): boolean => element?.closest('code, pre, .mono, [translate="no"], [data-engine-text], input, textarea, select, .monaco-editor, script, style') != null;
    for (const scope of roots) {
      const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        const parent = node.parentElement;
        if (text.trim() === '' || parent === null || isData(parent) || !parent.checkVisibility()) continue;
        let rest = text;
        while (/⟦[^⟦⟧]*⟧/.test(rest)) rest = rest.replace(/⟦[^⟦⟧]*⟧/g, ' ');
        rest = rest.replace(/\b\d+(\.\d+)?\s?(ms|s)\b/g, ' ');
        if (/[A-Za-z]/.test(rest)) found.add(text.trim());
      }
    }
    return [...found];
  });
}

/** The sentences under `root` that main wrote in English (`data-engine-text`): the known gap, listed rather than failed. */
export async function engineText(root: Locator): Promise<string[]> {
  return root.evaluateAll((roots) => [...new Set(roots.flatMap((scope) => Array.from(scope.querySelectorAll('[data-engine-text]')).map((element) => element.textContent?.trim() ?? '').filter((text) => /[A-Za-z]/.test(text))))]);
}
