import { useState } from 'react';
import type { ProtocolInput } from '../../../shared/contract/api-protocol.js';
import { useT } from '../../lib/use-t.js';
import { Area, Check, Choice, Row, Text } from './composer-fields.js';
import type { FormProps } from './form-props.js';

type Kind = 'event' | 'connect' | 'disconnect' | 'ack' | 'raw';

/** Socket.IO: an event in a namespace with JSON arguments (as typed) and an ack if wanted, a namespace connect or disconnect, an ack, or any Engine.IO text. */
export function SocketIoForm({ onInput }: FormProps) {
  const t = useT();
  const [kind, setKind] = useState<Kind>('event');
  const [namespace, setNamespace] = useState('/');
  const [event, setEvent] = useState('chat:message');
  const [argsJson, setArgs] = useState('{"text":"hi"}');
  const [wantsAck, setWantsAck] = useState(true);
  const [ackId, setAckId] = useState('0');
  const [raw, setRaw] = useState('42["event"]');
  const input = (): ProtocolInput => {
    switch (kind) {
      case 'event':
        return { protocol: 'socket.io', input: { kind: 'event', namespace, event, argsJson, wantsAck } };
      case 'ack':
        return { protocol: 'socket.io', input: { kind: 'ack', namespace, ackId: Number.parseInt(ackId, 10) || 0, argsJson } };
      case 'connect':
        return { protocol: 'socket.io', input: { kind: 'connect', namespace } };
      case 'disconnect':
        return { protocol: 'socket.io', input: { kind: 'disconnect', namespace } };
      case 'raw':
        return { protocol: 'socket.io', input: { kind: 'raw', text: raw } };
    }
  };
  onInput.current = () => ({ input: input(), label: kind === 'event' ? `EVENT ${event}` : kind.toUpperCase() });
  return (
    <>
      <Row>
        <Choice label={t('protocols:composer.kind')} value={kind} onChange={setKind} options={[['event', t('protocols:composer.socketIo.event')], ['connect', t('protocols:composer.socketIo.connect')], ['disconnect', t('protocols:composer.socketIo.disconnect')], ['ack', t('protocols:composer.socketIo.ack')], ['raw', t('protocols:composer.raw')]]} />
        {kind !== 'raw' && <Text label={t('protocols:composer.socketIo.namespace')} value={namespace} onChange={setNamespace} />}
        {kind === 'event' && <Text label={t('protocols:composer.socketIo.eventName')} value={event} onChange={setEvent} />}
        {kind === 'ack' && <Text label={t('protocols:composer.socketIo.ackId')} value={ackId} onChange={setAckId} />}
        {kind === 'event' && <Check label={t('protocols:composer.socketIo.wantsAck')} checked={wantsAck} onChange={setWantsAck} />}
      </Row>
      {(kind === 'event' || kind === 'ack') && <Area label={t('protocols:composer.socketIo.args')} value={argsJson} onChange={setArgs} placeholder='{"text":"hi"}, 2' />}
      {kind === 'raw' && <Area label={t('protocols:composer.rawText')} value={raw} onChange={setRaw} />}
    </>
  );
}
