import { randomBytes } from 'node:crypto';

/**
 * One-time codes that a launch link carries instead of the bridge token (`/#code=…`). A page
 * trades its code for the token once; the code is then spent, so a link that stays in the
 * browser's history, a synced history or a screenshot opens nothing. 192 random bits each.
 */
export class LaunchCodes {
  private readonly live = new Map<string, (() => void) | undefined>();

  /** A fresh code; `onRedeemed` runs once, when a page trades it. */
  issue(onRedeemed?: () => void): string {
    const code = randomBytes(24).toString('base64url');
    this.live.set(code, onRedeemed);
    return code;
  }

  /** Spends a code: true the first time for a code we issued, false ever after and for any other. */
  redeem(code: string): boolean {
    if (!this.live.has(code)) return false;
    const onRedeemed = this.live.get(code);
    this.live.delete(code);
    onRedeemed?.();
    return true;
  }
}
