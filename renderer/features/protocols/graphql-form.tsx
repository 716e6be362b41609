import { useState } from 'react';
import { useT } from '../../lib/use-t.js';
import { Area, Choice, Row, Suggestions, Text } from './composer-fields.js';
import type { FormProps } from './form-props.js';

/** GraphQL over WebSocket: a subscribe with query and variables (as typed), or any message by type (connection_init, ping, complete…). */
export function GraphqlForm({ onInput }: FormProps) {
  const t = useT();
  const [kind, setKind] = useState<'subscribe' | 'message'>('subscribe');
  const [query, setQuery] = useState('subscription { tick(count: 3) }');
  const [variables, setVariables] = useState('');
  const [type, setType] = useState('connection_init');
  const [id, setId] = useState('');
  const [payload, setPayload] = useState('');
  onInput.current = () =>
    kind === 'subscribe'
      ? { input: { protocol: 'graphql-ws', input: { kind: 'subscribe', query, ...(variables.trim() !== '' ? { variablesJson: variables } : {}), ...(id !== '' ? { id } : {}) } }, label: 'subscribe' }
      : { input: { protocol: 'graphql-ws', input: { kind: 'message', type, ...(id !== '' ? { id } : {}), ...(payload.trim() !== '' ? { payloadJson: payload } : {}) } }, label: type };
  return (
    <>
      <Row>
        <Choice label={t('protocols:composer.kind')} value={kind} onChange={setKind} options={[['subscribe', t('protocols:composer.graphql.subscribe')], ['message', t('protocols:composer.graphql.message')]]} />
        {kind === 'message' && <Text label={t('protocols:composer.graphql.type')} value={type} onChange={setType} list="graphql-types" />}
        <Suggestions id="graphql-types" values={['connection_init', 'ping', 'pong', 'complete', 'stop', 'connection_terminate']} />
        <Text label={t('protocols:composer.graphql.id')} value={id} onChange={setId} placeholder={t('protocols:composer.graphql.idAuto')} />
      </Row>
      {kind === 'subscribe' ? (
        <Row>
          <Area label={t('protocols:composer.graphql.query')} value={query} onChange={setQuery} />
          <Area label={t('protocols:composer.graphql.variables')} value={variables} onChange={setVariables} placeholder='{"n": 3}' />
        </Row>
      ) : (
        <Area label={t('protocols:composer.graphql.payload')} value={payload} onChange={setPayload} />
      )}
    </>
  );
}
