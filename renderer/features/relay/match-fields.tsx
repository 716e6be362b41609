import type { MessageMatch } from '../../../shared/contract/relay-interception.js';
import { useT } from '../../lib/use-t.js';

/** Direction, opcodes and pattern of a breakpoint or rule, in one row. */
export function MatchFields({ match, onChange }: { match: MessageMatch; onChange: (match: MessageMatch) => void }) {
  const t = useT();
  return (
    <>
      <select aria-label={t('relay:view.direction')} value={match.direction} onChange={(event) => onChange({ ...match, direction: event.target.value as MessageMatch['direction'] })}>
        <option value="any">{t('relay:view.directionAny')}</option>
        <option value="out">{t('relay:view.directionOut')}</option>
        <option value="in">{t('relay:view.directionIn')}</option>
      </select>
      <input
        className="opcodes mono"
        aria-label={t('relay:view.opcodes')}
        title={t('relay:view.opcodesTitle')}
        placeholder={t('relay:view.opcodesPlaceholder')}
        value={match.opcodes.join(',')}
        onChange={(event) => onChange({ ...match, opcodes: event.target.value.split(/[\s,]+/).filter(Boolean).map(Number).filter((opcode) => Number.isInteger(opcode) && opcode >= 0 && opcode <= 15) })}
      />
      <input
        className="pattern mono"
        aria-label={t('relay:view.pattern')}
        placeholder={t('relay:view.patternPlaceholder')}
        value={match.pattern ?? ''}
        onChange={(event) => {
          const { pattern: _old, ...rest } = match;
          onChange(event.target.value === '' ? rest : { ...rest, pattern: event.target.value });
        }}
      />
      <input
        className="opcodes mono"
        aria-label={t('relay:view.event')}
        title={t('relay:view.eventTitle')}
        placeholder={t('relay:view.eventPlaceholder')}
        value={match.event ?? ''}
        onChange={(event) => {
          const { event: _old, ...rest } = match;
          onChange(event.target.value === '' ? rest : { ...rest, event: event.target.value });
        }}
      />
    </>
  );
}
