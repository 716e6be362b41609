import type { PathComparison } from '../../../shared/contract/doctor-report.js';
import { crossingVerdictKeys } from '../../../shared/doctor/names.js';
import { useMessage } from '../../lib/use-message.js';
import { useT } from '../../lib/use-t.js';
import { VisibleText } from '../../lib/visible-text.js';

const DIRECTION = { 'client-to-server': 'doctor:view.path.clientToBackend', 'server-to-client': 'doctor:view.path.backendToClient' } as const;
const CHANGE = { dropped: 'doctor:view.path.dropped', added: 'doctor:view.path.added', rewritten: 'doctor:view.path.rewritten' } as const;

/** What the proxy did to the connection: the request line, headers dropped/added/rewritten, framing, and how each end saw the close. */
export function PathComparisonView({ path }: { path: PathComparison }) {
  const t = useT();
  const text = useMessage();
  const isVersionChanged = path.httpVersion.received !== null && path.httpVersion.received !== path.httpVersion.sent;
  return (
    <section className="path-comparison" aria-label={t('doctor:view.path.title')}>
      <h3>{t('doctor:view.path.title')}</h3>
      <dl className="path-lines">
        <dt>{t('doctor:view.path.sent')}</dt>
        <dd><code>{path.sentRequestLine}</code></dd>
        <dt>{t('doctor:view.path.received')}</dt>
        <dd>
          <code className={isVersionChanged ? 'changed' : undefined}>{path.receivedRequestLine === null ? t('doctor:view.path.nothingReached') : <VisibleText text={path.receivedRequestLine} />}</code>
          {isVersionChanged && <span className="badge badge-error">{t('doctor:view.path.versionChanged', { sent: path.httpVersion.sent, received: path.httpVersion.received ?? '' })}</span>}
        </dd>
        {path.peer && (
          <>
            <dt>{t('doctor:view.path.from')}</dt>
            <dd><code><VisibleText text={path.peer} /></code></dd>
          </>
        )}
      </dl>
      {path.headers.length > 0 && (
        <table className="header-table path-headers" aria-label={t('doctor:view.path.headerChanges')}>
          <thead>
            <tr><th>{t('doctor:view.path.header')}</th><th>{t('doctor:view.path.change')}</th><th>{t('doctor:view.path.sent')}</th><th>{t('doctor:view.path.receivedShort')}</th></tr>
          </thead>
          <tbody>
            {path.headers.map((change, index) => (
              <tr key={index} className={`change-${change.change}`}>
                <th scope="row" className="mono"><VisibleText text={change.name} /></th>
                <td>{t(CHANGE[change.change])}</td>
                <td className="mono">{change.sent === null ? '—' : <VisibleText text={change.sent} />}</td>
                <td className="mono">{change.received === null ? '—' : <VisibleText text={change.received} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {path.frames.length > 0 && (
        <table className="header-table" aria-label={t('doctor:view.path.framesTable')}>
          <thead>
            <tr><th>{t('doctor:view.path.direction')}</th><th>{t('doctor:view.path.frames')}</th><th>{t('doctor:view.path.bytes')}</th><th>{t('doctor:view.path.result')}</th></tr>
          </thead>
          <tbody>
            {path.frames.map((crossing) => (
              <tr key={crossing.direction}>
                <th scope="row">{t(DIRECTION[crossing.direction])}</th>
                <td>{crossing.framesSent} → {crossing.framesReceived}</td>
                <td>{crossing.bytesSent} → {crossing.bytesReceived}</td>
                <td>{t(crossingVerdictKeys[crossing.verdict])}{crossing.isMaskKept === true ? t('doctor:view.path.masksKept') : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ul className="path-ends">
        {path.ends.map((end) => (
          <li key={end.side}>
            <strong>{t(end.side === 'client' ? 'doctor:view.path.client' : 'doctor:view.path.backend')}</strong><VisibleText text={text(end.description)} />
            {end.idleSeconds !== null && t('doctor:view.path.afterIdle', { seconds: end.idleSeconds })}
          </li>
        ))}
      </ul>
    </section>
  );
}
