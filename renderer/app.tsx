import { useCaptureDrop } from './features/capture/use-capture-drop.js';
import { ComposerPanel } from './features/composer/composer-panel.js';
import { ConformanceBar } from './features/conformance/conformance-bar.js';
import { ConformancePanel } from './features/conformance/conformance-panel.js';
import { ConnectionBar } from './features/connection/connection-bar.js';
import { SettingsDrawer } from './features/connection/settings-drawer.js';
import { DoctorBar } from './features/doctor/doctor-bar.js';
import { DoctorPanel } from './features/doctor/doctor-panel.js';
import { FanoutBar } from './features/fanout/fanout-bar.js';
import { FanoutPanel } from './features/fanout/fanout-panel.js';
import { FrameDetail } from './features/frame-detail/frame-detail.js';
import { HandshakePanel } from './features/handshake/handshake-panel.js';
import { ListenerForm } from './features/listen/listener-form.js';
import { ListenPanel } from './features/listen/listen-panel.js';
import { ProtocolBar } from './features/protocols/protocol-bar.js';
import { RelayView } from './features/relay/relay-view.js';
import { SessionTabs } from './features/sessions/session-tabs.js';
import { StatusBar } from './features/sessions/status-bar.js';
import { UnauthorisedBanner } from './features/sessions/unauthorised-banner.js';
import { TimelineGrid } from './features/timeline/timeline-grid.js';
import { TimelineToolbar } from './features/timeline/timeline-toolbar.js';
import { WorkspaceEditorDrawer } from './features/workspace-editor/workspace-editor-drawer.js';
import { WorkspaceSidebar } from './features/workspace-sidebar/workspace-sidebar.js';
import { useApp } from './store/app-store.js';

/** Sessions: the workspace sidebar, timeline and composer in the middle, handshake and frame detail on the right. */
function InspectView() {
  return (
    <>
      <ConnectionBar />
      <main className="workspace with-sidebar">
        <WorkspaceSidebar />
        <div className="column-main">
          <section className="panel timeline" aria-label="Timeline">
            <ProtocolBar />
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
        <WorkspaceEditorDrawer />
      </main>
    </>
  );
}

/** The Path Doctor with the same URL and connection settings as Connect. */
function DoctorView() {
  return (
    <>
      <DoctorBar />
      <main className="workspace single">
        <DoctorPanel />
        <SettingsDrawer />
      </main>
    </>
  );
}

function ListenView() {
  return (
    <>
      <ListenerForm />
      <main className="workspace single">
        <ListenPanel />
      </main>
    </>
  );
}

/** The conformance battery with the same URL and connection settings as Connect. */
function ConformanceView() {
  return (
    <>
      <ConformanceBar />
      <main className="workspace single">
        <ConformancePanel />
        <SettingsDrawer />
      </main>
    </>
  );
}

/** The fan-out probe with the same URL and connection settings as Connect. */
function FanoutView() {
  return (
    <>
      <FanoutBar />
      <main className="workspace single">
        <FanoutPanel />
        <SettingsDrawer />
      </main>
    </>
  );
}

/** The window: the view switch and sessions on top, the chosen view, the status bar. A capture file dropped anywhere opens. */
export function App() {
  const drop = useCaptureDrop();
  const view = useApp((state) => state.workspace.view);
  return (
    <div className={`app${drop.isDragging ? ' is-dropping' : ''}`} {...drop.handlers}>
      <UnauthorisedBanner />
      <SessionTabs />
      {view === 'inspect' && <InspectView />}
      {view === 'doctor' && <DoctorView />}
      {view === 'listen' && <ListenView />}
      {view === 'relay' && <RelayView />}
      {view === 'fanout' && <FanoutView />}
      {view === 'conformance' && <ConformanceView />}
      <StatusBar />
    </div>
  );
}
