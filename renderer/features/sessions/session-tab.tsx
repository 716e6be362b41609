import { memo, useEffect, useRef, useState } from 'react';
import type { DragEvent, KeyboardEvent, MouseEvent } from 'react';
import type { SessionSummary } from '../../../shared/contract/api-session.js';
import { closedMessage } from '../../../shared/i18n/event-text.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { visibleText } from '../../../shared/text/visible-text.js';
import type { Translate } from '../../lib/text.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { Menu } from '../../widgets/menu.js';
import type { PopupAnchor } from '../../widgets/popup-position.js';
import { SESSION_STATE_WORDS, sessionLabel } from './session-label.js';
import { tabMenuItems } from './tab-commands.js';
import { useLiveText } from './use-live-text.js';

/** Where a session came from, when not from Connect. */
function OriginBadge({ summary, t }: { summary: SessionSummary; t: Translate }) {
  const origin = summary.origin;
  if (origin?.kind === 'doctor') return <span className="badge">{t('sessions:origin.doctor', { probe: origin.probe })}</span>;
  if (origin?.kind === 'listen') return <span className="badge">{t('sessions:origin.listen', { connection: origin.connection })}</span>;
  if (origin?.kind === 'relay') return <span className="badge">{t('sessions:origin.relay', { connection: origin.connection })}</span>;
  if (origin?.kind === 'fanout') return <span className="badge">{t('sessions:origin.fanout', { client: origin.client })}</span>;
  if (origin?.kind === 'conformance') return <span className="badge">{t('sessions:origin.conformance', { caseId: origin.caseId })}</span>;
  return summary.readOnly ? <span className="badge">{t('sessions:origin.imported')}</span> : null;
}

/** The tab's tooltip: URL, state, why it ended, frame counts. */
function tabTitle(summary: SessionSummary, t: Translate): string {
  const lines = [visibleText(summary.url), t(SESSION_STATE_WORDS[summary.state])];
  if (summary.closed?.message) lines[1] += ` · ${visibleText(renderMessage(t, closedMessage(summary.closed)))}`;
  lines.push(t('sessions:tab.frames', { sent: summary.counts.framesOut, received: summary.counts.framesIn }));
  return lines.join('\n');
}

/** The inline field that renames a tab: Enter keeps the name, Escape or leaving without change cancels. */
function RenameField({ summary, onDone }: { summary: SessionSummary; onDone: () => void }) {
  const t = useT();
  const [name, setName] = useState(summary.name ?? '');
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  const commit = (): void => {
    void getAppStore().getState().sessions.rename(summary.id, name);
    onDone();
  };
  return (
    <input
      ref={ref}
      className="tab-rename"
      aria-label={t('sessions:tab.renameLabel')}
      placeholder={sessionLabel({ url: summary.url })}
      value={name}
      onChange={(event) => setName(event.target.value)}
      onBlur={commit}
      onClick={(event) => event.stopPropagation()}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === 'Enter') commit();
        if (event.key === 'Escape') onDone();
      }}
    />
  );
}

interface SessionTabProps {
  readonly id: string;
  readonly isActive: boolean;
  /** Arrow keys, Delete and F2 on a tab are handled by the strip, which knows the neighbours. */
  readonly onKeyDown: (event: KeyboardEvent<HTMLDivElement>, id: string) => void;
  readonly isRenaming: boolean;
  readonly onRenameDone: () => void;
  readonly onRename: (id: string) => void;
  readonly onDropOn: (draggedId: string, targetId: string, isAfter: boolean) => void;
}

/**
 * One session tab: state, label (or the name the user gave it), status, origin, elapsed time and
 * record count, and a close button. Middle click closes, right click (or Shift+F10) opens its menu,
 * and it can be dragged to another place in the strip.
 */
export const SessionTab = memo(function SessionTab({ id, isActive, onKeyDown, isRenaming, onRenameDone, onRename, onDropOn }: SessionTabProps) {
  const t = useT();
  const summary = useApp((state) => state.sessions.byId[id]);
  const { elapsedRef, countRef } = useLiveText(summary);
  const [menuAnchor, setMenuAnchor] = useState<PopupAnchor | null>(null);
  const tabRef = useRef<HTMLDivElement>(null);
  if (!summary) return null;
  const isFailed = summary.statusCode !== null && summary.statusCode !== 101;
  const isConnectFailure = summary.state === 'closed' && summary.statusCode === null && summary.closed?.message !== undefined && summary.origin?.kind !== 'listen';
  // A URL or a name can carry bidi controls that would disguise the tab: their escapes show instead.
  const label = visibleText(sessionLabel(summary));
  const { sessions } = getAppStore().getState();

  const onAuxClick = (event: MouseEvent): void => {
    if (event.button !== 1) return;
    event.preventDefault();
    void sessions.close([id]);
  };
  const onContextMenu = (event: MouseEvent): void => {
    event.preventDefault();
    setMenuAnchor({ kind: 'point', x: event.clientX, y: event.clientY });
  };
  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    const dragged = event.dataTransfer.getData('application/x-frameline-tab');
    if (!dragged || dragged === id) return;
    event.preventDefault();
    const rect = event.currentTarget.getBoundingClientRect();
    onDropOn(dragged, id, event.clientX > rect.left + rect.width / 2);
  };

  return (
    <div
      ref={tabRef}
      role="tab"
      id={`tab-${id}`}
      aria-selected={isActive}
      tabIndex={isActive ? 0 : -1}
      className={`session-tab state-${summary.state}${isFailed || isConnectFailure ? ' failed' : ''}`}
      title={tabTitle(summary, t)}
      draggable={!isRenaming}
      onClick={() => sessions.select(id)}
      onAuxClick={onAuxClick}
      onMouseDown={(event) => event.button === 1 && event.preventDefault()}
      onDoubleClick={() => onRename(id)}
      onContextMenu={onContextMenu}
      onKeyDown={(event) => {
        if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
          event.preventDefault();
          setMenuAnchor({ kind: 'below', rect: event.currentTarget.getBoundingClientRect(), align: 'start' });
          return;
        }
        onKeyDown(event, id);
      }}
      onDragStart={(event) => {
        event.dataTransfer.setData('application/x-frameline-tab', id);
        event.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('application/x-frameline-tab')) event.preventDefault();
      }}
      onDrop={onDrop}
    >
      <span className="state-dot" aria-hidden="true" />
      {isRenaming ? <RenameField summary={summary} onDone={onRenameDone} /> : <span className="tab-label" translate="no">{label}</span>}
      {isFailed && <span className="status-pill bad">{summary.statusCode}</span>}
      <OriginBadge summary={summary} t={t} />
      <span className="tab-meta">
        <span className="visually-hidden">{t(SESSION_STATE_WORDS[summary.state])}</span>
        <span ref={elapsedRef} />
        {' · '}
        <span ref={countRef} />
      </span>
      <button
        type="button"
        className="tab-close"
        tabIndex={-1}
        aria-label={t('sessions:tab.closeNamed', { name: label })}
        title={t('sessions:tab.close')}
        onClick={(event) => {
          event.stopPropagation();
          void sessions.close([id]);
        }}
      >
        ×
      </button>
      {menuAnchor && <Menu label={t('sessions:menu.label', { name: label })} items={tabMenuItems(id, t, () => onRename(id))} anchor={menuAnchor} onClose={() => setMenuAnchor(null)} returnFocus={tabRef.current} />}
    </div>
  );
});
