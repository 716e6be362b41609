import { useEffect, useRef, useState } from 'react';
import { opcodeName } from '../../../shared/protocol/opcode.js';
import { formatCount } from '../../lib/format.js';
import { getAppStore, useApp } from '../../store/app-store.js';

const SEARCH_DELAY_MS = 250;
const OPCODES = Array.from({ length: 16 }, (_, opcode) => opcode);

/** Filters (direction, data/control, opcode, text or regex), follow-tail and jump-to-row. */
export function TimelineToolbar() {
  const filter = useApp((state) => state.timeline.filter);
  const total = useApp((state) => state.timeline.total);
  const isFollowingTail = useApp((state) => state.timeline.isFollowingTail);
  const [search, setSearch] = useState(filter.search);
  const [jumpText, setJumpText] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const actions = getAppStore().getState().timeline;
  const regexError = filter.isRegex && search !== '' ? regexProblem(search) : null;

  useEffect(() => () => clearTimeout(timer.current), []);

  const onSearch = (value: string): void => {
    setSearch(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!(getAppStore().getState().timeline.filter.isRegex && regexProblem(value))) getAppStore().getState().timeline.setFilter({ search: value });
    }, SEARCH_DELAY_MS);
  };

  return (
    <div className="toolbar" role="toolbar" aria-label="Timeline filters">
      <label className="field-inline">
        <span>Direction</span>
        <select value={filter.direction} onChange={(event) => actions.setFilter({ direction: event.target.value as typeof filter.direction })}>
          <option value="any">All</option>
          <option value="out">↑ Sent</option>
          <option value="in">↓ Received</option>
        </select>
      </label>
      <div className="segmented" role="group" aria-label="Frame category">
        {(['all', 'data', 'control'] as const).map((category) => (
          <button key={category} type="button" aria-pressed={filter.category === category} onClick={() => actions.setFilter({ category })}>
            {category === 'all' ? 'All' : category === 'data' ? 'Data' : 'Control'}
          </button>
        ))}
      </div>
      <label className="field-inline">
        <span>Opcode</span>
        <select
          value={filter.opcodes.length === 1 ? String(filter.opcodes[0]) : ''}
          onChange={(event) => actions.setFilter({ opcodes: event.target.value === '' ? [] : [Number(event.target.value)] })}
        >
          <option value="">Any</option>
          {OPCODES.map((opcode) => (
            <option key={opcode} value={opcode}>{`${opcode.toString(16).toUpperCase()} ${opcodeName(opcode)}`}</option>
          ))}
        </select>
      </label>
      <input
        type="search"
        className={`search${regexError ? ' invalid' : ''}`}
        aria-label="Search payloads"
        placeholder={filter.isRegex ? 'Regular expression' : 'Search payloads'}
        value={search}
        title={regexError ?? undefined}
        onChange={(event) => onSearch(event.target.value)}
      />
      <label className="check">
        <input type="checkbox" checked={filter.isRegex} onChange={(event) => actions.setFilter({ isRegex: event.target.checked })} />
        Regex
      </label>
      <span className="toolbar-spacer" />
      <span className="muted nowrap" aria-live="polite">{formatCount(total)} rows</span>
      <form
        className="jump"
        onSubmit={(event) => {
          event.preventDefault();
          const index = Number.parseInt(jumpText, 10);
          if (Number.isFinite(index)) actions.jumpTo(index);
        }}
      >
        <input aria-label="Go to row" placeholder="Go to row" inputMode="numeric" value={jumpText} onChange={(event) => setJumpText(event.target.value)} />
      </form>
      <button type="button" aria-pressed={isFollowingTail} onClick={() => actions.setFollowTail(!isFollowingTail)} title="Keep the newest row in view">
        Follow tail
      </button>
    </div>
  );
}

/** A message when `source` is not a valid regular expression. */
function regexProblem(source: string): string | null {
  try {
    new RegExp(source);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : 'invalid regular expression';
  }
}
