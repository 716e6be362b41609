import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SessionSummary } from '../../../shared/contract/api-session.js';
import { closeCodeName } from '../../lib/format.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { VisibleText } from '../../lib/visible-text.js';
import { SESSION_STATE_WORDS } from '../sessions/session-label.js';

type ListenedSummary = SessionSummary & { origin: Extract<SessionSummary['origin'], { kind: 'listen' }> };

function isListened(summary: SessionSummary | undefined): summary is ListenedSummary {
  return summary?.origin?.kind === 'listen';
}

/** The running listeners, with the address to point a client or a proxy's upstream at. */
function ListenerList() {
  const t = useT();
  const listeners = useApp((state) => state.listen.listeners);
  if (listeners.length === 0) return <p className="empty-note">{t('listen:notListening')}</p>;
  return (
    <ul className="listener-list" aria-label={t('listen:listeners')}>
      {listeners.map((listener) => (
        <li key={listener.listenerId}>
          <span className="state-dot listening" aria-hidden="true" />
          <code className="listener-url">{listener.url}</code>
          <span className="muted">{listener.respondStatus !== null ? t('listen:answers', { status: listener.respondStatus }) : listener.echo ? t('listen:upgradesEchoes') : t('listen:upgrades')}</span>
          {listener.respondStatus === null && listener.subprotocols.length > 0 && <span className="badge">{t('listen:acceptsSubprotocols', { names: listener.subprotocols.join(', ') })}</span>}
          {listener.respondStatus === null && listener.acceptDeflate && <span className="badge">permessage-deflate</span>}
          {listener.respondStatus === null && listener.pingIntervalMs > 0 && (
            <span className="badge">
              {listener.pongTimeoutMs > 0 ? t('listen:heartbeatBadge.pingAndTimeout', { intervalMs: listener.pingIntervalMs, timeoutMs: listener.pongTimeoutMs }) : t('listen:heartbeatBadge.pingOnly', { intervalMs: listener.pingIntervalMs })}
            </span>
          )}
          <button type="button" onClick={() => void getAppStore().getState().listen.stop(listener.listenerId)}>{t('listen:stop')}</button>
        </li>
      ))}
    </ul>
  );
}

/** Close codes a server commonly ends with (§7.4.1), 1000 first; 4000 is the first code for applications. */
const CLOSE_CODES = [1000, 1001, 1008, 1011, 1012, 1013, 4000] as const;

/** Closes one open accepted connection with the chosen code (1000 unless the user picks another); an ended one shows nothing. */
function CloseConnection({ summary }: { summary: ListenedSummary }) {
  const t = useT();
  const [closeCode, setCloseCode] = useState<number>(CLOSE_CODES[0]);
  const connection = summary.origin.connection;
  if (summary.state !== 'open' || summary.readOnly) return null;
  return (
    <span className="close-connection">
      <select value={closeCode} aria-label={t('listen:closeCodeLabel', { connection })} onChange={(event) => setCloseCode(Number(event.target.value))}>
        {CLOSE_CODES.map((code) => (
          <option key={code} value={code}>{`${code} ${closeCodeName(t, code)}`}</option>
        ))}
      </select>
      <button type="button" aria-label={t('listen:closeLabel', { connection })} title={t('listen:closeTitle')} onClick={() => void getAppStore().getState().listen.closeConnection(summary.id, closeCode)}>
        {t('listen:close')}
      </button>
    </span>
  );
}

/** One accepted connection: who connected, the request line exactly as it arrived, our answer, its frames. */
function ConnectionRow({ id }: { id: string }) {
  const t = useT();
  const summary = useApp((state) => state.sessions.byId[id]);
  const handshake = useApp((state) => state.sessions.handshakes[id]);
  if (!isListened(summary)) return null;
  const request = handshake?.request;
  const requestLine = request ? `${request.method} ${request.target} HTTP/${request.httpVersion}` : t('listen:noRequest');
  const status = summary.statusCode;
  return (
    <tr className={`state-${summary.state}`}>
      <td className="num">{summary.origin.connection}</td>
      <td className="mono">{summary.origin.peer}</td>
      <td className="mono request-line"><VisibleText text={requestLine} /></td>
      <td>{status !== null && <span className={`status-pill ${status === 101 ? 'ok' : 'bad'}`}>{status}</span>}</td>
      <td><span className="state-dot" aria-hidden="true" /> {t(SESSION_STATE_WORDS[summary.state])}</td>
      <td className="num">{summary.counts.framesOut}</td>
      <td className="num">{summary.counts.framesIn}</td>
      <td className="row-actions">
        <button type="button" onClick={() => getAppStore().getState().listen.open(summary.id)}>{t('listen:inspect')}</button>
        <CloseConnection summary={summary} />
      </td>
    </tr>
  );
}

/** Listen mode: Frameline as the server, showing exactly what arrives (request line, headers in order and case, masked frames). */
export function ListenPanel() {
  const t = useT();
  // Another window on the same engine (two browser tabs of `frameline ui`) may have started or
  // stopped a listener since this one last asked: ask again whenever the view is opened.
  useEffect(() => void getAppStore().getState().listen.refresh(), []);
  // Shallow-compared ids: each row follows its own session, so frame counts do not re-render the table.
  const connections = useApp(useShallow((state) => state.sessions.order.filter((id) => isListened(state.sessions.byId[id])).reverse()));
  return (
    <section className="listen" aria-label={t('listen:label')}>
      <div className="panel-title">{t('listen:listeners')}</div>
      <ListenerList />
      <div className="panel-title">{t('listen:connections')}</div>
      {connections.length === 0 ? (
        <p className="empty-note">{t('listen:noConnections')}</p>
      ) : (
        <table className="header-table connections-table" aria-label={t('listen:connections')}>
          <thead>
            <tr>
              <th>#</th>
              <th>{t('listen:column.from')}</th>
              <th>{t('listen:column.requestLine')}</th>
              <th>{t('listen:column.answer')}</th>
              <th>{t('listen:column.state')}</th>
              <th>{t('listen:column.framesFromClient')}</th>
              <th>{t('listen:column.framesToClient')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {connections.map((id) => <ConnectionRow key={id} id={id} />)}
          </tbody>
        </table>
      )}
    </section>
  );
}
