import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { rendererDirectory } from '../../electron/app-paths.js';
import { FramelineEngine } from '../../electron/engine/api/engine.js';
import { startWebHost, type WebHost } from '../../electron/web-host/web-host.js';
import { findExecutable } from '../harness/find-executable.js';
import { createTempDir, type TempDir } from '../harness/temp-dir.js';

/** Screenshots land here as test artifacts (git-ignored). */
export const artifacts = join(process.cwd(), 'test-results', 'e2e');

/** Debian's Chromium, headless, with the flags a closed network needs (DESIGN.md environment facts); playwright gives it a fresh profile. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: findExecutable('chromium') ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/** `frameline ui` as a user gets it: an engine with its own data and export folders, the web host, and a page on its URL. */
export interface InspectorFixture {
  readonly temp: TempDir;
  readonly engine: FramelineEngine;
  readonly host: WebHost;
  readonly browser: Browser;
  readonly page: Page;
  /** Stops everything, in the reverse order. */
  close(): Promise<void>;
}

/** How the page is opened: the browser's language (what `navigator.language` says), the window size, and which built renderer is served. */
export interface InspectorOptions {
  readonly locale?: string;
  readonly viewport?: { readonly width: number; readonly height: number };
  /** A renderer build other than dist/renderer (the pseudo-locale build). */
  readonly rendererDirectory?: string;
}

/** Starts the engine and web host on loopback and opens the printed URL in Chromium, at 1440×900 in English unless told otherwise. */
export async function openInspector(tempPrefix: string, options: InspectorOptions = {}): Promise<InspectorFixture> {
  mkdirSync(artifacts, { recursive: true });
  const temp = createTempDir(tempPrefix);
  const engine = new FramelineEngine({ dataDirectory: temp.file('data') });
  const host = await startWebHost({ engine, rendererDirectory: options.rendererDirectory ?? rendererDirectory() });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1440, height: 900 }, locale: options.locale ?? 'en-US' });
  await page.goto(host.launchUrl());
  return {
    temp,
    engine,
    host,
    browser,
    page,
    close: async () => {
      await browser.close();
      await engine.dispose();
      await host.close();
      temp.remove();
    },
  };
}

/** Types the URL and presses Connect. */
export async function connect(page: Page, url: string): Promise<void> {
  await page.getByRole('textbox', { name: 'URL' }).fill(url);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
}

/** Types into the composer's monaco editor and sends with the Send button. */
export async function sendText(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('region', { name: 'Composer' });
  await composer.getByRole('button', { name: 'Text', exact: true }).click();
  await composer.locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
  await composer.getByRole('button', { name: 'Send', exact: true }).click();
}

/** The timeline grid. */
export function frames(page: Page) {
  return page.getByRole('grid', { name: 'Frames' });
}
