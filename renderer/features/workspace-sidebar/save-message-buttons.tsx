import { decodeBase64 } from '../../../shared/protocol/base64.js';
import type { ProtocolInput } from '../../../shared/contract/api-protocol.js';
import type { FrameRecordJson } from '../../../shared/contract/records.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import type { MessageDraft } from '../../store/workspace-files-slice.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** "Save to workspace" in the composer: the message as typed (mode, encoding, text) becomes a saved message. */
export function SaveComposerMessageButton() {
  const t = useT();
  const hasWorkspace = useApp((state) => state.workspaceFiles.view !== null);
  return (
    <button
      type="button"
      disabled={!hasWorkspace}
      title={t('workspace:sidebar.saveComposerTitle')}
      onClick={() => {
        const state = getAppStore().getState();
        const { composer } = state;
        const count = (state.workspaceFiles.view?.connections.reduce((total, connection) => total + connection.messages.length, 0) ?? 0) + 1;
        const name = t('workspace:sidebar.savedName', { count });
        // Each mode has its own encoding; a close in `text` is the code and reason fields, else its raw body.
        const encoding = composer.encodings[composer.mode];
        const draft: MessageDraft =
          composer.mode === 'close' && encoding === 'text'
            ? { name, description: '', kind: 'raw', mode: 'close', encoding: 'text', text: composer.closeReason, ...(composer.closeCode.trim() !== '' && Number.isInteger(Number(composer.closeCode)) ? { closeCode: Number(composer.closeCode) } : {}) }
            : { name, description: '', kind: 'raw', mode: composer.mode, encoding, text: composer.drafts[composer.mode] };
        void state.workspaceFiles.saveMessage(draft);
      }}
    >
      {t('workspace:sidebar.saveComposer')}
    </button>
  );
}

/**
 * "Save to workspace" in the composer's protocol mode: the form's current input (for example a
 * Socket.IO event with its arguments as typed) becomes a protocol-mode saved message, sent again
 * through the protocol's encoder.
 */
export function SaveProtocolMessageButton({ build }: { build: () => { readonly input: ProtocolInput; readonly label: string } | undefined }) {
  const t = useT();
  const hasWorkspace = useApp((state) => state.workspaceFiles.view !== null);
  return (
    <button
      type="button"
      disabled={!hasWorkspace}
      title={t('workspace:sidebar.saveComposerTitle')}
      onClick={() => {
        const built = build();
        if (built === undefined) return;
        void getAppStore().getState().workspaceFiles.saveMessage({ name: built.label, description: '', kind: 'protocol', protocol: built.input.protocol, message: built.input.input });
      }}
    >
      {t('workspace:sidebar.saveComposer')}
    </button>
  );
}

/** "Save message" on the selected timeline row: a text frame's text (JSON when it parses), else its bytes as hex. */
export function SaveRecordMessageButton({ record }: { record: FrameRecordJson }) {
  const t = useT();
  const hasWorkspace = useApp((state) => state.workspaceFiles.view !== null);
  if (record.opcode !== 1 && record.opcode !== 2 && record.opcode !== 0) return null;
  return (
    <button
      type="button"
      disabled={!hasWorkspace}
      title={t('workspace:sidebar.saveRecordTitle')}
      onClick={() => void getAppStore().getState().workspaceFiles.saveMessage(draftOf(record, t('workspace:sidebar.savedFromRecord', { seq: record.seq })))}
    >
      {t('workspace:sidebar.saveRecord')}
    </button>
  );
}

function draftOf(record: FrameRecordJson, name: string): MessageDraft {
  const bytes = decodeBase64(record.inflatedPayload ?? record.payload) ?? new Uint8Array(0);
  if (record.opcode !== 2) {
    try {
      const text = strictUtf8.decode(bytes);
      return { name, description: '', kind: 'raw', mode: isJson(text) ? 'json' : 'text', encoding: 'text', text };
    } catch {
      // Not UTF-8: kept as bytes below.
    }
  }
  return { name, description: '', kind: 'raw', mode: 'binary', encoding: 'hex', text: Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ') };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return text.trim().startsWith('{') || text.trim().startsWith('[');
  } catch {
    return false;
  }
}
