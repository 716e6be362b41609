import { describe, expect, it } from 'vitest';
import { encodeMqtt } from '../../../shared/app-protocol/mqtt/mqtt-encoder.js';
import { parseMqttPacket } from '../../../shared/app-protocol/mqtt/mqtt-packet-parser.js';
import { redactPayloadCredentials } from '../../../electron/engine/capture/export/payload-credentials.js';
import { defaultRedaction, noRedaction, RedactionRules } from '../../../electron/engine/capture/export/redaction-rules.js';
import { CaptureLog } from '../../../electron/engine/capture/capture-log.js';
import { sampleFrame, sampleHeader } from '../capture/capture-fixtures.js';
import { exportBytes } from './export-fixture.js';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const asText = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

function redacted(payload: Uint8Array): { text: string; names: string[]; bytes: Uint8Array } {
  const rules = new RedactionRules(defaultRedaction);
  const result = redactPayloadCredentials(payload, rules);
  expect(result.bytes.byteLength).toBe(payload.byteLength);
  return { text: asText(result.bytes), names: rules.redactions().map((each) => `${each.location}:${each.name}`), bytes: result.bytes };
}

describe('credentials in frame payloads', () => {
  it("blanks a STOMP CONNECT's passcode and secret-named headers, and leaves other frames' headers alone", () => {
    const connect = redacted(text('CONNECT\r\naccept-version:1.2\r\nhost:/\r\nlogin:guest\r\npasscode:guest\r\nAuthorization:Bearer abc.def\r\n\r\n\0'));
    expect(connect.text).toBe('CONNECT\r\naccept-version:1.2\r\nhost:/\r\nlogin:guest\r\npasscode:*****\r\nAuthorization:**************\r\n\r\n\0');
    expect(connect.names).toEqual(['frame-payload:passcode', 'frame-payload:Authorization']);
    expect(redacted(text('STOMP\nlogin:ann\npasscode:s3cret!\n\nbody passcode:kept\0')).text).toBe('STOMP\nlogin:ann\npasscode:*******\n\nbody passcode:kept\0');
    const send = 'SEND\ndestination:/queue/a\npasscode:not-a-connect\n\nhello\0';
    expect(redacted(text(send)).text).toBe(send);
  });

  it.each([4, 5])("blanks an MQTT %i CONNECT's password and keeps the packet readable", (protocolLevel) => {
    const [connect] = encodeMqtt({ type: 'CONNECT', clientId: 'frameline', username: 'ann', password: 'p4ssw0rd', protocolLevel, will: { topic: 'gone', payload: 'bye' } }, {});
    const { bytes, names } = redacted(connect!.bytes);
    expect(names).toEqual(['frame-payload:password']);
    const parsed = parseMqttPacket(bytes[0] as number, bytes.subarray(2), protocolLevel);
    expect('packet' in parsed && parsed.packet).toMatchObject({ type: 'CONNECT', username: 'ann', clientId: 'frameline', password: text('********') });
    const [publish] = encodeMqtt({ type: 'PUBLISH', topic: 'password', payload: 'p4ssw0rd' }, {});
    expect(redactPayloadCredentials(publish!.bytes, new RedactionRules(defaultRedaction)).isChanged).toBe(false);
  });

  it("blanks MQTT 5 Authentication Data in CONNECT, CONNACK and AUTH, and keeps each packet readable", () => {
    const method = { id: 0x15, value: 'SCRAM-SHA-256' };
    const proof = (value: string) => ({ id: 0x16, value: text(value) });
    const [connect] = encodeMqtt({ type: 'CONNECT', clientId: 'c', username: 'ann', password: 'p4ss', protocolLevel: 5, properties: [method, proof('n,,n=ann,r=nonce')] }, {});
    const connectRedacted = redacted(connect!.bytes);
    expect(connectRedacted.names).toEqual(['frame-payload:authenticationData', 'frame-payload:password']);
    const parsedConnect = parseMqttPacket(0x10, connectRedacted.bytes.subarray(2), 5);
    expect('packet' in parsedConnect && parsedConnect.packet).toMatchObject({ type: 'CONNECT', username: 'ann', password: text('****'), properties: [method, { id: 0x16, value: text('****************') }] });
    const [auth] = encodeMqtt({ type: 'AUTH', reasonCode: 0x18, protocolLevel: 5, properties: [method, proof('c=biws,r=nonce,p=PROOF')] }, {});
    const authRedacted = redacted(auth!.bytes);
    expect(authRedacted.names).toEqual(['frame-payload:authenticationData']);
    expect(authRedacted.text).not.toContain('PROOF');
    expect(authRedacted.text).toContain('SCRAM-SHA-256');
    const [connack] = encodeMqtt({ type: 'CONNACK', protocolLevel: 5, properties: [method, proof('v=SIGNATURE')] }, {});
    expect(redacted(connack!.bytes).text).not.toContain('SIGNATURE');
    // 3.1.1's CONNACK has no properties; text that starts like one of these packets is still read as text.
    const [oldConnack] = encodeMqtt({ type: 'CONNACK' }, {});
    expect(redactPayloadCredentials(oldConnack!.bytes, new RedactionRules(defaultRedaction)).isChanged).toBe(false);
    expect(redacted(text(' {"token":"eyJ.x.y"}')).text).toBe(' {"token":"*******"}');
  });

  it('blanks JSON string members named as credentials: a Socket.IO auth token, a GraphQL connection_init Authorization', () => {
    expect(redacted(text('40{"token":"eyJhbGci.x.y","room":"lobby"}')).text).toBe('40{"token":"************","room":"lobby"}');
    const init = redacted(text('{"type":"connection_init","payload":{"Authorization":"Bearer t0k\\"en","author":"ann"}}'));
    expect(init.text).toBe('{"type":"connection_init","payload":{"Authorization":"**************","author":"ann"}}');
    expect(init.names).toEqual(['frame-payload:Authorization']);
    // A value broken by a line break is no JSON string; the scan goes on after it.
    expect(redacted(text('{"token":"half\n","secret":"s3\\"x","room":"a"}')).text).toBe('{"token":"half\n","secret":"*****","room":"a"}');
    const plain = '{"type":"next","payload":{"data":{"author":"ann","signal":"go"}}}';
    expect(redacted(text(plain)).text).toBe(plain);
  });

  it('takes any bytes without throwing and keeps their length: cut and corrupted CONNECTs, stray quotes', () => {
    const [connect] = encodeMqtt({ type: 'CONNECT', clientId: 'c', username: 'u', password: 'p4ssw0rd' }, {});
    const samples: Uint8Array[] = [];
    for (let cut = 0; cut <= connect!.bytes.length; cut += 1) samples.push(connect!.bytes.subarray(0, cut));
    let seed = 7;
    for (let index = 0; index < 500; index += 1) {
      const bytes = Uint8Array.from({ length: 1 + (index % 90) }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
      if (index % 3 === 0) bytes[0] = 0x10;
      if (index % 3 === 1 && bytes.length >= 10) bytes.set(text('{"token":"'), 0);
      samples.push(bytes);
    }
    for (const sample of samples) expect(redactPayloadCredentials(sample, new RedactionRules(defaultRedaction)).bytes.byteLength).toBe(sample.byteLength);
  });

  it('changes nothing with the opt-out', () => {
    const payload = text('40{"token":"eyJhbGci.x.y"}');
    expect(redactPayloadCredentials(payload, new RedactionRules(noRedaction))).toEqual({ bytes: payload, isChanged: false });
  });

  it("an export blanks them, and the handshake's own token where a frame sends it again", async () => {
    const log = new CaptureLog({ header: sampleHeader({ redactions: [] }) });
    const request = 'GET / HTTP/1.1\r\nHost: h.test\r\nAuthorization: Bearer Zx9-handshake-token\r\n\r\n';
    log.appendHandshake({
      atMicros: 10,
      request: { method: 'GET', target: '/', httpVersion: '1.1', headers: [['Host', 'h.test'], ['Authorization', 'Bearer Zx9-handshake-token']], raw: Buffer.from(request, 'latin1').toString('base64') },
      response: { httpVersion: '1.1', statusCode: 101, reason: 'Switching Protocols', headers: [], raw: Buffer.from('HTTP/1.1 101 Switching Protocols\r\n\r\n', 'latin1').toString('base64') },
      checks: [],
    });
    log.appendFrame(sampleFrame('CONNECT\nlogin:guest\npasscode:guest\n\n\0', { masked: true, atMicros: 20 }), 'out');
    log.appendFrame(sampleFrame('{"auth":"again Zx9-handshake-token"}', { masked: true, atMicros: 30, messageId: 2 }), 'out');
    log.appendFrame(sampleFrame('{"note":"Zx9-handshake-token echoed"}', { atMicros: 40, messageId: 3 }), 'in');
    for (const format of ['json', 'har', 'pcapng'] as const) {
      const exported = (await exportBytes(log, format, defaultRedaction)).toString('latin1');
      const decoded = [...exported.matchAll(/"([A-Za-z0-9+/]{4,}={0,2})"/g)].map((match) => Buffer.from(match[1] as string, 'base64').toString('latin1'));
      for (const secret of ['passcode:guest', 'Zx9-handshake-token']) expect([exported, ...decoded].some((each) => each.includes(secret)), `${format}: ${secret}`).toBe(false);
      // pcapng keeps a client's frames masked, as they crossed the wire.
      if (format !== 'pcapng') expect([exported, ...decoded].some((each) => each.includes('login:guest')), format).toBe(true);
    }
    const header = JSON.parse(`${(await exportBytes(log, 'json', defaultRedaction)).toString('utf8').split('\n')[0]!.slice(0, -1)}}`) as { redactions: unknown[] };
    expect(header.redactions).toEqual(
      expect.arrayContaining([
        { location: 'request-header', name: 'Authorization' },
        { location: 'frame-payload', name: 'passcode' },
        { location: 'frame-payload', name: 'auth' },
        { location: 'frame-payload', name: 'removed-value' },
      ]),
    );
  });
});
