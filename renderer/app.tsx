import { useCaptureDrop } from './features/capture/use-capture-drop.js';
import { ComposerPanel } from './features/composer/composer-panel.js';
import { ConnectionBar } from './features/connection/connection-bar.js';
import { SettingsDrawer } from './features/connection/settings-drawer.js';
import { FrameDetail } from './features/frame-detail/frame-detail.js';
import { HandshakePanel } from './features/handshake/handshake-panel.js';
import { SessionTabs } from './features/sessions/session-tabs.js';
import { StatusBar } from './features/sessions/status-bar.js';
import { UnauthorisedBanner } from './features/sessions/unauthorised-banner.js';
import { TimelineGrid } from './features/timeline/timeline-grid.js';
import { TimelineToolbar } from './features/timeline/timeline-toolbar.js';

/** The window: sessions, connection bar, timeline and composer on the left, handshake and detail on the right. A capture file dropped anywhere opens. */
export function App() {
  const drop = useCaptureDrop();
  return (
    <div className={`app${drop.isDragging ? ' is-dropping' : ''}`} {...drop.handlers}>
      <UnauthorisedBanner />
      <SessionTabs />
      <ConnectionBar />
      <main className="workspace">
        <div className="column-main">
          <section className="panel timeline" aria-label="Timeline">
            <TimelineToolbar />
            <TimelineGrid />
          </section>
          <ComposerPanel />
        </div>
        <div className="column-side">
          <HandshakePanel />
          <FrameDetail />
        </div>
        <SettingsDrawer />
      </main>
      <StatusBar />
    </div>
  );
}
