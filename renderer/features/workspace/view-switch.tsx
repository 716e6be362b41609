import { getAppStore, useApp } from '../../store/app-store.js';
import type { WorkspaceView } from '../../store/workspace-slice.js';

const VIEWS: ReadonlyArray<{ readonly view: WorkspaceView; readonly label: string; readonly title: string }> = [
  { view: 'inspect', label: 'Inspect', title: 'Sessions: handshake, frame timeline, composer' },
  { view: 'doctor', label: 'Doctor', title: 'Path Doctor: why a WebSocket fails or drops behind a proxy, with the fix' },
  { view: 'listen', label: 'Listen', title: 'Frameline as the server: see exactly what a proxy forwards' },
];

/** Switches the window between inspecting sessions, the Path Doctor and listen mode. */
export function ViewSwitch() {
  const current = useApp((state) => state.workspace.view);
  return (
    <div className="view-switch" role="tablist" aria-label="View">
      {VIEWS.map(({ view, label, title }) => (
        <button key={view} type="button" role="tab" aria-selected={view === current} title={title} onClick={() => getAppStore().getState().workspace.showView(view)}>
          {label}
        </button>
      ))}
    </div>
  );
}
