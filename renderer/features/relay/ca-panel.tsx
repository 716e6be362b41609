import { useT } from '../../lib/use-t.js';
import { useMessage } from '../../lib/use-message.js';
import { getAppStore, useApp } from '../../store/app-store.js';

/** The local CA for wss:// through the relay as a proxy: where it is and how to trust it (Frameline never installs it). */
export function CaPanel() {
  const t = useT();
  const render = useMessage();
  const ca = useApp((state) => state.relay.ca);
  return (
    <section className="ca-panel" aria-label={t('relay:view.ca')}>
      <div className="panel-title">
        {t('relay:view.ca')}
        <span className="toolbar-spacer" />
        {!ca && <button type="button" onClick={() => void getAppStore().getState().relay.showCa()}>{t('relay:view.showCa')}</button>}
      </div>
      {!ca ? (
        <p className="empty-note">{t('relay:view.caNote')}</p>
      ) : (
        <div className="ca-details">
          <p>{ca.isNew ? t('relay:ca.created', { path: ca.certificatePath }) : t('relay:ca.existing', { path: ca.certificatePath })}</p>
          {ca.problem && <p className="error-text">{t('relay:ca.replaced', { problem: ca.problemText ? render(ca.problemText) : ca.problem })}</p>}
          <pre className="mono">{t('relay:ca.details', { subject: ca.subject, fingerprint: ca.fingerprint256, spki: ca.spkiSha256, validTo: ca.validTo })}</pre>
          <pre className="mono ca-trust">{t('relay:ca.howToTrust', { path: ca.certificatePath, spki: ca.spkiSha256 })}</pre>
        </div>
      )}
    </section>
  );
}
