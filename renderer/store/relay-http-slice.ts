import type { EventPayload } from '../../shared/contract/api.js';
import type { RelayInfo } from '../../shared/contract/api-relay.js';
import { maxHttpExchangesPerRelay, type HttpExchange } from '../../shared/contract/relay-http-exchange.js';
import { engineMessage, typedRedaction } from './capture-slice.js';
import { patchSlice, type GetApp, type SetApp } from './types.js';

/** An exchange of one relay, as the list names it. */
export interface HttpExchangeKey {
  readonly relayId: string;
  readonly exchangeId: number;
}

/**
 * The relays' passed-through HTTP exchanges (Engine.IO polling, SignalR negotiate, pages through
 * the proxy): each relay's list as main pushed it (`relayHttpExchange`, one exchange at its start
 * and again when it finished), pulled once per relay when the view first shows it, and the one
 * selected for its heads and body starts. A stopped relay's list stays, and can still be exported,
 * until main lets it go with the relay history (`relayHttpExchangesReleased`).
 */
export interface RelayHttpSlice {
  readonly byRelay: Readonly<Record<string, readonly HttpExchange[]>>;
  readonly loadedRelayIds: readonly string[];
  readonly selected: HttpExchangeKey | null;
  /** Stopped relays whose exchanges main still keeps, oldest first. */
  readonly stoppedRelays: readonly RelayInfo[];
  load(relayId: string): Promise<void>;
  apply(event: EventPayload<'relayHttpExchange'>): void;
  /** Stopped relays whose exchanges main keeps (`relayStopped`, or `listRelays` after a reload): listed and exportable until released. */
  listStopped(relays: readonly RelayInfo[]): void;
  release(event: EventPayload<'relayHttpExchangesReleased'>): void;
  select(key: HttpExchangeKey | null): void;
  /** The relay whose exchanges are being exported, so its button can wait. */
  readonly exportingRelayId: string | null;
  /** Saves a running or stopped relay's exchanges as HAR (a save dialog, or a download in the browser), always redacted; the status bar says where. */
  exportHar(relayId: string): Promise<void>;
}

/** The relay HTTP exchanges slice. */
export function createRelayHttpSlice(set: SetApp, get: GetApp): RelayHttpSlice {
  const patch = (value: Partial<RelayHttpSlice> | ((slice: RelayHttpSlice) => Partial<RelayHttpSlice>)): void => patchSlice(set, 'relayHttp', value);
  return {
    byRelay: {},
    loadedRelayIds: [],
    selected: null,
    stoppedRelays: [],
    exportingRelayId: null,

    async load(relayId) {
      if (get().relayHttp.loadedRelayIds.includes(relayId)) return;
      patch((slice) => ({ loadedRelayIds: [...slice.loadedRelayIds, relayId] }));
      try {
        const listed = await get().api.listHttpExchanges(relayId);
        // Events that came while the list was on its way are newer than it.
        patch((slice) => ({ byRelay: { ...slice.byRelay, [relayId]: merged(listed, slice.byRelay[relayId] ?? []) } }));
      } catch (error) {
        // A stopped relay released while its listing was on its way is simply gone, as `release` says.
        if (get().relayHttp.stoppedRelays.some((relay) => relay.relayId === relayId)) return get().relayHttp.release({ relayId });
        get().sessions.reportError(error);
      }
    },

    apply({ relayId, exchange }) {
      patch((slice) => ({ byRelay: { ...slice.byRelay, [relayId]: merged(slice.byRelay[relayId] ?? [], [exchange]) } }));
    },

    listStopped(relays) {
      patch((slice) => ({ stoppedRelays: [...slice.stoppedRelays, ...relays.filter((relay) => !slice.stoppedRelays.some((kept) => kept.relayId === relay.relayId))] }));
    },

    release({ relayId }) {
      patch((slice) => {
        const { [relayId]: _released, ...byRelay } = slice.byRelay;
        return {
          byRelay,
          loadedRelayIds: slice.loadedRelayIds.filter((id) => id !== relayId),
          stoppedRelays: slice.stoppedRelays.filter((relay) => relay.relayId !== relayId),
          selected: slice.selected?.relayId === relayId ? null : slice.selected,
        };
      });
    },

    select(key) {
      patch({ selected: key });
    },

    async exportHar(relayId) {
      const { api, capture, platform } = get();
      patch({ exportingRelayId: relayId });
      try {
        const result = await api.exportRelayHar(relayId, typedRedaction(capture));
        if (result.kind === 'cancelled') return;
        if (result.kind === 'download') platform.download(result.downloadId, result.suggestedName);
        get().sessions.showNotice({
          kind: 'info',
          message: (t) => (result.kind === 'saved' ? t('relay:http.exportSaved', { path: result.fileName }) : t('relay:http.exportDownload', { name: result.suggestedName })),
        });
      } catch (error) {
        get().sessions.showNotice({ kind: 'error', message: (t) => t('relay:http.exportFailed', { message: engineMessage(error, 'exportRelayHar') }) });
      } finally {
        patch({ exportingRelayId: null });
      }
    },
  };
}

/** `older` updated by `newer` (same id: the newer wins), by id, the newest `maxHttpExchangesPerRelay`. */
function merged(older: readonly HttpExchange[], newer: readonly HttpExchange[]): HttpExchange[] {
  const byId = new Map(older.map((exchange) => [exchange.exchangeId, exchange]));
  for (const exchange of newer) byId.set(exchange.exchangeId, exchange);
  return [...byId.values()].sort((a, b) => a.exchangeId - b.exchangeId).slice(-maxHttpExchangesPerRelay);
}
