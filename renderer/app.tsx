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
import { InflatePausesBar } from './features/timeline/inflate-pauses-bar.js';
import { TimelineView } from './features/timeline/timeline-view.js';
import { InspectLayout } from './features/workspace/inspect-layout.js';
import { ShortcutSheet } from './features/workspace/shortcut-sheet.js';
import { useGlobalShortcuts } from './features/workspace/use-global-shortcuts.js';
import { WorkspaceEditorDrawer } from './features/workspace-editor/workspace-editor-drawer.js';
import { WorkspaceSidebar } from './features/workspace-sidebar/workspace-sidebar.js';
import { useT } from './lib/use-t.js';
import { useApp } from './store/app-store.js';

/** Sessions: the workspace sidebar, timeline and composer in the middle, handshake and frame detail on the right, all resizable. */
function InspectView() {
  const t = useT();
  return (
    <>
      <ConnectionBar />
      <InspectLayout
        sidebar={<WorkspaceSidebar />}
        timeline={
          <section className="panel timeline" aria-label={t('timeline:label')}>
            <ProtocolBar />
            <InflatePausesBar />
            <TimelineView />
          </section>
        }
        composer={<ComposerPanel />}
        handshake={<HandshakePanel />}
        detail={<FrameDetail hasHandshakePane />}
        drawer={
          <>
            <SettingsDrawer />
            <WorkspaceEditorDrawer />
          </>
        }
      />
    </>
  );
}

/** The Path Doctor with its own URL and connection settings, apart from every tab's. */
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

/** The conformance battery with the URL and connection settings of the connection bar. */
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
  const t = useT();
  const drop = useCaptureDrop();
  const view = useApp((state) => state.workspace.view);
  useGlobalShortcuts();
  return (
    <div className="app" {...drop.handlers}>
      <UnauthorisedBanner />
      <SessionTabs />
      {view === 'inspect' && <InspectView />}
      {view === 'doctor' && <DoctorView />}
      {view === 'listen' && <ListenView />}
      {view === 'relay' && <RelayView />}
      {view === 'fanout' && <FanoutView />}
      {view === 'conformance' && <ConformanceView />}
      <StatusBar />
      {drop.isDragging && <div className="drop-overlay" aria-hidden="true">{t('capture:open.drop')}</div>}
      <ShortcutSheet />
    </div>
  );
}
