import { opcodeName } from '../../../shared/protocol/opcode.js';
import { getAppStore, useApp } from '../../store/app-store.js';

const OPCODES = Array.from({ length: 16 }, (_, opcode) => opcode);

/** Advanced frame options: opcode, FIN, RSV1–3, mask (random / none / fixed key), fragment size. */
export function FrameOptions() {
  const advanced = useApp((state) => state.composer.advanced);
  const update = getAppStore().getState().composer.updateAdvanced;
  return (
    <div className="toolbar frame-options" role="group" aria-label="Frame options">
      <label className="field-inline">
        <span>Opcode</span>
        <select value={advanced.opcode} onChange={(event) => update({ opcode: Number(event.target.value) })}>
          {OPCODES.map((opcode) => <option key={opcode} value={opcode}>{`${opcode.toString(16).toUpperCase()} ${opcodeName(opcode)}`}</option>)}
        </select>
      </label>
      {(['fin', 'rsv1', 'rsv2', 'rsv3'] as const).map((bit) => (
        <label key={bit} className="check">
          <input type="checkbox" checked={advanced[bit]} onChange={(event) => update({ [bit]: event.target.checked })} />
          {bit.toUpperCase()}
        </label>
      ))}
      <label className="field-inline">
        <span>Mask</span>
        <select value={advanced.mask} onChange={(event) => update({ mask: event.target.value as typeof advanced.mask })}>
          <option value="random">random key</option>
          <option value="none">none (unmasked)</option>
          <option value="fixed">fixed key</option>
        </select>
      </label>
      {advanced.mask === 'fixed' && (
        <input className="mono short" aria-label="Masking key (hex)" placeholder="0a1b2c3d" maxLength={8} value={advanced.fixedKeyHex} onChange={(event) => update({ fixedKeyHex: event.target.value.trim() })} />
      )}
      <label className="field-inline">
        <span>Fragment size</span>
        <input
          className="short"
          type="number"
          min={0}
          aria-label="Fragment size (bytes, 0 = one frame)"
          value={advanced.fragmentSize}
          onChange={(event) => update({ fragmentSize: Math.max(0, Math.floor(Number(event.target.value) || 0)) })}
        />
      </label>
    </div>
  );
}
