import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import type { WorkspaceView } from '../../store/workspace-slice.js';

const VIEWS = [
  { view: 'inspect', label: 'common:view.inspect', title: 'common:view.inspectTitle' },
  { view: 'doctor', label: 'common:view.doctor', title: 'common:view.doctorTitle' },
  { view: 'listen', label: 'common:view.listen', title: 'common:view.listenTitle' },
  { view: 'relay', label: 'relay:view.tab', title: 'relay:view.tabTitle' },
  { view: 'fanout', label: 'common:view.fanout', title: 'common:view.fanoutTitle' },
  { view: 'conformance', label: 'conformance:view.tab', title: 'conformance:view.tabTitle' },
] as const satisfies ReadonlyArray<{ readonly view: WorkspaceView; readonly label: string; readonly title: string }>;

/** Switches the window between inspecting sessions, the Path Doctor and listen mode. */
export function ViewSwitch() {
  const t = useT();
  const current = useApp((state) => state.workspace.view);
  return (
    <div className="view-switch" role="tablist" aria-label={t('common:view.label')}>
      {VIEWS.map(({ view, label, title }) => (
        <button key={view} type="button" role="tab" aria-selected={view === current} title={t(title)} onClick={() => getAppStore().getState().workspace.showView(view)}>
          {t(label)}
        </button>
      ))}
    </div>
  );
}
