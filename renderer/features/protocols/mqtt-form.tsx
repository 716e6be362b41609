import { useState } from 'react';
import type { ProtocolInputOf } from '../../../shared/contract/api-protocol.js';
import { useT } from '../../lib/use-t.js';
import { Area, Check, Choice, Row, Text } from './composer-fields.js';
import type { FormProps } from './form-props.js';

type PacketType = 'CONNECT' | 'PUBLISH' | 'SUBSCRIBE' | 'UNSUBSCRIBE' | 'PINGREQ' | 'DISCONNECT';
const TYPES: readonly PacketType[] = ['CONNECT', 'PUBLISH', 'SUBSCRIBE', 'UNSUBSCRIBE', 'PINGREQ', 'DISCONNECT'];
const QOS = [['0', '0'], ['1', '1'], ['2', '2']] as const;

/** MQTT: CONNECT, PUBLISH (topic, QoS, retain, payload), SUBSCRIBE and UNSUBSCRIBE (topic filter, QoS), PINGREQ, DISCONNECT; packet ids are the session's next free ones. */
export function MqttForm({ onInput }: FormProps) {
  const t = useT();
  const [type, setType] = useState<PacketType>('PUBLISH');
  const [topic, setTopic] = useState('sensors/t');
  const [qos, setQos] = useState<'0' | '1' | '2'>('1');
  const [retain, setRetain] = useState(false);
  const [payload, setPayload] = useState('21.5');
  const [clientId, setClientId] = useState('frameline');
  const [keepAlive, setKeepAlive] = useState('60');
  const [level, setLevel] = useState<'4' | '5'>('4');
  const input = (): ProtocolInputOf<'mqtt'> => {
    switch (type) {
      case 'CONNECT':
        return { type, clientId, keepAliveSeconds: Number.parseInt(keepAlive, 10) || 0, protocolLevel: Number(level), cleanStart: true };
      case 'PUBLISH':
        return { type, topic, qos: Number(qos), retain, payload };
      case 'SUBSCRIBE':
        return { type, topic, qos: Number(qos) };
      case 'UNSUBSCRIBE':
        return { type, topic };
      default:
        return { type };
    }
  };
  onInput.current = () => ({ input: { protocol: 'mqtt', input: input() }, label: type === 'PUBLISH' ? `PUBLISH ${topic}` : type });
  return (
    <>
      <Row>
        <Choice label={t('protocols:composer.mqtt.type')} value={type} onChange={setType} options={TYPES.map((name) => [name, name] as const)} />
        {type === 'CONNECT' && (
          <>
            <Text label={t('protocols:composer.mqtt.clientId')} value={clientId} onChange={setClientId} />
            <Text label={t('protocols:composer.mqtt.keepAlive')} value={keepAlive} onChange={setKeepAlive} />
            <Choice label={t('protocols:composer.mqtt.version')} value={level} onChange={setLevel} options={[['4', '3.1.1'], ['5', '5.0']]} />
          </>
        )}
        {(type === 'PUBLISH' || type === 'SUBSCRIBE' || type === 'UNSUBSCRIBE') && <Text label={t('protocols:composer.mqtt.topic')} value={topic} onChange={setTopic} />}
        {(type === 'PUBLISH' || type === 'SUBSCRIBE') && <Choice label={t('protocols:composer.mqtt.qos')} value={qos} onChange={setQos} options={QOS} />}
        {type === 'PUBLISH' && <Check label={t('protocols:composer.mqtt.retain')} checked={retain} onChange={setRetain} />}
      </Row>
      {type === 'PUBLISH' && <Area label={t('protocols:composer.mqtt.payload')} value={payload} onChange={setPayload} />}
    </>
  );
}
