import { listenerOptionsSchema } from '../../shared/contract/api-listen.js';
import { message, type Message } from '../../shared/i18n/message.js';
import { fieldIssueText } from '../../shared/i18n/schema-issue-text.js';

/** The listener's heartbeat as the contract takes it, or the first problem with what was typed. */
export type TypedHeartbeat = { readonly pingIntervalMs: number; readonly pongTimeoutMs: number } | { readonly problem: Message };

/**
 * The ping interval and pong timeout typed in the Listen form (empty: 0, off), checked by the
 * contract's own field schemas so the window takes exactly what `startListener` does; a refused
 * value is worded by `issueText` after the field's label. As with `frameline listen`, a pong
 * timeout without a ping interval is refused: the wait for a pong starts at our ping.
 */
export function typedHeartbeat(form: { readonly pingIntervalMs: string; readonly pongTimeoutMs: string }): TypedHeartbeat {
  const { pingIntervalMs, pongTimeoutMs } = listenerOptionsSchema.shape;
  const ping = pingIntervalMs.safeParse(typedNumber(form.pingIntervalMs));
  if (!ping.success) return { problem: fieldIssueText(message('listen:heartbeat.pingIntervalLabel'), ping.error.issues[0]!) };
  const pong = pongTimeoutMs.safeParse(typedNumber(form.pongTimeoutMs));
  if (!pong.success) return { problem: fieldIssueText(message('listen:heartbeat.pongTimeoutLabel'), pong.error.issues[0]!) };
  if (pong.data > 0 && ping.data === 0) return { problem: message('listen:problem.pongTimeoutNeedsPing') };
  return { pingIntervalMs: ping.data, pongTimeoutMs: pong.data };
}

/** Empty is 0 (off); a decimal number is read as typed (the schema refuses a fraction or a negative); anything else is NaN, which the schema refuses too. */
function typedNumber(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  return /^-?(\d+(\.\d*)?|\.\d+)$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}
