import type { FramelineUiProcess } from './frameline-ui.js';

/** What a client needs to open the bridge of a running `frameline ui`. */
export interface BridgeCredentials {
  readonly token: string;
}

/** The bridge token of a `frameline ui` process, taken from the URL it printed. */
export async function bridgeCredentials(ui: FramelineUiProcess): Promise<BridgeCredentials> {
  const token = new URL(ui.printedUrl).searchParams.get('token');
  if (!token) throw new Error(`no token in ${ui.printedUrl}`);
  return { token };
}
