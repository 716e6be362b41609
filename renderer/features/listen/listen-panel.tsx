import { useShallow } from 'zustand/react/shallow';
import type { SessionSummary } from '../../../shared/contract/api-session.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { VisibleText } from '../../lib/visible-text.js';

type ListenedSummary = SessionSummary & { origin: Extract<SessionSummary['origin'], { kind: 'listen' }> };

function isListened(summary: SessionSummary | undefined): summary is ListenedSummary {
  return summary?.origin?.kind === 'listen';
}

/** The running listeners, with the address to point a client or a proxy's upstream at. */
function ListenerList() {
  const listeners = useApp((state) => state.listen.listeners);
  if (listeners.length === 0) return <p className="empty-note">Not listening. Start a listener, then point a client or your proxy's upstream (proxy_pass, server line) at it.</p>;
  return (
    <ul className="listener-list" aria-label="Listeners">
      {listeners.map((listener) => (
        <li key={listener.listenerId}>
          <span className="state-dot listening" aria-hidden="true" />
          <code className="listener-url">{listener.url}</code>
          <span className="muted">{listener.respondStatus !== null ? `answers ${listener.respondStatus}` : listener.echo ? 'upgrades, echoes' : 'upgrades'}</span>
          <button type="button" onClick={() => void getAppStore().getState().listen.stop(listener.listenerId)}>Stop</button>
        </li>
      ))}
    </ul>
  );
}

/** One accepted connection: who connected, the request line exactly as it arrived, our answer, its frames. */
function ConnectionRow({ id }: { id: string }) {
  const summary = useApp((state) => state.sessions.byId[id]);
  const handshake = useApp((state) => state.sessions.handshakes[id]);
  if (!isListened(summary)) return null;
  const request = handshake?.request;
  const requestLine = request ? `${request.method} ${request.target} HTTP/${request.httpVersion}` : '(no request yet)';
  const status = summary.statusCode;
  return (
    <tr className={`state-${summary.state}`}>
      <td className="num">{summary.origin.connection}</td>
      <td className="mono">{summary.origin.peer}</td>
      <td className="mono request-line"><VisibleText text={requestLine} /></td>
      <td>{status !== null && <span className={`status-pill ${status === 101 ? 'ok' : 'bad'}`}>{status}</span>}</td>
      <td><span className="state-dot" aria-hidden="true" /> {summary.state}</td>
      <td className="num">{summary.counts.framesOut}</td>
      <td className="num">{summary.counts.framesIn}</td>
      <td><button type="button" onClick={() => getAppStore().getState().listen.open(summary.id)}>Inspect</button></td>
    </tr>
  );
}

/** Listen mode: Frameline as the server, showing exactly what arrives (request line, headers in order and case, masked frames). */
export function ListenPanel() {
  // Shallow-compared ids: each row follows its own session, so frame counts do not re-render the table.
  const connections = useApp(useShallow((state) => state.sessions.order.filter((id) => isListened(state.sessions.byId[id])).reverse()));
  return (
    <section className="listen" aria-label="Listen">
      <div className="panel-title">Listeners</div>
      <ListenerList />
      <div className="panel-title">Connections</div>
      {connections.length === 0 ? (
        <p className="empty-note">No connections yet. Each one shows the request as it arrived, then every frame the client sent, masks included.</p>
      ) : (
        <table className="header-table connections-table" aria-label="Connections">
          <thead>
            <tr><th>#</th><th>From</th><th>Request line</th><th>Answer</th><th>State</th><th>Frames from client</th><th>Frames to client</th><th /></tr>
          </thead>
          <tbody>
            {connections.map((id) => <ConnectionRow key={id} id={id} />)}
          </tbody>
        </table>
      )}
    </section>
  );
}
