import { z } from 'zod';
import { englishText } from '../i18n/english-text.js';
import { errorText } from '../i18n/message-error.js';
import { fieldIssueText, issueText } from '../i18n/schema-issue-text.js';
import { isCommandName } from './api.js';
import { messageSchema } from './message-schema.js';

/**
 * The JSON messages of the web bridge (`frameline ui`): the page calls commands by name with
 * positional arguments, the host answers each call once, and pushes events. The host validates
 * `args` with `commandSchemas[command].args` before running anything.
 */

/**
 * The web host's paths, for both ends (electron/web-host and renderer/api/bridge-api.ts):
 * - `socket`: the bridge WebSocket, `?token=` the bridge token;
 * - `check`: after a refused socket, 204 when `?token=` is the one and 403 when not (a browser
 *   hides an upgrade's 403 from the page, which sees only close code 1006);
 * - `token`: POST `{"code"}` trades a one-time launch code for the bridge token;
 * - `download`: GET `?id=` streams a prepared export once. The id is the capability: only the
 *   bridge hands it out (`exportCapture`), it is random, works once and expires, so the token
 *   never goes into a download's URL (which a browser keeps in its downloads list).
 */
export const bridgePaths = { socket: '/bridge', check: '/bridge-check', token: '/bridge-token', download: '/download' } as const;

/** The fragment parameter of a launch link (`/#code=…`) that carries its one-time code. */
export const launchCodeParameter = 'code';

/** The body of a POST to `bridgePaths.token`, and its answer. */
export const tokenExchangeSchema = z.object({ code: z.string().min(1).max(200) });
/** The answer to a successful exchange. */
export const tokenAnswerSchema = z.object({ token: z.string().min(1) });

/** page → host: run one command. `id` is chosen by the page and echoed in the answer. */
export const bridgeCallSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().min(0),
  command: z.string().refine(isCommandName, { message: 'unknown command' }),
  args: z.array(z.unknown()),
});

/**
 * A failure the page can show: `message` in English, `i18n` the same sentence as a message when the
 * engine worded it as one (shown in the reader's language), `field` the dotted path of a bad argument.
 */
export const bridgeErrorSchema = z.object({ message: z.string(), i18n: messageSchema.optional(), field: z.string().optional() });

/** host → page: the answer to one call, or an event. */
export const bridgeServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), id: z.number().int().min(0), result: z.unknown() }),
  z.object({ type: z.literal('error'), id: z.number().int().min(0), error: bridgeErrorSchema }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);

export type BridgeCall = z.output<typeof bridgeCallSchema>;
export type BridgeError = z.output<typeof bridgeErrorSchema>;
export type BridgeServerMessage = z.output<typeof bridgeServerMessageSchema>;
export type BridgeMessage = BridgeCall | BridgeServerMessage;

/** Turns a validation failure into a bridge error naming the first bad field (e.g. `args.1.code`), worded as a message too; an engine error keeps its message. */
export function toBridgeError(error: unknown): BridgeError {
  if (error instanceof z.ZodError) {
    const issue = error.issues[0];
    if (!issue) return { message: 'invalid arguments' };
    const problem = issueText(issue);
    if (issue.path.length === 0) return { message: englishText(problem), i18n: problem };
    const field = issue.path.join('.');
    return { message: englishText(problem), i18n: fieldIssueText(field, issue), field };
  }
  const text = errorText(error);
  const message = error instanceof Error ? error.message : String(error);
  return text === undefined ? { message } : { message, i18n: text };
}
