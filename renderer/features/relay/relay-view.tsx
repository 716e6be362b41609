import { useEffect } from 'react';
import { useT } from '../../lib/use-t.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { SettingsDrawer } from '../connection/settings-drawer.js';
import { FrameDetail } from '../frame-detail/frame-detail.js';
import { TimelineView } from '../timeline/timeline-view.js';
import { CaPanel } from './ca-panel.js';
import { CounterpartBar } from './counterpart-bar.js';
import { HttpExchangeList } from './http-exchange-list.js';
import { InjectPanel } from './inject-panel.js';
import { InterceptionEditor } from './interception-editor.js';
import { PausedQueue } from './paused-queue.js';
import { RelayBar } from './relay-bar.js';
import { RelayList, RelaySessions } from './relay-list.js';
import './relay.css';

function RelayProblem() {
  const t = useT();
  const problem = useApp((state) => state.relay.problem);
  if (!problem) return null;
  return (
    <p className="relay-problem error-text" role="alert">
      {renderMessage(t, problem)}
    </p>
  );
}

/**
 * Relay mode: Frameline between a real client and its server. Left: the relays, their clients,
 * breakpoints, rules, shaping and the local CA. Middle: the shown client's one timeline with both
 * legs, its paused queue, the inject bar and the HTTP exchanges passed through (not WebSocket).
 * Right: the selected frame and its counterpart.
 */
export function RelayView() {
  const t = useT();
  const isLoaded = useApp((state) => state.relay.isLoaded);
  const shownSessionId = useApp((state) => state.relay.shownSessionId);
  useEffect(() => {
    if (!isLoaded) void getAppStore().getState().relay.load();
  }, [isLoaded]);
  return (
    <>
      {/* One row of the window's grid, as every view's bar is; the notice under the bar grows it. */}
      <div className="relay-head">
        <RelayBar />
        <RelayProblem />
      </div>
      <main className="workspace relay-workspace">
        <div className="relay-side">
          <div className="panel-title">{t('relay:view.relays')}</div>
          <RelayList />
          <div className="panel-title">{t('relay:view.sessions')}</div>
          <RelaySessions />
          <InterceptionEditor />
          <CaPanel />
        </div>
        <div className="column-main relay-main">
          <section className="panel timeline" aria-label={t('relay:view.timeline')}>
            {shownSessionId === null ? (
              <p className="empty-note">{t('relay:view.howToReach')}</p>
            ) : (
              <>
                <TimelineView />
              </>
            )}
          </section>
          <PausedQueue />
          <InjectPanel />
          <HttpExchangeList />
        </div>
        <div className="column-side relay-detail">
          <CounterpartBar />
          <FrameDetail />
        </div>
        <SettingsDrawer />
      </main>
    </>
  );
}
