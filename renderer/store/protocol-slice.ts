import type { ProtocolChoice } from '../../shared/app-protocol/protocol-choice.js';
import type { FrameProtocol, PayloadFormatChoice, PayloadViewJson, ProtocolInput } from '../../shared/contract/api-protocol.js';
import { errorMessage, patchSlice } from './types.js';
import type { GetApp, SetApp } from './types.js';

/** The detail of one frame in protocol terms, loaded when it is selected. */
export interface FrameProtocolDetail {
  readonly sessionId: string;
  readonly seq: number;
  readonly frame: FrameProtocol | null;
  readonly payloadViews: readonly PayloadViewJson[];
}

/**
 * The application-protocol side of the window: the selected frame's protocol messages and payload
 * views, the payload format chosen for the active session, the protocol composer (open or not, and
 * what it last failed with), and the commands that change the session's protocol layer.
 */
export interface ProtocolSlice {
  readonly detail: FrameProtocolDetail | null;
  readonly isLoading: boolean;
  readonly payloadChoice: PayloadFormatChoice;
  /** Message types of the chosen `.proto` file. */
  readonly messageTypes: readonly string[];
  /** True while the composer shows the protocol form instead of the raw modes. */
  readonly isComposing: boolean;
  readonly error: string | null;
  readonly isSending: boolean;
  /** How many protocol messages the composer sent (a status line). */
  readonly lastSent: string | null;
  /** Loads the protocol messages and payload views of `seq` in the active session. */
  load(seq: number): Promise<void>;
  setComposing(isComposing: boolean): void;
  /** Sends structured input through the session's protocol encoder; false when main refused it. */
  send(input: ProtocolInput, label: string): Promise<boolean>;
  setDuties(isEnabled: boolean): Promise<void>;
  setChoice(choice: ProtocolChoice): Promise<void>;
  setPayloadChoice(choice: PayloadFormatChoice): Promise<void>;
}

/** The protocol slice. */
export function createProtocolSlice(set: SetApp, get: GetApp): ProtocolSlice {
  const patch = (value: Partial<ProtocolSlice> | ((slice: ProtocolSlice) => Partial<ProtocolSlice>)): void => patchSlice(set, 'protocol', value);
  const activeId = (): string | null => get().sessions.activeId;
  const report = (error: unknown): void => patch({ error: errorMessage(error) });

  const load = async (seq: number): Promise<void> => {
    const sessionId = activeId();
    if (sessionId === null) return;
    patch({ isLoading: true });
    try {
      const [frame, payloadViews] = await Promise.all([get().api.getProtocolMessages(sessionId, seq), get().api.getPayloadViews(sessionId, seq)]);
      // A newer selection may have finished first.
      if (get().timeline.selectedSeq === seq && activeId() === sessionId) patch({ detail: { sessionId, seq, frame, payloadViews }, error: null });
    } catch (error) {
      report(error);
    } finally {
      patch({ isLoading: false });
    }
  };

  return {
    detail: null,
    isLoading: false,
    payloadChoice: { format: 'auto' },
    messageTypes: [],
    isComposing: false,
    error: null,
    isSending: false,
    lastSent: null,
    load,

    setComposing(isComposing) {
      patch({ isComposing, error: null });
    },

    async send(input, label) {
      const sessionId = activeId();
      if (sessionId === null) return false;
      patch({ isSending: true, error: null });
      try {
        const { messages } = await get().api.sendProtocol(sessionId, input);
        patch({ lastSent: `${label} (${messages})` });
        return true;
      } catch (error) {
        report(error);
        return false;
      } finally {
        patch({ isSending: false });
      }
    },

    async setDuties(isEnabled) {
      const sessionId = activeId();
      if (sessionId === null) return;
      try {
        await get().api.setProtocolDuties(sessionId, isEnabled);
      } catch (error) {
        report(error);
      }
    },

    async setChoice(choice) {
      const sessionId = activeId();
      if (sessionId === null) return;
      try {
        await get().api.setProtocol(sessionId, choice);
        // Rows carry the new protocol column: the view is fetched again.
        get().timeline.showSession(sessionId);
      } catch (error) {
        report(error);
      }
    },

    async setPayloadChoice(choice) {
      const sessionId = activeId();
      patch({ payloadChoice: choice });
      if (sessionId === null) return;
      try {
        const { messageTypes } = await get().api.setPayloadFormat(sessionId, choice);
        patch({ messageTypes, error: null });
        const seq = get().timeline.selectedSeq;
        if (seq !== null) await load(seq);
      } catch (error) {
        report(error);
      }
    },
  };
}
