import type { PathComparison } from '../../../shared/contract/doctor-report.js';
import { VisibleText } from '../../lib/visible-text.js';

const DIRECTION = { 'client-to-server': 'client → backend', 'server-to-client': 'backend → client' } as const;

/** What the proxy did to the connection: the request line, headers dropped/added/rewritten, framing, and how each end saw the close. */
export function PathComparisonView({ path }: { path: PathComparison }) {
  const isVersionChanged = path.httpVersion.received !== null && path.httpVersion.received !== path.httpVersion.sent;
  return (
    <section className="path-comparison" aria-label="What the path did">
      <h3>What the path did</h3>
      <dl className="path-lines">
        <dt>Sent</dt>
        <dd><code>{path.sentRequestLine}</code></dd>
        <dt>Backend received</dt>
        <dd>
          <code className={isVersionChanged ? 'changed' : undefined}>{path.receivedRequestLine === null ? 'nothing reached the listener' : <VisibleText text={path.receivedRequestLine} />}</code>
          {isVersionChanged && <span className="badge badge-error">HTTP/{path.httpVersion.sent} → HTTP/{path.httpVersion.received}</span>}
        </dd>
        {path.peer && (
          <>
            <dt>From</dt>
            <dd><code><VisibleText text={path.peer} /></code></dd>
          </>
        )}
      </dl>
      {path.headers.length > 0 && (
        <table className="header-table path-headers" aria-label="Header changes">
          <thead>
            <tr><th>Header</th><th>Change</th><th>Sent</th><th>Received</th></tr>
          </thead>
          <tbody>
            {path.headers.map((change, index) => (
              <tr key={index} className={`change-${change.change}`}>
                <th scope="row"><VisibleText text={change.name} /></th>
                <td>{change.change}</td>
                <td>{change.sent === null ? '—' : <VisibleText text={change.sent} />}</td>
                <td>{change.received === null ? '—' : <VisibleText text={change.received} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {path.frames.length > 0 && (
        <table className="header-table" aria-label="Frames across the path">
          <thead>
            <tr><th>Direction</th><th>Frames sent → received</th><th>Bytes</th><th>Verdict</th></tr>
          </thead>
          <tbody>
            {path.frames.map((crossing) => (
              <tr key={crossing.direction}>
                <th scope="row">{DIRECTION[crossing.direction]}</th>
                <td>{crossing.framesSent} → {crossing.framesReceived}</td>
                <td>{crossing.bytesSent} → {crossing.bytesReceived}</td>
                <td>{crossing.verdict}{crossing.isMaskKept === true ? ' (masking keys kept: bytes relayed as they were)' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ul className="path-ends">
        {path.ends.map((end) => (
          <li key={end.side}>
            <strong>{end.side === 'client' ? 'Client' : 'Backend'}:</strong> <VisibleText text={end.description} />
            {end.idleSeconds !== null && ` after ${end.idleSeconds} s idle`}
          </li>
        ))}
      </ul>
    </section>
  );
}
