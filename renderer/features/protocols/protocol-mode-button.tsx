import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { activeProtocol } from './protocol-state.js';

/** The composer's protocol mode, named after the session's protocol when one was detected. */
export function ProtocolModeButton() {
  const t = useT();
  const isComposing = useApp((state) => state.protocol.isComposing);
  const name = useApp((state) => activeProtocol(state)?.displayName ?? null);
  return (
    <button type="button" aria-pressed={isComposing} title={t('protocols:composer.modeTitle')} onClick={() => getAppStore().getState().protocol.setComposing(!isComposing)}>
      {name ?? t('protocols:composer.mode')}
    </button>
  );
}
