import type { WorkspaceView } from '../../store/workspace-slice.js';

/** The views in the order the view switch shows them; Alt+1 to Alt+6 pick them in that order. */
export const VIEW_TABS = [
  { view: 'inspect', label: 'common:view.inspect', title: 'common:view.inspectTitle' },
  { view: 'doctor', label: 'common:view.doctor', title: 'common:view.doctorTitle' },
  { view: 'listen', label: 'common:view.listen', title: 'common:view.listenTitle' },
  { view: 'relay', label: 'relay:view.tab', title: 'relay:view.tabTitle' },
  { view: 'fanout', label: 'common:view.fanout', title: 'common:view.fanoutTitle' },
  { view: 'conformance', label: 'conformance:view.tab', title: 'conformance:view.tabTitle' },
] as const satisfies ReadonlyArray<{ readonly view: WorkspaceView; readonly label: string; readonly title: string }>;

/** The view Alt+digit picks (`Digit1` is the first tab), or undefined for another key. */
export function viewOfDigit(code: string): WorkspaceView | undefined {
  const match = /^Digit([1-9])$/.exec(code);
  return match ? VIEW_TABS[Number(match[1]) - 1]?.view : undefined;
}

/** The keys that pick the views, as the shortcut sheet lists them. */
export const VIEW_KEYS = VIEW_TABS.map((_, index) => `Alt+${index + 1}`);
