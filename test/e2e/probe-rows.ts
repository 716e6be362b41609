import type { Page } from 'playwright-core';

/** The titles of a Doctor probes list's finished rows and of its running one, as the window shows them now. */
export async function probeRows(page: Page, listName: string): Promise<{ finished: string[]; running: string[] }> {
  const list = page.getByRole('list', { name: listName });
  return {
    finished: await list.locator('li.probe:not(.probe-running) .probe-title').allTextContents(),
    running: await list.locator('li.probe-running .probe-title').allTextContents(),
  };
}
