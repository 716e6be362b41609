import { useEffect, useRef, useState } from 'react';
import { opcodeName } from '../../../shared/protocol/opcode.js';
import type { Preferences } from '../../../shared/contract/user-data.js';
import { formatCount } from '../../lib/format.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { regexProblem } from '../../store/timeline-slice.js';
import { Menu } from '../../widgets/menu.js';
import type { PopupAnchor } from '../../widgets/popup-position.js';
import { columnHeader, columnMenuItems } from './column-menu-items.js';
import { COLUMNS, type ColumnId } from './timeline-columns.js';

const SEARCH_DELAY_MS = 250;
const OPCODES = Array.from({ length: 16 }, (_, opcode) => opcode);
const CATEGORIES = [
  ['all', 'timeline:filter.all'],
  ['data', 'timeline:filter.data'],
  ['control', 'timeline:filter.control'],
] as const;
const TIME_FORMATS = [
  ['clock', 'timeline:time.clock'],
  ['sinceStart', 'timeline:time.sinceStart'],
  ['delta', 'timeline:time.delta'],
] as const;

/** The search field: text or a regular expression; one that does not compile is said in the bar and empties the view. */
function SearchField() {
  const t = useT();
  const filter = useApp((state) => state.timeline.filter);
  const [search, setSearch] = useState(filter.search);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const problem = filter.isRegex && search !== '' ? regexProblem(search) : null;
  useEffect(() => () => clearTimeout(timer.current), []);

  const apply = (value: string, isRegex: boolean): void => {
    clearTimeout(timer.current);
    // An invalid pattern applies at once: no stale rows stay under it.
    if (isRegex && value !== '' && regexProblem(value) !== null) {
      getAppStore().getState().timeline.setSearch(value, isRegex);
      return;
    }
    // The Regex box may change before the delay ends: the search then uses its state at that time.
    timer.current = setTimeout(() => getAppStore().getState().timeline.setSearch(value, getAppStore().getState().timeline.filter.isRegex), SEARCH_DELAY_MS);
  };

  return (
    <>
      <input
        id="timeline-search"
        type="search"
        className={`search${problem ? ' invalid' : ''}`}
        aria-label={t('timeline:search.label')}
        aria-invalid={problem !== null}
        aria-describedby={problem ? 'timeline-search-problem' : undefined}
        placeholder={filter.isRegex ? t('timeline:search.regexPlaceholder') : t('timeline:search.placeholder')}
        value={search}
        onChange={(event) => {
          setSearch(event.target.value);
          apply(event.target.value, filter.isRegex);
        }}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={filter.isRegex}
          onChange={(event) => {
            clearTimeout(timer.current);
            getAppStore().getState().timeline.setSearch(search, event.target.checked);
          }}
        />
        {t('timeline:search.regex')}
      </label>
      {problem && (
        <span id="timeline-search-problem" className="error-text search-problem" role="alert">
          {t('timeline:search.invalid', { message: problem })}
        </span>
      )}
    </>
  );
}

/** Frames or messages, how the Time column reads, and the columns shown (saying how many the timeline's width leaves out). */
function ViewChoices({ hiddenForWidth }: { hiddenForWidth: readonly ColumnId[] }) {
  const t = useT();
  const unit = useApp((state) => state.timeline.filter.unit);
  const timeFormat = useApp((state) => state.preferences.values.timeFormat);
  const { preferences, timeline } = getAppStore().getState();
  const [anchor, setAnchor] = useState<PopupAnchor | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const hiddenNames = hiddenForWidth.map((id) => columnHeader(COLUMNS.find((column) => column.id === id)!, t)).join(', ');
  const setUnit = (next: 'frames' | 'messages'): void => {
    timeline.setFilter({ unit: next });
    preferences.update((values) => ({ ...values, timelineUnit: next }));
  };
  return (
    <>
      <div className="segmented" role="group" aria-label={t('timeline:unit.label')}>
        <button type="button" aria-pressed={unit === 'frames'} onClick={() => setUnit('frames')} title={t('timeline:unit.framesTitle')}>{t('timeline:unit.frames')}</button>
        <button type="button" aria-pressed={unit === 'messages'} onClick={() => setUnit('messages')} title={t('timeline:unit.messagesTitle')}>{t('timeline:unit.messages')}</button>
      </div>
      <label className="field-inline">
        <span>{t('timeline:time.label')}</span>
        <select value={timeFormat} onChange={(event) => preferences.update((values) => ({ ...values, timeFormat: event.target.value as Preferences['timeFormat'] }))}>
          {TIME_FORMATS.map(([format, key]) => <option key={format} value={format}>{t(key)}</option>)}
        </select>
      </label>
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={anchor !== null}
        title={hiddenForWidth.length > 0 ? t('timeline:columns.hiddenForWidthTitle', { count: hiddenForWidth.length, names: hiddenNames }) : undefined}
        onClick={(event) => setAnchor(anchor ? null : { kind: 'below', rect: event.currentTarget.getBoundingClientRect(), align: 'start' })}
      >
        {t('timeline:columns.button')}
        {hiddenForWidth.length > 0 && <span className="badge columns-hidden-for-width">{t('timeline:columns.hiddenForWidth', { count: hiddenForWidth.length })}</span>}
      </button>
      {anchor && <Menu label={t('timeline:columns.menu')} items={columnMenuItems(t)} anchor={anchor} onClose={() => setAnchor(null)} returnFocus={buttonRef.current} />}
    </>
  );
}

