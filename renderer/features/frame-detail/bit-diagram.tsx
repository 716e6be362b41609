import type { FrameRecordJson } from '../../../shared/contract/records.js';
import { opcodeName } from '../../../shared/protocol/opcode.js';
import { base64ToBytes, bytesToHex } from '../../lib/bytes.js';

interface Field {
  readonly label: string;
  readonly bits: string;
  readonly value: string;
  readonly isWarning?: boolean;
}

/** The fields of the first two header bytes, RFC 6455 §5.2 figure order. */
function headerFields(record: FrameRecordJson, header: Uint8Array): Field[] {
  const byte0 = header[0] ?? 0;
  const byte1 = header[1] ?? 0;
  const bit = (byte: number, position: number): string => String((byte >> position) & 1);
  const length7 = byte1 & 0x7f;
  return [
    { label: 'FIN', bits: bit(byte0, 7), value: record.fin ? 'final' : 'more follow' },
    { label: 'RSV1', bits: bit(byte0, 6), value: record.rsv1 ? 'set' : '', isWarning: record.rsv1 && record.inflatedPayload === undefined },
    { label: 'RSV2', bits: bit(byte0, 5), value: record.rsv2 ? 'set' : '', isWarning: record.rsv2 },
    { label: 'RSV3', bits: bit(byte0, 4), value: record.rsv3 ? 'set' : '', isWarning: record.rsv3 },
    { label: 'opcode', bits: (byte0 & 0x0f).toString(2).padStart(4, '0'), value: `${record.opcode} ${opcodeName(record.opcode)}` },
    { label: 'MASK', bits: bit(byte1, 7), value: record.masked ? 'masked' : 'unmasked' },
    { label: 'payload len', bits: length7.toString(2).padStart(7, '0'), value: length7 === 126 ? '126: 16-bit length follows' : length7 === 127 ? '127: 64-bit length follows' : String(length7) },
  ];
}

/** The frame header drawn as its bit fields, then extended length and masking key. */
export function BitDiagram({ record }: { record: FrameRecordJson }) {
  const header = base64ToBytes(record.headerBytes);
  const fields = headerFields(record, header);
  const keyLength = record.masked ? 4 : 0;
  const extended = header.subarray(2, header.length - keyLength);
  return (
    <div className="bit-diagram" role="group" aria-label="Header bits">
      <div className="bit-row">
        {fields.map((field) => (
          <div key={field.label} className={`bit-field${field.isWarning ? ' warn' : ''}`} style={{ flexGrow: field.bits.length }}>
            <div className="bit-label">{field.label}</div>
            <div className="bit-bits">{field.bits.split('').map((value, index) => <span key={index} className={value === '1' ? 'on' : ''}>{value}</span>)}</div>
            <div className="bit-value">{field.value}</div>
          </div>
        ))}
      </div>
      <dl className="bit-extra">
        {extended.length > 0 && (
          <>
            <dt>Extended length</dt>
            <dd className="mono">{`${bytesToHex(extended, ' ')} = ${record.payloadLength}`}</dd>
          </>
        )}
        <dt>Masking key</dt>
        <dd className="mono">{record.maskingKey ?? '—'}</dd>
        <dt>Payload length</dt>
        <dd className="mono">{`${record.payloadLength} bytes${record.payloadTruncated ? ' (retained bytes truncated)' : ''}`}</dd>
        <dt>Message</dt>
        <dd className="mono">{`#${record.messageId} · ${record.fragment}`}</dd>
      </dl>
    </div>
  );
}
