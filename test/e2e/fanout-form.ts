import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** The Fan-out view's names a test finds its controls by, in the UI's language. */
export interface FanoutFormLabels {
  readonly view: string;
  readonly fanout: string;
  readonly url: string;
  readonly clients: string;
  readonly protocol: string;
}

/** Opens the Fan-out view and fills its URL, client count and protocol; returns the form for the rest. */
export async function fillFanoutForm(page: Page, labels: FanoutFormLabels, run: { url: string; clients: number; protocol: string }): Promise<Locator> {
  await page.getByRole('tablist', { name: labels.view }).getByRole('tab', { name: labels.fanout, exact: true }).click();
  const bar = page.locator('form.fanout-bar');
  await bar.getByRole('textbox', { name: labels.url }).fill(run.url);
  await bar.getByRole('textbox', { name: labels.clients, exact: true }).fill(String(run.clients));
  await bar.getByRole('combobox', { name: labels.protocol }).selectOption(run.protocol);
  return bar;
}

/** Waits (up to 30 s) until the totals table shows `delivered` (`"120/120"`) and returns it. */
export async function totalsShowing(page: Page, delivered: string): Promise<Locator> {
  const totals = page.locator('table.fanout-table').first();
  await expect.poll(async () => ((await totals.count()) > 0 ? await totals.textContent() : ''), { timeout: 30_000 }).toContain(delivered);
  return totals;
}
