import { useState } from 'react';
import type { RuleAction } from '../../../shared/contract/relay-interception.js';
import { useT } from '../../lib/use-t.js';

const defaults: Record<RuleAction['kind'], RuleAction> = {
  rewrite: { kind: 'rewrite', find: 'from', replace: 'to' },
  'json-set': { kind: 'json-set', path: '$.field', value: 'value' },
  drop: { kind: 'drop' },
  delay: { kind: 'delay', delayMs: 500 },
  reply: { kind: 'reply', payload: '{"ok":true}', opcode: 1 },
};

/** A JSON value typed as text: kept as typed until it parses. */
function JsonValueInput({ value, onChange }: { value: unknown; onChange: (value: unknown) => void }) {
  const t = useT();
  const [text, setText] = useState(() => JSON.stringify(value));
  const [isValid, setValid] = useState(true);
  return (
    <input
      className={`json-value mono${isValid ? '' : ' is-invalid'}`}
      aria-label={t('relay:view.jsonValue')}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        try {
          onChange(JSON.parse(event.target.value));
          setValid(true);
        } catch {
          setValid(false);
        }
      }}
    />
  );
}

/** What a rule does, and that action's own fields. */
export function RuleActionFields({ action, onChange }: { action: RuleAction; onChange: (action: RuleAction) => void }) {
  const t = useT();
  return (
    <>
      <select aria-label={t('relay:view.action')} value={action.kind} onChange={(event) => onChange(defaults[event.target.value as RuleAction['kind']])}>
        <option value="rewrite">{t('relay:view.actionRewrite')}</option>
        <option value="json-set">{t('relay:view.actionJsonSet')}</option>
        <option value="drop">{t('relay:view.actionDrop')}</option>
        <option value="delay">{t('relay:view.actionDelay')}</option>
        <option value="reply">{t('relay:view.actionReply')}</option>
      </select>
      {action.kind === 'rewrite' && (
        <>
          <input className="pattern mono" aria-label={t('relay:view.find')} value={action.find} onChange={(event) => onChange({ ...action, find: event.target.value })} />
          <input className="pattern mono" aria-label={t('relay:view.replace')} value={action.replace} onChange={(event) => onChange({ ...action, replace: event.target.value })} />
        </>
      )}
      {action.kind === 'json-set' && (
        <>
          <input className="pattern mono" aria-label={t('relay:view.jsonPath')} value={action.path} onChange={(event) => onChange({ ...action, path: event.target.value })} />
          <JsonValueInput value={action.value} onChange={(value) => onChange({ ...action, value: value as typeof action.value })} />
        </>
      )}
      {action.kind === 'delay' && <input className="status mono" aria-label={t('relay:view.delayMs')} inputMode="numeric" value={String(action.delayMs)} onChange={(event) => onChange({ ...action, delayMs: Number(event.target.value) || 0 })} />}
      {action.kind === 'reply' && <input className="pattern mono" aria-label={t('relay:view.replyText')} value={action.payload} onChange={(event) => onChange({ ...action, payload: event.target.value })} />}
    </>
  );
}
