import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { artifacts } from './browser.js';

/** Switches the composer to its protocol mode (the button is named after the detected protocol). */
export async function protocolComposer(page: Page, buttonName: string): Promise<void> {
  const composer = page.getByRole('region', { name: 'Composer' });
  const button = composer.getByRole('button', { name: buttonName, exact: true });
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  await composer.getByRole('form', { name: 'Protocol composer' }).waitFor();
}

/** Fills the protocol composer (selects first, then text fields, by label) and presses its Send. */
export async function composeProtocol(page: Page, selects: Record<string, string>, fields: Record<string, string>): Promise<void> {
  const form = page.getByRole('form', { name: 'Protocol composer' });
  for (const [label, value] of Object.entries(selects)) await form.getByLabel(label, { exact: true }).selectOption({ label: value });
  for (const [label, value] of Object.entries(fields)) await form.getByLabel(label, { exact: true }).fill(value);
  await form.getByRole('button', { name: 'Send', exact: true }).click();
  await followTail(page);
}

/** Keeps the newest rows in view (the grid renders only the rows on screen). */
export async function followTail(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: 'Follow tail' });
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
}

/** The frame detail region. */
export function protocolDetail(page: Page): Locator {
  return page.getByRole('region', { name: 'Frame detail' });
}

/** Screenshots of the window 1024 and 1920 px wide (test artifacts), then back to the fixture's size. */
export async function screenshotBoth(page: Page, name: string): Promise<void> {
  for (const [width, height] of [[1024, 768], [1920, 1080]] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(artifacts, `protocols-${name}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}
