import { useState } from 'react';
import type { ReactNode } from 'react';
import type { Preferences } from '../../../shared/contract/user-data.js';
import { useElementSize } from '../../lib/use-element-size.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { Splitter } from '../../widgets/splitter.js';

/** Smallest sizes that keep each pane usable; the splitters never go past them. */
const MIN_MAIN_PX = 360;
const MIN_SIDE_PX = 280;
const MIN_TIMELINE_PX = 120;
const MIN_COMPOSER_PX = 120;
const SPLITTER_PX = 5;

interface InspectLayoutProps {
  readonly sidebar: ReactNode;
  readonly timeline: ReactNode;
  readonly composer: ReactNode;
  readonly handshake: ReactNode;
  readonly detail: ReactNode;
  readonly drawer: ReactNode;
}

function setPanes(change: Partial<Preferences['panes']>): void {
  getAppStore().getState().preferences.update((values) => ({ ...values, panes: { ...values.panes, ...change } }));
}

/**
 * The inspector's panes, resizable: the workspace sidebar (which folds and sizes itself,
 * workspace-sidebar/), timeline over composer, and handshake over frame detail, with splitters
 * between (pointer or keyboard). Sizes are kept in the preferences and clamped to the window, so
 * no pane can be pushed off-screen at any width; the timeline keeps at least its minimum, the side
 * column gives way.
 */
export function InspectLayout({ sidebar, timeline, composer, handshake, detail, drawer }: InspectLayoutProps) {
  const t = useT();
  const panes = useApp((state) => state.preferences.values.panes);
  // A failed handshake's banner needs room: the handshake pane then starts taller.
  const isFailure = useApp((state) => {
    const id = state.sessions.activeId;
    if (id === null) return false;
    const handshake = state.sessions.handshakes[id];
    return (handshake != null && handshake.response?.statusCode !== 101) || (handshake === null && state.sessions.failures[id] != null);
  });
  const [workspace, setWorkspace] = useState<HTMLElement | null>(null);
  const [side, setSide] = useState<HTMLDivElement | null>(null);
  const [sidebarBox, setSidebarBox] = useState<HTMLDivElement | null>(null);
  const size = useElementSize(workspace);
  const sideHeight = useElementSize(side).height;
  const sidebarWidth = useElementSize(sidebarBox).width;
  const restWidth = size.width - sidebarWidth;
  const maxSide = Math.max(MIN_SIDE_PX, restWidth - MIN_MAIN_PX - SPLITTER_PX);
  const sideWidth = Math.min(maxSide, Math.max(MIN_SIDE_PX, panes.sideWidthPx ?? Math.round(size.width * 0.34)));
  const maxComposer = Math.max(MIN_COMPOSER_PX, size.height - MIN_TIMELINE_PX - SPLITTER_PX);
  const composerHeight = Math.min(maxComposer, Math.max(MIN_COMPOSER_PX, panes.composerHeightPx ?? 240));
  const handshakeShare = panes.handshakeShare ?? (isFailure ? 0.66 : 0.44);
  const handshakeHeight = Math.round(sideHeight * handshakeShare);

  return (
    <main ref={setWorkspace} className="workspace" style={{ gridTemplateColumns: `auto minmax(0, 1fr) ${SPLITTER_PX}px ${sideWidth}px` }}>
      <div ref={setSidebarBox} className="sidebar-column">
        {sidebar}
      </div>
      <div className="column-main" style={{ gridTemplateRows: `minmax(0, 1fr) ${SPLITTER_PX}px ${composerHeight}px` }}>
        {timeline}
        <Splitter orientation="horizontal" label={t('common:layout.composerSplitter')} valuePx={composerHeight} minPx={MIN_COMPOSER_PX} maxPx={maxComposer} direction={-1} onResize={(composerHeightPx) => setPanes({ composerHeightPx })} />
        {composer}
      </div>
      <Splitter orientation="vertical" label={t('common:layout.sideSplitter')} valuePx={sideWidth} minPx={MIN_SIDE_PX} maxPx={maxSide} direction={-1} onResize={(sideWidthPx) => setPanes({ sideWidthPx })} />
      <div ref={setSide} className="column-side" style={{ gridTemplateRows: `minmax(60px, ${handshakeShare}fr) ${SPLITTER_PX}px minmax(60px, ${1 - handshakeShare}fr)` }}>
        {handshake}
        <Splitter
          orientation="horizontal"
          label={t('common:layout.detailSplitter')}
          valuePx={handshakeHeight}
          minPx={Math.round(sideHeight * 0.05)}
          maxPx={Math.round(sideHeight * 0.95)}
          direction={1}
          onResize={(heightPx) => setPanes({ handshakeShare: sideHeight > 0 ? Math.min(0.95, Math.max(0.05, heightPx / sideHeight)) : 0.44 })}
        />
        {detail}
      </div>
      {drawer}
    </main>
  );
}
