import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A launch page on disk: a file only this user can read. */
export interface LaunchPage {
  /** What the browser opener gets on its command line: a path, no secret. */
  readonly path: string;
  /** Deletes the page and its folder; safe to call twice. */
  remove(): Promise<void>;
}

/**
 * How `frameline ui` opens the browser without putting a secret on a command line (where every
 * local user can read it, e.g. in `ps`): the launch link goes into an HTML file in a fresh
 * folder only this user can enter (0700, the file 0600), and the opener is given the file's path.
 * The page forwards to the link at once; the link's code works once, and the file is deleted as
 * soon as the code is spent, or when `frameline ui` stops.
 */
export async function writeLaunchPage(launchUrl: string): Promise<LaunchPage> {
  const directory = await mkdtemp(join(tmpdir(), 'frameline-ui-'));
  const path = join(directory, 'open-frameline.html');
  await writeFile(path, launchPageHtml(launchUrl), { mode: 0o600, flag: 'wx' });
  return { path, remove: () => rm(directory, { recursive: true, force: true }) };
}

function launchPageHtml(launchUrl: string): string {
  const href = escapeAttribute(launchUrl);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0;url=${href}">
<title>Opening Frameline</title>
</head>
<body>
<p>Opening Frameline… If nothing happens, <a href="${href}">open it here</a>.</p>
</body>
</html>
`;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
