import { useShallow } from 'zustand/react/shallow';
import type { SessionSummary } from '../../../shared/contract/api-session.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';

type RelayedSummary = SessionSummary & { origin: Extract<SessionSummary['origin'], { kind: 'relay' }> };

const STATE_WORDS: Record<SessionSummary['state'], 'relay:view.stateConnecting' | 'relay:view.stateOpen' | 'relay:view.stateClosing' | 'relay:view.stateClosed'> = {
  connecting: 'relay:view.stateConnecting',
  open: 'relay:view.stateOpen',
  closing: 'relay:view.stateClosing',
  closed: 'relay:view.stateClosed',
};

function isRelayed(summary: SessionSummary | undefined): summary is RelayedSummary {
  return summary?.origin?.kind === 'relay';
}

/** The running relays: what a client points at, or the proxy address to set. */
export function RelayList() {
  const t = useT();
  const relays = useApp((state) => state.relay.relays);
  if (relays.length === 0) return <p className="empty-note">{t('relay:view.noRelays')}</p>;
  return (
    <ul className="listener-list" aria-label={t('relay:view.relays')}>
      {relays.map((relay) => (
        <li key={relay.relayId}>
          <span className="state-dot listening" aria-hidden="true" />
          <code className="listener-url">{relay.url}</code>
          {relay.upstreamUrl ? <code className="muted">→ {relay.upstreamUrl}</code> : <span className="muted">{t('relay:view.proxyOnly')}</span>}
          <span className="muted">{relay.mode === 'message' ? t('relay:view.modeMessage') : t('relay:view.modeFrameExact')}</span>
          <span className="muted">{t('relay:view.proxyAt', { proxy: `http://${relay.host.includes(':') ? `[${relay.host}]` : relay.host}:${relay.port}` })}</span>
          <button type="button" onClick={() => void getAppStore().getState().relay.stop(relay.relayId)}>{t('relay:view.stop')}</button>
        </li>
      ))}
    </ul>
  );
}

function SessionRow({ id }: { id: string }) {
  const t = useT();
  const summary = useApp((state) => state.sessions.byId[id]);
  const pausedCount = useApp((state) => state.relay.paused[id]?.length ?? 0);
  const isShown = useApp((state) => state.relay.shownSessionId === id);
  if (!isRelayed(summary)) return null;
  const { peer, upstreamUrl } = summary.origin;
  return (
    <li className={`relayed-client state-${summary.state}${isShown ? ' selected' : ''}`}>
      <span className="num">{summary.origin.connection}</span>
      <code className="relayed-peer" title={`${t('relay:view.client')} ${peer}`}>{peer}</code>
      <span className="relayed-state">
        {summary.statusCode !== null && <span className={`status-pill ${summary.statusCode === 101 ? 'ok' : 'bad'}`} title={t('relay:view.answer')}>{summary.statusCode}</span>}
        <span className="state-dot" aria-hidden="true" /> {t(STATE_WORDS[summary.state])}
      </span>
      <button type="button" onClick={() => getAppStore().getState().relay.show(id)}>{t('relay:view.show')}</button>
      <code className="relayed-upstream muted" title={`${t('relay:view.server')} ${upstreamUrl}`}>→ {upstreamUrl}</code>
      <span className="relayed-counts muted">
        {t('relay:view.framesCount', { count: summary.counts.framesOut + summary.counts.framesIn })}
        {pausedCount > 0 && <span className="badge badge-warn">{t('relay:view.pausedCount', { count: pausedCount })}</span>}
      </span>
    </li>
  );
}

/**
 * Every relayed client, newest first: who, where to, how it is going, what waits. Two lines a
 * client rather than a table's eight columns, so the side column's 340 px hold each address whole.
 */
export function RelaySessions() {
  const t = useT();
  const ids = useApp(useShallow((state) => state.sessions.order.filter((id) => isRelayed(state.sessions.byId[id])).reverse()));
  if (ids.length === 0) return <p className="empty-note">{t('relay:view.noSessions')}</p>;
  return (
    <ul className="relayed-clients" aria-label={t('relay:view.sessions')}>
      {ids.map((id) => <SessionRow key={id} id={id} />)}
    </ul>
  );
}
