import { opcodeName } from '../../../shared/protocol/opcode.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';

const OPCODES = Array.from({ length: 16 }, (_, opcode) => opcode);

/** Advanced frame options: opcode, FIN, RSV1–3, mask (as the sending side must, random / none / fixed key), fragment size. */
export function FrameOptions() {
  const t = useT();
  const advanced = useApp((state) => state.composer.advanced);
  const update = getAppStore().getState().composer.updateAdvanced;
  return (
    <div className="toolbar frame-options" role="group" aria-label={t('composer:frameOptions.label')}>
      <label className="field-inline">
        <span>{t('composer:frameOptions.opcode')}</span>
        <select value={advanced.opcode} onChange={(event) => update({ opcode: Number(event.target.value) })}>
          {OPCODES.map((opcode) => <option key={opcode} value={opcode}>{`${opcode.toString(16).toUpperCase()} ${opcodeName(opcode)}`}</option>)}
        </select>
      </label>
      {(['fin', 'rsv1', 'rsv2', 'rsv3'] as const).map((bit) => (
        <label key={bit} className="check">
          <input type="checkbox" checked={advanced[bit]} onChange={(event) => update({ [bit]: event.target.checked })} />
          <span className="mono">{bit.toUpperCase()}</span>
        </label>
      ))}
      <label className="field-inline">
        <span>{t('composer:frameOptions.mask')}</span>
        <select value={advanced.mask} onChange={(event) => update({ mask: event.target.value as typeof advanced.mask })}>
          <option value="role">{t('composer:frameOptions.maskRole')}</option>
          <option value="random">{t('composer:frameOptions.maskRandom')}</option>
          <option value="none">{t('composer:frameOptions.maskNone')}</option>
          <option value="fixed">{t('composer:frameOptions.maskFixed')}</option>
        </select>
      </label>
      {advanced.mask === 'fixed' && (
        <input className="mono short" aria-label={t('composer:frameOptions.maskingKey')} placeholder="0a1b2c3d" maxLength={8} value={advanced.fixedKeyHex} onChange={(event) => update({ fixedKeyHex: event.target.value.trim() })} />
      )}
      <label className="field-inline">
        <span>{t('composer:frameOptions.fragmentSize')}</span>
        <input
          className="short"
          type="number"
          min={0}
          aria-label={t('composer:frameOptions.fragmentSizeLabel')}
          value={advanced.fragmentSize}
          onChange={(event) => update({ fragmentSize: Math.max(0, Math.floor(Number(event.target.value) || 0)) })}
        />
      </label>
    </div>
  );
}
