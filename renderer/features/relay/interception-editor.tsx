import type { DirectionShaping, RelayInterception } from '../../../shared/contract/relay-interception.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { MatchFields } from './match-fields.js';
import { RuleActionFields } from './rule-action-fields.js';

/** A fresh id that no entry of the list has. */
function nextId(prefix: string, taken: readonly { id: string }[]): string {
  let index = taken.length + 1;
  while (taken.some((entry) => entry.id === `${prefix}-${index}`)) index++;
  return `${prefix}-${index}`;
}

function ShapingFields({ direction, shaping, onChange }: { direction: 'out' | 'in'; shaping: DirectionShaping; onChange: (shaping: DirectionShaping) => void }) {
  const t = useT();
  return (
    <div className="shaping-row">
      <span>{direction === 'out' ? t('relay:view.directionOut') : t('relay:view.directionIn')}</span>
      <label className="field-inline">
        {t('relay:view.delay')}
        <input className="status mono" aria-label={`${t('relay:view.delay')} ${direction}`} inputMode="numeric" value={String(shaping.delayMs)} onChange={(event) => onChange({ ...shaping, delayMs: Number(event.target.value) || 0 })} />
        {t('relay:view.milliseconds')}
      </label>
      <label className="field-inline">
        {t('relay:view.throttle')}
        <input className="status mono" aria-label={`${t('relay:view.throttle')} ${direction}`} inputMode="numeric" value={String(shaping.bytesPerSecond)} onChange={(event) => onChange({ ...shaping, bytesPerSecond: Number(event.target.value) || 0 })} />
        {t('relay:view.bytesPerSecond')}
      </label>
    </div>
  );
}

/** Breakpoints, rules and shaping; Apply sends them to the running relays and saves them with the relay settings. */
export function InterceptionEditor() {
  const t = useT();
  const interception = useApp((state) => state.relay.interception);
  const isDirty = useApp((state) => state.relay.isInterceptionDirty);
  const { relay } = getAppStore().getState();
  const edit = (change: (value: RelayInterception) => RelayInterception): void => relay.editInterception(change);
  return (
    <section className="interception" aria-label={t('relay:view.interception')}>
      <div className="panel-title">
        <span className="title-text">{t('relay:view.breakpoints')}</span>
        <button type="button" onClick={() => edit((value) => ({ ...value, breakpoints: [...value.breakpoints, { id: nextId('break', value.breakpoints), isEnabled: true, match: { direction: 'any', opcodes: [] } }] }))}>{t('relay:view.addBreakpoint')}</button>
      </div>
      {interception.breakpoints.length === 0 && <p className="empty-note">{t('relay:view.noBreakpoints')}</p>}
      {interception.breakpoints.map((breakpoint, index) => (
        <div className="rule-row" key={breakpoint.id} aria-label={t('relay:view.breakpointItem', { id: breakpoint.id })}>
          <input type="checkbox" aria-label={t('relay:view.enabled')} checked={breakpoint.isEnabled} onChange={(event) => edit((value) => ({ ...value, breakpoints: value.breakpoints.map((each, at) => (at === index ? { ...each, isEnabled: event.target.checked } : each)) }))} />
          <span className="mono muted">{breakpoint.id}</span>
          <MatchFields match={breakpoint.match} onChange={(match) => edit((value) => ({ ...value, breakpoints: value.breakpoints.map((each, at) => (at === index ? { ...each, match } : each)) }))} />
          <button type="button" aria-label={t('relay:view.remove')} onClick={() => edit((value) => ({ ...value, breakpoints: value.breakpoints.filter((_, at) => at !== index) }))}>×</button>
        </div>
      ))}
      <div className="panel-title">
        <span className="title-text">{t('relay:view.rules')}</span>
        <button type="button" onClick={() => edit((value) => ({ ...value, rules: [...value.rules, { id: nextId('rule', value.rules), isEnabled: true, match: { direction: 'any', opcodes: [] }, action: { kind: 'drop' } }] }))}>{t('relay:view.addRule')}</button>
      </div>
      {interception.rules.length === 0 && <p className="empty-note">{t('relay:view.noRules')}</p>}
      {interception.rules.map((rule, index) => (
        <div className="rule-row" key={rule.id} aria-label={t('relay:view.ruleItem', { id: rule.id })}>
          <input type="checkbox" aria-label={t('relay:view.enabled')} checked={rule.isEnabled} onChange={(event) => edit((value) => ({ ...value, rules: value.rules.map((each, at) => (at === index ? { ...each, isEnabled: event.target.checked } : each)) }))} />
          <span className="mono muted">{rule.id}</span>
          <MatchFields match={rule.match} onChange={(match) => edit((value) => ({ ...value, rules: value.rules.map((each, at) => (at === index ? { ...each, match } : each)) }))} />
          <RuleActionFields action={rule.action} onChange={(action) => edit((value) => ({ ...value, rules: value.rules.map((each, at) => (at === index ? { ...each, action } : each)) }))} />
          <button type="button" aria-label={t('relay:view.remove')} onClick={() => edit((value) => ({ ...value, rules: value.rules.filter((_, at) => at !== index) }))}>×</button>
        </div>
      ))}
      <div className="panel-title">{t('relay:view.shaping')}</div>
      <ShapingFields direction="out" shaping={interception.shaping.out} onChange={(out) => edit((value) => ({ ...value, shaping: { ...value.shaping, out } }))} />
      <ShapingFields direction="in" shaping={interception.shaping.in} onChange={(shapingIn) => edit((value) => ({ ...value, shaping: { ...value.shaping, in: shapingIn } }))} />
      <div className="apply-row">
        <button type="button" className="primary" disabled={!isDirty} onClick={() => void relay.applyInterception()}>{t('relay:view.apply')}</button>
        <span className="muted">{isDirty ? t('relay:view.notApplied') : t('relay:view.applied')}</span>
      </div>
    </section>
  );
}