/** The view's row count: its own component, so a batch's new count renders this text and not the whole toolbar. */
function RowCount() {
  const t = useT();
  const total = useApp((state) => state.timeline.total);
  return <span className="muted nowrap" aria-live="polite">{t('timeline:rows', { count: total, formatted: formatCount(total) })}</span>;
}

/** Filters (direction, data/control, opcode, text or regex), frames or messages, time format, columns, follow-tail and jump-to-row. */
export function TimelineToolbar({ hiddenForWidth }: { hiddenForWidth: readonly ColumnId[] }) {
  const t = useT();
  const filter = useApp((state) => state.timeline.filter);
  const isFollowingTail = useApp((state) => state.timeline.isFollowingTail);
  const [jumpText, setJumpText] = useState('');
  const actions = getAppStore().getState().timeline;

  return (
    <div className="toolbar timeline-toolbar" role="toolbar" aria-label={t('timeline:filter.label')}>
      <label className="field-inline">
        <span>{t('timeline:filter.direction')}</span>
        <select value={filter.direction} onChange={(event) => actions.setFilter({ direction: event.target.value as typeof filter.direction })}>
          <option value="any">{t('timeline:filter.anyDirection')}</option>
          <option value="out">{t('timeline:filter.sent')}</option>
          <option value="in">{t('timeline:filter.received')}</option>
        </select>
      </label>
      <div className="segmented" role="group" aria-label={t('timeline:filter.category')}>
        {CATEGORIES.map(([category, key]) => (
          <button key={category} type="button" aria-pressed={filter.category === category} onClick={() => actions.setFilter({ category })}>{t(key)}</button>
        ))}
      </div>
      <label className="field-inline">
        <span>{t('timeline:filter.opcode')}</span>
        <select
          aria-label={t('timeline:filter.opcode')}
          value={filter.opcodes.length === 1 ? String(filter.opcodes[0]) : ''}
          onChange={(event) => actions.setFilter({ opcodes: event.target.value === '' ? [] : [Number(event.target.value)] })}
        >
          <option value="">{t('timeline:filter.anyOpcode')}</option>
          {OPCODES.map((opcode) => (
            <option key={opcode} value={opcode}>{`${opcode.toString(16).toUpperCase()} ${opcodeName(opcode)}`}</option>
          ))}
        </select>
      </label>
      <SearchField />
      <ViewChoices hiddenForWidth={hiddenForWidth} />
      {/* Count, jump and follow wrap as one group, at the right: Follow tail never sits alone on a line. */}
      <div className="timeline-tail">
        <RowCount />
        <form
          className="jump"
          onSubmit={(event) => {
            event.preventDefault();
            const index = Number.parseInt(jumpText, 10);
            if (Number.isFinite(index)) actions.jumpTo(index);
          }}
        >
          <input aria-label={t('timeline:jump.label')} placeholder={t('timeline:jump.label')} inputMode="numeric" value={jumpText} onChange={(event) => setJumpText(event.target.value)} />
        </form>
        <button type="button" aria-pressed={isFollowingTail} onClick={() => actions.setFollowTail(!isFollowingTail)} title={t('timeline:follow.title')}>
          {t('timeline:follow.label')}
        </button>
      </div>
    </div>
  );
}
