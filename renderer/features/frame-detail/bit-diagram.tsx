import type { FrameRecordJson } from '../../../shared/contract/records.js';
import { opcodeName } from '../../../shared/protocol/opcode.js';
import { base64ToBytes, bytesToHex } from '../../lib/bytes.js';
import type { Translate } from '../../lib/text.js';
import { useT } from '../../lib/use-t.js';
import { FRAGMENT_WORDS } from '../timeline/fragment-words.js';

interface Field {
  readonly label: string;
  readonly bits: string;
  readonly value: string;
  readonly isWarning?: boolean;
}

/** The fields of the first two header bytes, RFC 6455 §5.2 figure order. */
function headerFields(record: FrameRecordJson, header: Uint8Array, t: Translate): Field[] {
  const byte0 = header[0] ?? 0;
  const byte1 = header[1] ?? 0;
  const bit = (byte: number, position: number): string => String((byte >> position) & 1);
  const length7 = byte1 & 0x7f;
  return [
    { label: 'FIN', bits: bit(byte0, 7), value: record.fin ? t('frameDetail:bits.final') : t('frameDetail:bits.moreFollow') },
    { label: 'RSV1', bits: bit(byte0, 6), value: record.rsv1 ? t('frameDetail:bits.set') : '', isWarning: record.rsv1 && record.inflatedPayload === undefined },
    { label: 'RSV2', bits: bit(byte0, 5), value: record.rsv2 ? t('frameDetail:bits.set') : '', isWarning: record.rsv2 },
    { label: 'RSV3', bits: bit(byte0, 4), value: record.rsv3 ? t('frameDetail:bits.set') : '', isWarning: record.rsv3 },
    { label: 'opcode', bits: (byte0 & 0x0f).toString(2).padStart(4, '0'), value: `${record.opcode} ${opcodeName(record.opcode)}` },
    { label: 'MASK', bits: bit(byte1, 7), value: record.masked ? t('frameDetail:bits.masked') : t('frameDetail:bits.unmasked') },
    {
      label: 'payload len',
      bits: length7.toString(2).padStart(7, '0'),
      value: length7 === 126 ? t('frameDetail:bits.length16') : length7 === 127 ? t('frameDetail:bits.length64') : String(length7),
    },
  ];
}

/** The frame header drawn as its bit fields, then extended length and masking key. */
export function BitDiagram({ record }: { record: FrameRecordJson }) {
  const t = useT();
  const header = base64ToBytes(record.headerBytes);
  const fields = headerFields(record, header, t);
  const keyLength = record.masked ? 4 : 0;
  const extended = header.subarray(2, header.length - keyLength);
  return (
    <div className="bit-diagram" role="group" aria-label={t('frameDetail:bits.label')}>
      <div className="bit-row" translate="no">
        {fields.map((field) => (
          <div key={field.label} className={`bit-field${field.isWarning ? ' warn' : ''}`} style={{ flexGrow: field.bits.length }} title={`${field.label}: ${field.value || field.bits}`}>
            <div className="bit-label">{field.label}</div>
            <div className="bit-bits">{field.bits.split('').map((value, index) => <span key={index} className={value === '1' ? 'on' : ''}>{value}</span>)}</div>
            <div className="bit-value">{field.value}</div>
          </div>
        ))}
      </div>
      <dl className="bit-extra">
        {extended.length > 0 && (
          <>
            <dt>{t('frameDetail:bits.extendedLength')}</dt>
            <dd className="mono">{`${bytesToHex(extended, ' ')} = ${record.payloadLength}`}</dd>
          </>
        )}
        <dt>{t('frameDetail:bits.maskingKey')}</dt>
        <dd className="mono">{record.maskingKey ?? '—'}</dd>
        <dt>{t('frameDetail:bits.payloadLength')}</dt>
        <dd className="mono">{record.payloadTruncated ? t('frameDetail:bits.bytesTruncated', { count: record.payloadLength }) : t('frameDetail:bits.bytes', { count: record.payloadLength })}</dd>
        <dt>{t('frameDetail:bits.message')}</dt>
        <dd className="mono">{`#${record.messageId} · ${t(FRAGMENT_WORDS[record.fragment])}`}</dd>
      </dl>
    </div>
  );
}
