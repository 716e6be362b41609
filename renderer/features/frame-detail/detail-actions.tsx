import { useRef, useState } from 'react';
import type { FrameRecordJson } from '../../../shared/contract/records.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { rowAt } from '../../store/page-cache.js';
import { Menu, type MenuItem } from '../../widgets/menu.js';
import type { PopupAnchor } from '../../widgets/popup-position.js';
import { draftFromPayload, resendRequest } from '../composer/draft-from-payload.js';
import { sendingRole } from '../composer/sending-role.js';
import { isListenedTimeline } from '../timeline/direction-words.js';
import { rowAsText } from '../timeline/row-text.js';
import { sendableSource } from './payload-source.js';
import { payloadAs } from './payload-text.js';

interface DetailActionsProps {
  readonly record: FrameRecordJson;
  /** What the views show: the frame's payload (inflated when compressed) or its whole message. */
  readonly bytes: Uint8Array;
  readonly isFragment: boolean;
  readonly showsMessage: boolean;
  readonly onShowMessage: (isShown: boolean) => void;
}

/** Loads the selected fragment's whole message if it is not there yet; resolves with what is loaded then. */
async function ensureMessage(record: FrameRecordJson) {
  const { timeline, api } = getAppStore().getState();
  if (timeline.message && timeline.message.firstSeq <= record.seq && record.seq <= timeline.message.lastSeq) return timeline.message;
  if (timeline.sessionId === null) return null;
  return api.getMessage(timeline.sessionId, record.seq);
}

/**
 * What can be done with the shown frame: copy its payload (text, hex, base64) or its row, send it
 * again or load it into the composer to edit (a fragment's whole message), and switch a fragment
 * between itself and the whole message.
 */
export function DetailActions({ record, bytes, isFragment, showsMessage, onShowMessage }: DetailActionsProps) {
  const t = useT();
  const canSend = useApp((state) => {
    const session = state.sessions.byId[state.sessions.activeId ?? ''];
    return session !== undefined && session.state === 'open' && !session.readOnly;
  });
  const [anchor, setAnchor] = useState<PopupAnchor | null>(null);
  const copyRef = useRef<HTMLButtonElement>(null);
  const { platform, sessions, composer, timeline } = getAppStore().getState();

  const copy = async (text: () => string, what: 'text' | 'hex' | 'base64' | 'row'): Promise<void> => {
    try {
      await platform.copyText(text());
      sessions.showNotice({ kind: 'info', message: (tr) => tr('frameDetail:copy.copied', { what: tr(COPY_WORDS[what]) }) });
    } catch (error) {
      sessions.reportError(error);
    }
  };
  const items = (): MenuItem[] => [
    { id: 'text', label: t('frameDetail:copy.text'), onSelect: () => void copy(() => payloadAs(bytes, 'text'), 'text') },
    { id: 'hex', label: t('frameDetail:copy.hex'), onSelect: () => void copy(() => payloadAs(bytes, 'hex'), 'hex') },
    { id: 'base64', label: t('frameDetail:copy.base64'), onSelect: () => void copy(() => payloadAs(bytes, 'base64'), 'base64') },
    {
      id: 'row',
      label: t('frameDetail:copy.row'),
      isGroupStart: true,
      onSelect: () => {
        const state = getAppStore().getState();
        const row = state.timeline.selectedIndex === null ? undefined : rowAt(state.timeline.pages, state.timeline.selectedIndex);
        const openedAtMs = state.sessions.byId[state.sessions.activeId ?? '']?.openedAt ?? 0;
        if (row) void copy(() => rowAsText(row, { openedAtMs, isListened: isListenedTimeline(state), t }), 'row');
      },
    },
  ];
  const activeSummary = () => {
    const current = getAppStore().getState().sessions;
    return current.byId[current.activeId ?? ''];
  };
  const source = async () => sendableSource(record, isFragment ? await ensureMessage(record) : null);

  return (
    <div className="toolbar detail-actions" role="toolbar" aria-label={t('frameDetail:actions.label')}>
      <button ref={copyRef} type="button" aria-haspopup="menu" aria-expanded={anchor !== null} onClick={(event) => setAnchor(anchor ? null : { kind: 'below', rect: event.currentTarget.getBoundingClientRect(), align: 'start' })}>
        {t('frameDetail:copy.button')}
      </button>
      {anchor && <Menu label={t('frameDetail:copy.menu')} items={items()} anchor={anchor} onClose={() => setAnchor(null)} returnFocus={copyRef.current} />}
      <button type="button" disabled={!canSend} title={canSend ? t('frameDetail:actions.resendTitle') : t('frameDetail:actions.cannotSend')} onClick={() => void source().then((each) => composer.sendRequest(resendRequest(each, sendingRole(activeSummary()))))}>
        {t('frameDetail:actions.resend')}
      </button>
      <button type="button" title={t('frameDetail:actions.editTitle')} onClick={() => void source().then((each) => composer.edit(draftFromPayload(each)))}>
        {t('frameDetail:actions.edit')}
      </button>
      {isFragment && (
        <div className="segmented" role="group" aria-label={t('frameDetail:scope.label')}>
          <button type="button" aria-pressed={!showsMessage} onClick={() => onShowMessage(false)}>{t('frameDetail:scope.frame')}</button>
          <button
            type="button"
            aria-pressed={showsMessage}
            onClick={() => {
              onShowMessage(true);
              timeline.loadMessage();
            }}
          >
            {t('frameDetail:scope.message')}
          </button>
        </div>
      )}
    </div>
  );
}

const COPY_WORDS = {
  text: 'frameDetail:copy.whatText',
  hex: 'frameDetail:copy.whatHex',
  base64: 'frameDetail:copy.whatBase64',
  row: 'frameDetail:copy.whatRow',
} as const;
