import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';

/** Sends on either leg now (as if the other end had), or closes a leg with a chosen code. */
export function InjectPanel() {
  const t = useT();
  const form = useApp((state) => state.relay.inject);
  const isShown = useApp((state) => state.relay.shownSessionId !== null);
  const { relay } = getAppStore().getState();
  return (
    <section className="panel inject-panel" aria-label={t('relay:view.inject')}>
      <div className="panel-title">
        {t('relay:view.inject')}
        <select aria-label={t('relay:view.leg')} value={form.leg} onChange={(event) => relay.setInject({ leg: event.target.value === 'client' ? 'client' : 'server' })}>
          <option value="server">{t('relay:view.toServer')}</option>
          <option value="client">{t('relay:view.toClient')}</option>
        </select>
        <select aria-label={t('relay:view.kind')} value={form.kind} onChange={(event) => relay.setInject({ kind: event.target.value === 'binary' ? 'binary' : event.target.value === 'ping' ? 'ping' : 'text' })}>
          <option value="text">{t('relay:view.kindText')}</option>
          <option value="binary">{t('relay:view.kindBinary')}</option>
          <option value="ping">ping</option>
        </select>
        <button type="button" className="primary" disabled={!isShown} onClick={() => void relay.sendInject()}>{t('relay:view.send')}</button>
        <span className="toolbar-spacer" />
        <input className="status mono" aria-label={t('relay:view.closeCode')} inputMode="numeric" value={form.closeCode} onChange={(event) => relay.setInject({ closeCode: event.target.value })} />
        <input className="reason" aria-label={t('relay:view.closeReason')} placeholder={t('relay:view.closeReason')} value={form.closeReason} onChange={(event) => relay.setInject({ closeReason: event.target.value })} />
        <button type="button" disabled={!isShown} onClick={() => void relay.closeLeg()}>{t('relay:view.closeLeg')}</button>
      </div>
      <textarea className="inject-text mono" aria-label={t('relay:view.injectText')} placeholder={form.kind === 'binary' ? '0a ff 00' : t('relay:view.injectPlaceholder')} value={form.text} onChange={(event) => relay.setInject({ text: event.target.value })} spellCheck={false} />
    </section>
  );
}
