import { relayConnectionSchema } from '../../../shared/contract/api-relay.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import type { WorkspaceView } from '../../store/workspace-slice.js';

/**
 * Whether the settings drawer in `view` shows the option `key`: the Relay view's drawer only what
 * the relay's upstream connection takes (`relayConnectionSchema`), not what it passes on from the
 * client's own request (subprotocols, Origin, the permessage-deflate offer) or leaves to the two ends.
 */
export function isDrawerOption(view: WorkspaceView, key: keyof SessionOptions): boolean {
  return view !== 'relay' || key in relayConnectionSchema.shape;
}
