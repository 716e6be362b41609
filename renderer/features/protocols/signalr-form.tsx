import { useState } from 'react';
import type { ProtocolInputOf } from '../../../shared/contract/api-protocol.js';
import { useT } from '../../lib/use-t.js';
import { Area, Check, Choice, Row, Text } from './composer-fields.js';
import type { FormProps } from './form-props.js';

type Kind = 'invoke' | 'handshake' | 'ping' | 'close' | 'raw';

/** SignalR: invoke a hub method with JSON arguments (an id when a result is wanted), the handshake, a ping, close, or any text. */
export function SignalrForm({ onInput }: FormProps) {
  const t = useT();
  const [kind, setKind] = useState<Kind>('invoke');
  const [target, setTarget] = useState('SendMessage');
  const [args, setArgs] = useState('"ann", "hello"');
  const [wantsResult, setWantsResult] = useState(false);
  const [isStream, setStream] = useState(false);
  const [hubProtocol, setHubProtocol] = useState<'json' | 'messagepack'>('json');
  const [raw, setRaw] = useState('{"type":6}\u001e');
  const input = (): ProtocolInputOf<'signalr'> => {
    switch (kind) {
      case 'invoke':
        return { kind, target, argumentsJson: args, wantsResult, isStream };
      case 'handshake':
        return { kind, protocol: hubProtocol };
      case 'raw':
        return { kind, text: raw };
      default:
        return { kind };
    }
  };
  onInput.current = () => ({ input: { protocol: 'signalr', input: input() }, label: kind === 'invoke' ? target : kind });
  return (
    <>
      <Row>
        <Choice label={t('protocols:composer.kind')} value={kind} onChange={setKind} options={[['invoke', t('protocols:composer.signalr.invoke')], ['handshake', t('protocols:composer.signalr.handshake')], ['ping', 'Ping'], ['close', 'Close'], ['raw', t('protocols:composer.raw')]]} />
        {kind === 'invoke' && (
          <>
            <Text label={t('protocols:composer.signalr.target')} value={target} onChange={setTarget} />
            <Check label={t('protocols:composer.signalr.wantsResult')} checked={wantsResult} onChange={setWantsResult} />
            <Check label={t('protocols:composer.signalr.stream')} checked={isStream} onChange={setStream} />
          </>
        )}
        {kind === 'handshake' && <Choice label={t('protocols:composer.signalr.hubProtocol')} value={hubProtocol} onChange={setHubProtocol} options={[['json', 'JSON'], ['messagepack', 'MessagePack']]} />}
      </Row>
      {kind === 'invoke' && <Area label={t('protocols:composer.signalr.arguments')} value={args} onChange={setArgs} />}
      {kind === 'raw' && <Area label={t('protocols:composer.rawText')} value={raw} onChange={setRaw} />}
    </>
  );
}
