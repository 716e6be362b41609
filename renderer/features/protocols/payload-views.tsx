import { useEffect, useState } from 'react';
import type { PayloadFormatChoice } from '../../../shared/contract/api-protocol.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { TreeNode } from './protocol-tree.js';

const FORMATS = [
  ['auto', 'protocols:payload.auto'],
  ['msgpack', 'protocols:payload.msgpack'],
  ['cbor', 'protocols:payload.cbor'],
  ['protobuf-wire', 'protocols:payload.protobufWire'],
  ['protobuf-schema', 'protocols:payload.protobufSchema'],
] as const;

/** The .proto file and message type for the schema view: the file is read here and compiled in main. */
function ProtoChooser({ choice }: { choice: PayloadFormatChoice }) {
  const t = useT();
  const messageTypes = useApp((state) => state.protocol.messageTypes);
  const [fileName, setFileName] = useState<string | null>(null);
  const protocol = getAppStore().getState().protocol;
  return (
    <>
      <label className="field-inline">
        <span>{t('protocols:payload.protoFile')}</span>
        <input
          type="file"
          accept=".proto,text/plain"
          aria-label={t('protocols:payload.protoFile')}
          onChange={async (event) => {
            const file = event.target.files?.[0];
            if (file === undefined) return;
            setFileName(file.name);
            await protocol.setPayloadChoice({ format: 'protobuf-schema', protoText: await file.text() });
          }}
        />
      </label>
      {messageTypes.length > 0 && (
        <label className="field-inline">
          <span>{t('protocols:payload.messageType')}</span>
          <select aria-label={t('protocols:payload.messageType')} value={choice.messageType ?? ''} onChange={(event) => void protocol.setPayloadChoice({ ...choice, messageType: event.target.value })}>
            <option value="" disabled>{t('protocols:payload.chooseType')}</option>
            {messageTypes.map((name) => <option key={name} value={name}>{name}</option>)}
          </select>
        </label>
      )}
      {fileName !== null && <span className="muted">{fileName}</span>}
    </>
  );
}

/**
 * The frame detail's decoded-payload tab: the WebSocket message, and each byte string inside its
 * protocol messages (an MQTT PUBLISH payload, a Socket.IO attachment), as MessagePack, CBOR or
 * Protocol Buffers: chosen per session, or the first format that parses the bytes cleanly.
 */
export function PayloadViews({ seq }: { seq: number }) {
  const t = useT();
  const detail = useApp((state) => state.protocol.detail);
  const choice = useApp((state) => state.protocol.payloadChoice);
  const error = useApp((state) => state.protocol.error);
  useEffect(() => {
    void getAppStore().getState().protocol.load(seq);
  }, [seq]);
  const views = detail?.seq === seq ? detail.payloadViews : [];
  return (
    <div className="payload-views">
      <div className="toolbar">
        <label className="field-inline">
          <span>{t('protocols:payload.format')}</span>
          <select aria-label={t('protocols:payload.format')} value={choice.format} onChange={(event) => void getAppStore().getState().protocol.setPayloadChoice({ format: event.target.value as PayloadFormatChoice['format'] })}>
            {FORMATS.map(([format, key]) => <option key={format} value={format}>{t(key)}</option>)}
          </select>
        </label>
        {choice.format === 'protobuf-schema' && <ProtoChooser choice={choice} />}
      </div>
      {error !== null && <div className="note warn" role="alert">{error}</div>}
      {views.length === 0 && <div className="empty-note">{t('protocols:payload.nothing')}</div>}
      {views.map((view, index) => (
        <section key={index} className="payload-view" aria-label={view.part === 'message' ? t('protocols:payload.message') : t('protocols:payload.inside', { index: view.index ?? 0 })}>
          <header className="muted">
            {view.part === 'message' ? t('protocols:payload.message') : t('protocols:payload.inside', { index: view.index ?? 0 })}
            {view.format !== null && ` · ${view.format}`}
          </header>
          {view.ok ? <ul className="tree"><TreeNode name={view.format ?? ''} value={view.value} /></ul> : <div className="note">{view.reason}</div>}
        </section>
      ))}
    </div>
  );
}
