import { describe, expect, it } from 'vitest';
import { CaptureLog } from '../../../electron/engine/capture/capture-log.js';
import { ConnectProbeStream, settledConnectSteps } from '../../../electron/engine/doctor/connect-probe-stream.js';
import type { ConnectContext } from '../../../electron/engine/doctor/connect-step.js';
import type { EventRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { sampleHeader } from '../capture/capture-fixtures.js';

const squid = { kind: 'http-connect', host: 'proxy.example', port: 3128 } as const;
const context = (url: string, proxy: ConnectContext['proxy'] = null): ConnectContext => {
  const parsed = new URL(url);
  return { url: parsed, dialAddress: parsed.host, dialHost: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), isSecure: parsed.protocol === 'wss:', proxy };
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

  it("through a proxy: the proxy's lookup, TCP to the proxy, its answer, then TLS through the tunnel, each settled as it happens", () => {
    const proxied = context('wss://api.example/ws', squid);
    const proxyDns = event(0, 'dns', { peer: 'proxy', host: 'proxy.example', addresses: ['10.0.0.9'], durationMicros: 700 });
    const proxyTcp = event(1, 'tcp-connected', { peer: 'proxy', remoteAddress: '10.0.0.9', remotePort: 3128, durationMicros: 300 });
    const tunnel = event(2, 'proxy-tunnel-established', { proxyKind: 'http-connect', target: 'api.example:443', statusLine: 'HTTP/1.1 200 Connection established' });
    const steps: RecordJson[][] = [[], [proxyDns], [proxyDns, proxyTcp], [proxyDns, proxyTcp, tunnel], [proxyDns, proxyTcp, tunnel, tls]];
    expect(steps.map((records) => settledConnectSteps(records, proxied))).toEqual([0, 1, 2, 3, 4]);
    expect(settledConnectSteps([], context('wss://api.example/ws', { ...squid, host: '127.0.0.1' }))).toBe(1);
    expect(settledConnectSteps([proxyDns, proxyTcp, tunnel], context('ws://api.example/ws', squid))).toBe(4);
  });

  it("through SOCKS without remote DNS, the server's name looked up after TCP to the proxy does not settle the proxy step", () => {
    const socks = context('ws://api.example/ws', { kind: 'socks5', host: '127.0.0.1', port: 1080, remoteDns: false });
    const proxyTcp = event(0, 'tcp-connected', { peer: 'proxy', remoteAddress: '127.0.0.1', remotePort: 1080, durationMicros: 300 });
    const targetDns = event(1, 'dns', { peer: 'server', host: 'api.example', addresses: ['10.0.0.1'], durationMicros: 900 });
    expect(settledConnectSteps([proxyTcp, targetDns], socks)).toBe(2);
  });

  it('the end of the dial settles all three: the handshake sent, an error, the session closed', () => {
    const secure = context('wss://api.example/ws');
    expect(settledConnectSteps([dns, sent], secure)).toBe(3);
    expect(settledConnectSteps([event(0, 'error', { stage: 'dns', message: 'no such name' })], secure)).toBe(3);
    expect(settledConnectSteps([dns, event(1, 'closed', { by: 'client', how: 'fin' })], secure)).toBe(3);
    expect(settledConnectSteps([event(0, 'error', { stage: 'proxy', message: 'refused' })], context('wss://api.example/ws', squid))).toBe(4);
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

  it('through a proxy, TCP to the proxy is reported while the proxy has not answered; its refusal fails the proxy step, not TCP', () => {
    const capture = new CaptureLog({ header: sampleHeader({ targetUrl: 'ws://api.example/ws' }) });
    const reported: string[] = [];
    const stream = new ConnectProbeStream(context('ws://api.example/ws', { ...squid, host: '127.0.0.1' }), (probe) => reported.push(`${probe.id}:${probe.status}:${probe.findings.map((finding) => finding.causeId).join(',')}`));
    stream.watch(capture);
    expect(reported).toEqual(['dns:skip:']);
    capture.appendEvent({ atMicros: 300, name: 'tcp-connected', peer: 'proxy', remoteAddress: '127.0.0.1', remotePort: 3128, localAddress: '127.0.0.1', localPort: 50000, durationMicros: 300 });
    expect(reported).toEqual(['dns:skip:', 'tcp:pass:']);
    capture.appendEvent({ atMicros: 2300, name: 'error', stage: 'proxy', message: 'The HTTP proxy refused to tunnel: HTTP/1.1 403 Forbidden', hint: 'SSL_ports', code: 'HTTP_403' });
    expect(reported).toEqual(['dns:skip:', 'tcp:pass:', 'proxy:fail:proxy-tunnel-failed', 'tls:skip:']);
    expect(stream.settle(capture).map((probe) => probe.id)).toEqual(['dns', 'tcp', 'proxy', 'tls']);
  });

  it('tells each part of a SOCKS exchange once, as it is recorded, before the proxy step settles; the step then carries them all', () => {
    const capture = new CaptureLog({ header: sampleHeader({ targetUrl: 'ws://api.example/ws' }) });
    const reported: string[] = [];
    const parts: string[] = [];
    const stream = new ConnectProbeStream(context('ws://api.example/ws', { kind: 'socks5', host: '127.0.0.1', port: 1080, remoteDns: true, username: 'u', password: 'p' }), (probe) => reported.push(`${probe.id}:${probe.status}`), (part) => parts.push(`${String(part['step'])}:${String(part['outcome'])}`));
    stream.watch(capture);
    capture.appendEvent({ atMicros: 300, name: 'tcp-connected', peer: 'proxy', remoteAddress: '127.0.0.1', remotePort: 1080, localAddress: '127.0.0.1', localPort: 50000, durationMicros: 300 });
    capture.appendEvent({ atMicros: 500, name: 'socks-step', proxyKind: 'socks5', step: 'method', outcome: 'ok', offeredMethods: [0, 2], chosenMethod: 2, durationMicros: 200, message: 'method' });
    expect(parts).toEqual(['method:ok']);
    capture.appendEvent({ atMicros: 700, name: 'socks-step', proxyKind: 'socks5', step: 'auth', outcome: 'ok', authStatus: 0, durationMicros: 200, message: 'auth' });
    expect(parts).toEqual(['method:ok', 'auth:ok']);
    expect(reported).toEqual(['dns:skip', 'tcp:pass']);
    capture.appendEvent({ atMicros: 900, name: 'socks-step', proxyKind: 'socks5', step: 'request', outcome: 'refused', reply: 2, durationMicros: 200, message: 'request' });
    capture.appendEvent({ atMicros: 950, name: 'error', stage: 'proxy', message: 'not allowed', hint: 'rules', code: 'SOCKS5_0x02' });
    expect(parts).toEqual(['method:ok', 'auth:ok', 'request:refused']);
    expect(reported).toEqual(['dns:skip', 'tcp:pass', 'proxy:fail', 'tls:skip']);
    expect(stream.settle(capture)[2]!.steps!.map((part) => part.status)).toEqual(['pass', 'pass', 'fail']);
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
