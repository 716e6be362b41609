import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { shortcutText } from './shortcut-text.js';
import { VIEW_KEYS, VIEW_TABS } from './view-tabs.js';

/** Switches the window between its views (Alt+1 to Alt+6, in this order). */
export function ViewSwitch() {
  const t = useT();
  const current = useApp((state) => state.workspace.view);
  return (
    <div className="view-switch" role="tablist" aria-label={t('common:view.label')}>
      {VIEW_TABS.map(({ view, label, title }, index) => (
        <button key={view} type="button" role="tab" aria-selected={view === current} title={`${t(title)} (${shortcutText(VIEW_KEYS[index] as string)})`} onClick={() => getAppStore().getState().workspace.showView(view)}>
          {t(label)}
        </button>
      ))}
    </div>
  );
}
