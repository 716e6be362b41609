import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findExecutable } from '../harness/find-executable.js';

/** Screenshots land here as test artifacts (git-ignored). */
export const artifacts = join(process.cwd(), 'test-results', 'e2e');

/** Debian's Chromium, headless, with the flags a closed network needs (DESIGN.md environment facts); playwright gives it a fresh profile. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: findExecutable('chromium') ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
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
