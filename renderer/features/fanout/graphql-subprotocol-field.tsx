import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { currentForm } from '../../store/settings-slice.js';

/**
 * The two GraphQL-over-WebSocket subprotocols a fan-out client can offer: `graphql-transport-ws`
 * (the graphql-ws library), which clients offer when the settings name none, and the legacy
 * `graphql-ws` (subscriptions-transport-ws). The token `graphql-ws` names the legacy one.
 */
const CHOICES = ['graphql-transport-ws', 'graphql-ws'] as const;

/** What the settings' subprotocols amount to: one of the two choices, or the settings' own list. */
function choiceOf(subprotocols: string): string {
  if (subprotocols === '' || subprotocols === 'graphql-transport-ws') return 'graphql-transport-ws';
  return subprotocols;
}

/**
 * Which GraphQL subprotocol every client offers (the server's answer decides which protocol they
 * speak). It edits the Subprotocols of the view's connection settings, their one home, so the
 * drawer and this field always agree.
 */
export function GraphqlSubprotocolField({ isDisabled }: { readonly isDisabled: boolean }) {
  const t = useT();
  const subprotocols = useApp((state) => currentForm(state).options.subprotocols.join(', '));
  const choice = choiceOf(subprotocols);
  const isOwnList = !(CHOICES as readonly string[]).includes(choice);
  return (
    <label className="number-field" title={t('fanout:view.subprotocolTitle')}>
      <span className="muted">{t('fanout:view.subprotocol')}</span>
      <select
        value={choice}
        disabled={isDisabled}
        onChange={(event) => getAppStore().getState().settings.updateOptions((options) => ({ ...options, subprotocols: event.target.value === 'graphql-ws' ? ['graphql-ws'] : [] }))}
      >
        <option value="graphql-transport-ws" translate="no">graphql-transport-ws</option>
        <option value="graphql-ws">{t('fanout:view.subprotocolLegacy')}</option>
        {isOwnList && <option value={choice} disabled>{t('fanout:view.subprotocolOwn', { subprotocols })}</option>}
      </select>
    </label>
  );
}
