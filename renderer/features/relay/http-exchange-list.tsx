import { useEffect, useMemo, useState } from 'react';
import type { HttpExchange } from '../../../shared/contract/relay-http-exchange.js';
import { message, renderMessage } from '../../../shared/i18n/message.js';
import { httpExchangeAnswerMessage } from '../../../shared/relay/http-exchange-text.js';
import { formatBytes } from '../../lib/format.js';
import { useT } from '../../lib/use-t.js';
import { VisibleText } from '../../lib/visible-text.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { HttpExchangeDetail } from './http-exchange-detail.js';
import './relay-http.css';

interface Listed {
  readonly relayId: string;
  readonly exchange: HttpExchange;
}

function statusClass(exchange: HttpExchange): string {
  const code = exchange.response?.statusCode;
  if (code === undefined) return exchange.end.kind === 'open' ? 'muted' : 'status-pill bad';
  return `status-pill ${code < 400 ? 'ok' : 'bad'}`;
}

function ExchangeRow({ listed, isSelected }: { listed: Listed; isSelected: boolean }) {
  const t = useT();
  const { relayId, exchange } = listed;
  const select = (): void => getAppStore().getState().relayHttp.select(isSelected ? null : { relayId, exchangeId: exchange.exchangeId });
  return (
    <tr className={isSelected ? 'selected' : undefined} onClick={select}>
      <td>
        <button type="button" className="link-button mono" aria-label={t('relay:http.select', { id: exchange.exchangeId })} aria-pressed={isSelected} onClick={(event) => { event.stopPropagation(); select(); }}>
          <VisibleText text={exchange.method} />
        </button>
      </td>
      <td className="mono http-target" title={exchange.url}><VisibleText text={exchange.url} /></td>
      <td><span className={statusClass(exchange)}><VisibleText text={renderMessage(t, exchange.end.kind === 'open' && exchange.response === null ? message('relay:http.open') : httpExchangeAnswerMessage(exchange))} /></span></td>
      <td className="num">{t('relay:http.sizesValue', { request: formatBytes(exchange.requestBody.byteLength), response: formatBytes(exchange.response?.body.byteLength ?? 0) })}</td>
      <td className="num">{exchange.durationMs === null ? '' : t('relay:http.durationValue', { ms: Math.round(exchange.durationMs) })}</td>
    </tr>
  );
}

/**
 * "Export HAR…" for each relay with exchanges, running or stopped (a bug report is often filed
 * after the stop); the relay's address is in the tooltip and, when there are several, in the
 * label, with "stopped" for one that is (a new relay may listen at the same address).
 */
function ExportHarButtons({ relayIds }: { relayIds: readonly string[] }) {
  const t = useT();
  const relays = useApp((state) => state.relay.relays);
  const stoppedRelays = useApp((state) => state.relayHttp.stoppedRelays);
  const exporting = useApp((state) => state.relayHttp.exportingRelayId);
  const shown = [...stoppedRelays, ...relays].filter((relay) => relayIds.includes(relay.relayId));
  return shown.map((relay) => {
    const isStopped = stoppedRelays.includes(relay);
    return (
      <button
        key={relay.relayId}
        type="button"
        className="export-har"
        title={t(isStopped ? 'relay:http.exportHarOfStopped' : 'relay:http.exportHarOf', { url: relay.url })}
        disabled={exporting !== null}
        onClick={() => void getAppStore().getState().relayHttp.exportHar(relay.relayId)}
      >
        {t('relay:http.exportHar')}
        {shown.length > 1 && <span className="mono"> {`${relay.host}:${relay.port}`}</span>}
        {shown.length > 1 && isStopped && <span className="muted"> {t('relay:http.stopped')}</span>}
      </button>
    );
  });
}

/**
 * The relays' HTTP exchanges that were not WebSocket (an Engine.IO client's long-polling before
 * it upgrades, SignalR's negotiate, pages through the proxy), newest first: method, target,
 * status, body sizes and time; the selected one's heads and body starts below.
 */
export function HttpExchangeList() {
  const t = useT();
  const relays = useApp((state) => state.relay.relays);
  const stoppedRelays = useApp((state) => state.relayHttp.stoppedRelays);
  const byRelay = useApp((state) => state.relayHttp.byRelay);
  const selected = useApp((state) => state.relayHttp.selected);
  useEffect(() => {
    // Stopped relays too: after a reload the window has only main's list of them.
    for (const relay of [...stoppedRelays, ...relays]) void getAppStore().getState().relayHttp.load(relay.relayId);
  }, [relays, stoppedRelays]);
  const listed = useMemo(
    () => Object.entries(byRelay).flatMap(([relayId, exchanges]) => exchanges.map((exchange) => ({ relayId, exchange }))).sort((a, b) => b.exchange.startedAtMs - a.exchange.startedAtMs),
    [byRelay],
  );
  const shown = selected === null ? undefined : listed.find((each) => each.relayId === selected.relayId && each.exchange.exchangeId === selected.exchangeId);
  // The timeline above is what the view is for: no exchange yet is one title line (what would be
  // listed is its tooltip), and a list can be folded to its title with the count.
  const [isFolded, setFolded] = useState(false);
  if (listed.length === 0) {
    return (
      <section className="panel http-exchanges" aria-label={t('relay:http.title')}>
        <div className="panel-title" title={t('relay:http.none')}>
          {t('relay:http.title')} <span className="muted">{t('relay:http.noneShort')}</span>
        </div>
      </section>
    );
  }
  return (
    <section className="panel http-exchanges" aria-label={t('relay:http.title')}>
      <div className="panel-title">
        <button type="button" className="link-button fold-button" aria-expanded={!isFolded} onClick={() => setFolded(!isFolded)}>
          {isFolded ? '▸' : '▾'} {t('relay:http.title')}
        </button>
        <span className="muted">{t('relay:http.count', { count: listed.length })}</span>
        <ExportHarButtons relayIds={Object.keys(byRelay).filter((relayId) => (byRelay[relayId]?.length ?? 0) > 0)} />
      </div>
      {!isFolded && (
        <table className="header-table connections-table http-exchange-table" aria-label={t('relay:http.title')}>
          <thead>
            <tr>
              <th>{t('relay:http.method')}</th>
              <th>{t('relay:http.target')}</th>
              <th>{t('relay:http.status')}</th>
              <th>{t('relay:http.sizes')}</th>
              <th>{t('relay:http.duration')}</th>
            </tr>
          </thead>
          <tbody>
            {listed.map((each) => (
              <ExchangeRow key={`${each.relayId}:${each.exchange.exchangeId}`} listed={each} isSelected={each === shown} />
            ))}
          </tbody>
        </table>
      )}
      {!isFolded && shown && <HttpExchangeDetail exchange={shown.exchange} />}
    </section>
  );
}
