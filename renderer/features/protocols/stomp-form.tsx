import { useState } from 'react';
import { useT } from '../../lib/use-t.js';
import { Area, Check, Choice, Row, Suggestions, Text } from './composer-fields.js';
import type { FormProps } from './form-props.js';

const COMMANDS = ['CONNECT', 'STOMP', 'SEND', 'SUBSCRIBE', 'UNSUBSCRIBE', 'ACK', 'NACK', 'BEGIN', 'COMMIT', 'ABORT', 'DISCONNECT'];

/** `name:value` lines as header pairs; a line without a colon is a header without a value (malformed on purpose). */
function headerLines(text: string): Array<[string, string]> {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const colon = line.indexOf(':');
      return colon < 0 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 1)];
    });
}

/** STOMP: a frame with any command, headers one per line and a body; NUL termination and content-length can be turned off; or a heart-beat. */
export function StompForm({ onInput }: FormProps) {
  const t = useT();
  const [command, setCommand] = useState('SEND');
  const [headers, setHeaders] = useState('destination:/topic/chat\ncontent-type:text/plain');
  const [body, setBody] = useState('hello');
  const [isTerminated, setTerminated] = useState(true);
  const [contentLength, setContentLength] = useState<'auto' | 'omit'>('auto');
  onInput.current = () =>
    command === 'heart-beat'
      ? { input: { protocol: 'stomp', input: { kind: 'heart-beat' } }, label: 'heart-beat' }
      : { input: { protocol: 'stomp', input: { kind: 'frame', command, headers: headerLines(headers), body, terminate: isTerminated, contentLength } }, label: command };
  return (
    <>
      <Row>
        <Text label={t('protocols:composer.stomp.command')} value={command} onChange={setCommand} list="stomp-commands" />
        <Suggestions id="stomp-commands" values={[...COMMANDS, 'heart-beat']} />
        <Choice label={t('protocols:composer.stomp.contentLength')} value={contentLength} onChange={setContentLength} options={[['auto', t('protocols:composer.stomp.contentLengthAuto')], ['omit', t('protocols:composer.stomp.contentLengthOmit')]]} />
        <Check label={t('protocols:composer.stomp.terminate')} checked={isTerminated} onChange={setTerminated} />
      </Row>
      {command !== 'heart-beat' && (
        <Row>
          <Area label={t('protocols:composer.stomp.headers')} value={headers} onChange={setHeaders} placeholder="destination:/queue/a" />
          <Area label={t('protocols:composer.body')} value={body} onChange={setBody} />
        </Row>
      )}
    </>
  );
}
