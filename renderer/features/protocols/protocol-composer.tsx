import { useRef, useState } from 'react';
import type { AppProtocolId } from '../../../shared/app-protocol/app-protocol-id.js';
import { APP_PROTOCOL_IDS } from '../../../shared/app-protocol/app-protocol-id.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { SaveProtocolMessageButton } from '../workspace-sidebar/save-message-buttons.js';
import { Choice } from './composer-fields.js';
import type { FormInput } from './form-props.js';
import { GraphqlForm } from './graphql-form.js';
import { MqttForm } from './mqtt-form.js';
import { activeProtocol } from './protocol-state.js';
import { choiceLabelKey } from './protocol-words.js';
import { SignalrForm } from './signalr-form.js';
import { SocketIoForm } from './socket-io-form.js';
import { StompForm } from './stomp-form.js';

const FORMS = { 'socket.io': SocketIoForm, stomp: StompForm, mqtt: MqttForm, 'graphql-ws': GraphqlForm, signalr: SignalrForm } as const;

/**
 * The composer's protocol mode: a form for the session's protocol (or any other, chosen here),
 * encoded in main by the protocol's encoder and sent on the connection. JSON fields go out as typed,
 * so malformed messages can be sent on purpose; the raw modes stay one click away.
 */
export function ProtocolComposer() {
  const t = useT();
  const session = useApp(activeProtocol);
  const canSend = useApp((state) => {
    const summary = state.sessions.byId[state.sessions.activeId ?? ''];
    return summary !== undefined && summary.state === 'open' && !summary.readOnly;
  });
  const isSending = useApp((state) => state.protocol.isSending);
  const error = useApp((state) => state.protocol.error);
  const lastSent = useApp((state) => state.protocol.lastSent);
  const [chosen, setChosen] = useState<AppProtocolId | null>(null);
  const protocol = chosen ?? session?.id ?? 'socket.io';
  const formInput = useRef<FormInput | null>(null);
  const Form = FORMS[protocol];
  const send = (): void => {
    const built = formInput.current?.();
    if (built !== undefined) void getAppStore().getState().protocol.send(built.input, built.label);
  };
  return (
    <div className="protocol-composer" role="form" aria-label={t('protocols:composer.label')}>
      <div className="field-row">
        <Choice label={t('protocols:composer.protocol')} value={protocol} onChange={setChosen} options={APP_PROTOCOL_IDS.map((id) => [id, t(choiceLabelKey(id))] as const)} />
        <span className="toolbar-spacer" />
        <SaveProtocolMessageButton build={() => formInput.current?.()} />
        <button type="button" className="primary" disabled={!canSend || isSending} onClick={send}>{t('protocols:composer.send')}</button>
      </div>
      <Form key={protocol} onInput={formInput} />
      <div className="composer-status">
        {error !== null ? <span className="error-text" role="alert">{error}</span> : <span className="muted">{lastSent !== null ? t('protocols:composer.sent', { what: lastSent }) : t('protocols:composer.hint')}</span>}
      </div>
    </div>
  );
}
