import { launchCodeParameter } from '../../shared/contract/bridge-protocol.js';
import type { FramelineUiProcess } from './frameline-ui.js';

/** What a client needs to open the bridge of a running `frameline ui`. */
export interface BridgeCredentials {
  readonly token: string;
}

/** Trades the one-time code of the link a `frameline ui` process printed for its bridge token, as the page does. */
export async function bridgeCredentials(ui: FramelineUiProcess): Promise<BridgeCredentials> {
  const link = new URL(ui.printedUrl);
  const code = new URLSearchParams(link.hash.slice(1)).get(launchCodeParameter);
  if (!code) throw new Error(`no launch code in ${ui.printedUrl}`);
  const response = await fetch(`${link.origin}/bridge-token`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: link.origin }, body: JSON.stringify({ code }) });
  if (!response.ok) throw new Error(`the code of ${ui.printedUrl} was refused: ${response.status}`);
  return (await response.json()) as BridgeCredentials;
}
