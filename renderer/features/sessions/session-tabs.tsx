import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, WheelEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { visibleText } from '../../../shared/text/visible-text.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { tabIds } from '../../store/sessions-slice.js';
import { Menu, type MenuItem } from '../../widgets/menu.js';
import type { PopupAnchor } from '../../widgets/popup-position.js';
import { ViewSwitch } from '../workspace/view-switch.js';
import { SESSION_STATE_WORDS, sessionLabel } from './session-label.js';
import { SessionTab } from './session-tab.js';
import { bulkItems } from './tab-commands.js';

/** Keeps the shown tab in view when it changes (a new session, a keyboard move, the tab list). */
function useActiveTabInView(activeId: string | null): void {
  useEffect(() => {
    if (activeId === null) return;
    document.getElementById(`tab-${activeId}`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [activeId]);
}

/** "All tabs": every tab by name, to jump to any of them, then the bulk closing commands. */
function AllTabsButton({ count }: { count: number }) {
  const t = useT();
  const [anchor, setAnchor] = useState<PopupAnchor | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const items = (): MenuItem[] => {
    const state = getAppStore().getState();
    const { sessions } = state;
    const tabs: MenuItem[] = tabIds(state).map((id) => {
      const summary = sessions.byId[id]!;
      return { id, label: `${id === sessions.activeId ? '● ' : ''}${visibleText(sessionLabel(summary))}`, shortcut: t(SESSION_STATE_WORDS[summary.state]), onSelect: () => sessions.select(id) };
    });
    const [first, ...rest] = bulkItems(t, null);
    return [...tabs, ...(first ? [{ ...first, isGroupStart: tabs.length > 0 }, ...rest] : [])];
  };
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="all-tabs"
        aria-haspopup="menu"
        aria-expanded={anchor !== null}
        title={t('sessions:tabs.allTabsTitle')}
        onClick={(event) => setAnchor(anchor ? null : { kind: 'below', rect: event.currentTarget.getBoundingClientRect(), align: 'end' })}
      >
        {t('sessions:tabs.allTabs', { count })}
      </button>
      {anchor && <Menu label={t('sessions:tabs.allTabsMenu')} items={items()} anchor={anchor} onClose={() => setAnchor(null)} returnFocus={buttonRef.current} />}
    </>
  );
}

/**
 * Sessions side by side as tabs. The strip scrolls sideways (the wheel scrolls it too) and never
 * widens the window; "All tabs" lists every one. Keyboard: arrows move between tabs, Home/End,
 * Delete closes, F2 renames, Alt+Shift+arrows move a tab; tabs can also be dragged. A diagnosis
 * opens several probe sessions: they stay out of the tabs (the Doctor links to them) unless shown.
 */
export function SessionTabs() {
  const t = useT();
  const activeId = useApp((state) => state.sessions.activeId);
  // Shallow-compared, so count updates (every records batch) do not re-render the tab list.
  const shown = useApp(useShallow(tabIds));
  const [renamingId, setRenamingId] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  useActiveTabInView(activeId);
  const { sessions } = getAppStore().getState();

  const focusTab = (id: string | undefined): void => {
    if (id === undefined) return;
    sessions.select(id);
    requestAnimationFrame(() => document.getElementById(`tab-${id}`)?.focus());
  };

  const onTabKeyDown = (event: KeyboardEvent<HTMLDivElement>, id: string): void => {
    const index = shown.indexOf(id);
    if (event.altKey && event.shiftKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      event.preventDefault();
      void sessions.move(id, index + (event.key === 'ArrowLeft' ? -1 : 1)).then(() => document.getElementById(`tab-${id}`)?.focus());
      return;
    }
    const moves: Record<string, number> = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: shown.length - 1 };
    if (event.key in moves && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      focusTab(shown[Math.max(0, Math.min(shown.length - 1, moves[event.key] ?? index))]);
    } else if (event.key === 'Delete') {
      event.preventDefault();
      const next = shown[index + 1] ?? shown[index - 1];
      void sessions.close([id]);
      if (next) requestAnimationFrame(() => document.getElementById(`tab-${next}`)?.focus());
    } else if (event.key === 'F2') {
      event.preventDefault();
      setRenamingId(id);
    }
  };

  const onDropOn = (draggedId: string, targetId: string, isAfter: boolean): void => {
    const from = shown.indexOf(draggedId);
    const target = shown.indexOf(targetId) + (isAfter ? 1 : 0);
    void sessions.move(draggedId, target > from ? target - 1 : target);
  };

  // A vertical wheel scrolls the strip sideways: most mice have no horizontal wheel.
  const onWheel = (event: WheelEvent<HTMLDivElement>): void => {
    const list = listRef.current;
    if (!list || event.deltaX !== 0 || list.scrollWidth <= list.clientWidth) return;
    list.scrollLeft += event.deltaY;
  };

  return (
    <nav className="session-tabs" aria-label={t('sessions:tabs.label')}>
      <ViewSwitch />
      <div ref={listRef} role="tablist" aria-label={t('sessions:tabs.label')} className="tablist" onWheel={onWheel}>
        {shown.map((id) => (
          <SessionTab
            key={id}
            id={id}
            isActive={id === activeId}
            onKeyDown={onTabKeyDown}
            isRenaming={renamingId === id}
            onRename={setRenamingId}
            onRenameDone={() => {
              setRenamingId(null);
              document.getElementById(`tab-${id}`)?.focus();
            }}
            onDropOn={onDropOn}
          />
        ))}
        {shown.length === 0 && <span className="muted tab-empty">{t('sessions:tabs.empty')}</span>}
      </div>
      {shown.length > 0 && <AllTabsButton count={shown.length} />}
    </nav>
  );
}
