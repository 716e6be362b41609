import { describe, expect, it } from 'vitest';
import { CaptureLog } from '../../../electron/engine/capture/capture-log.js';
import { ConnectProbeStream, settledConnectSteps } from '../../../electron/engine/doctor/connect-probe-stream.js';
import type { ConnectContext } from '../../../electron/engine/doctor/connect-probes.js';
import type { EventRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { sampleHeader } from '../capture/capture-fixtures.js';

const context = (url: string, isProxied = false): ConnectContext => {
  const parsed = new URL(url);
  return { url: parsed, dialAddress: parsed.host, dialHost: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), isSecure: parsed.protocol === 'wss:', isProxied };
};
const event = (seq: number, name: EventRecordJson['name'], fields: Record<string, unknown> = {}): EventRecordJson => ({ kind: 'event', seq, atMicros: seq * 1000, name, ...fields });
const dns = event(0, 'dns', { host: 'api.example', addresses: ['10.0.0.1'], durationMicros: 900 });
const tcp = event(1, 'tcp-connected', { remoteAddress: '10.0.0.1', remotePort: 443, durationMicros: 400 });
const tls = event(2, 'tls-established', { protocol: 'TLSv1.3', durationMicros: 3000 });
const sent = event(3, 'handshake-sent', { bytes: 200, httpVersion: '1.1' });

describe('settledConnectSteps', () => {
  it('direct wss: DNS once resolved, TCP once connected, TLS once its handshake is done', () => {
    const secure = context('wss://api.example/ws');
    const steps: RecordJson[][] = [[], [dns], [dns, tcp], [dns, tcp, tls]];
    expect(steps.map((records) => settledConnectSteps(records, secure))).toEqual([0, 1, 2, 3]);
  });

  it('ws: TLS is settled (skipped) with TCP; an address needs no lookup, so DNS is settled before anything happens', () => {
    expect(settledConnectSteps([dns, tcp], context('ws://api.example/ws'))).toBe(3);
    expect(settledConnectSteps([], context('wss://127.0.0.1:8443/'))).toBe(1);
    expect(settledConnectSteps([], context('wss://[::1]:8443/'))).toBe(1);
  });

  it('through a proxy, DNS and TCP wait for the tunnel (a SOCKS lookup or a refused tunnel may still come)', () => {
    const proxied = context('wss://api.example/ws', true);
    expect(settledConnectSteps([dns, tcp], proxied)).toBe(0);
    expect(settledConnectSteps([dns, tcp, event(2, 'proxy-tunnel-established', { proxyKind: 'http-connect' })], proxied)).toBe(2);
  });

  it('the end of the dial settles all three: the handshake sent, an error, the session closed', () => {
    const secure = context('wss://api.example/ws', true);
    expect(settledConnectSteps([dns, sent], secure)).toBe(3);
    expect(settledConnectSteps([event(0, 'error', { stage: 'dns', message: 'no such name' })], secure)).toBe(3);
    expect(settledConnectSteps([dns, event(1, 'closed', { by: 'client', how: 'fin' })], secure)).toBe(3);
  });
});

describe('ConnectProbeStream', () => {
  it('reports each probe once, in order, as the capture passes its step; settle reports the rest and returns all three', () => {
    const capture = new CaptureLog({ header: sampleHeader({ targetUrl: 'wss://api.example/ws' }) });
    const reported: string[] = [];
    const stream = new ConnectProbeStream(context('wss://api.example/ws'), (probe) => reported.push(`${probe.id}:${probe.status}`));
    stream.watch(capture);
    expect(reported).toEqual([]);
    capture.appendEvent({ atMicros: 900, name: 'dns', peer: 'server', host: 'api.example', addresses: ['10.0.0.1'], durationMicros: 900 });
    expect(reported).toEqual(['dns:pass']);
    capture.appendEvent({ atMicros: 1300, name: 'tcp-connected', peer: 'server', remoteAddress: '10.0.0.1', remotePort: 443, localAddress: '10.0.0.2', localPort: 50000, durationMicros: 400 });
    expect(reported).toEqual(['dns:pass', 'tcp:pass']);
    capture.appendEvent({ atMicros: 4300, name: 'error', stage: 'tls', message: 'certificate expired', hint: 'renew it' });
    expect(reported).toEqual(['dns:pass', 'tcp:pass', 'tls:fail']);
    expect(stream.settle(capture).map((probe) => probe.id)).toEqual(['dns', 'tcp', 'tls']);
    expect(reported).toHaveLength(3);
  });

  it('a session that ends before its dial says anything settles the three from what there is', () => {
    const capture = new CaptureLog({ header: sampleHeader({ targetUrl: 'ws://api.example/ws' }) });
    const reported: string[] = [];
    const stream = new ConnectProbeStream(context('ws://api.example/ws'), (probe) => reported.push(`${probe.id}:${probe.status}`));
    stream.watch(capture);
    expect(stream.settle(capture).map((probe) => `${probe.id}:${probe.status}`)).toEqual(['dns:skip', 'tcp:skip', 'tls:skip']);
    expect(reported).toEqual(['dns:skip', 'tcp:skip', 'tls:skip']);
  });
});
