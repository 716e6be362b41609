import { describe, expect, it } from 'vitest';
import type { HeaderPair, RecordJson } from '../../../shared/contract/records.js';
import { classifyHandshake } from '../../../electron/engine/doctor/handshake-classification.js';
import { hopSignatures } from '../../../electron/engine/doctor/hop-signatures.js';
import { assembleReport } from '../../../electron/engine/doctor/path-doctor.js';
import { collectHops } from '../../../electron/engine/doctor/hop-report.js';
import { english, fixText } from '../../harness/english.js';

// Response heads as these hops answer (header names and values as seen on the wire; bodies shortened).
const recorded: ReadonlyArray<readonly [string, HeaderPair[], string, string]> = [
  ['cloudflare', [['Server', 'cloudflare'], ['CF-RAY', '8a1b2c3d4e5f6789-HKG']], '', 'Server: cloudflare'],
  ['cloudflare', [['CF-RAY', '8a1b2c3d4e5f6789-SJC']], '', 'CF-RAY: 8a1b2c3d4e5f6789-SJC'],
  ['alibaba-cdn', [['Server', 'Tengine'], ['EagleId', '7ce4a01517093849813571836e'], ['Via', 'cache13.l2et15-1[0,400-0,M], cache9.cn1543[4,0]']], '', 'EagleId: 7ce4a01517093849813571836e'],
  ['alibaba-cdn', [['Ali-Swift-Global-Savetime', '1709384981'], ['X-Cache', 'MISS TCP_MISS dirn:-2:-2']], '', 'Ali-Swift-Global-Savetime: 1709384981'],
  ['tengine', [['Server', 'Tengine']], '<html><body><h1>400 Bad Request</h1><hr/>Powered by Tengine</body></html>', 'Server: Tengine'],
  ['tencent-clb', [['Server', 'stgw']], '', 'Server: stgw'],
  ['aws-elb', [['Server', 'awselb/2.0']], '<html><body><center><h1>504 Gateway Time-out</h1></center></body></html>', 'Server: awselb/2.0'],
  ['aws-elb', [['X-Amzn-Trace-Id', 'Root=1-67891233-abcdef012345678912345678']], '', 'X-Amzn-Trace-Id: Root=1-67891233-abcdef012345678912345678'],
  ['google-lb', [['Via', '1.1 google']], '', 'Via: 1.1 google'],
  ['google-lb', [['Server', 'Google Frontend']], '', 'Server: Google Frontend'],
  ['envoy', [['server', 'envoy'], ['x-envoy-upstream-service-time', '3']], '', 'server: envoy'],
  ['envoy', [['x-envoy-upstream-service-time', '3']], '', 'x-envoy-upstream-service-time: 3'],
  ['nginx', [['Server', 'nginx/1.26.3']], '<html>\r\n<head><title>426 Upgrade Required</title></head>', 'Server: nginx/1.26.3'],
  ['nginx', [], '<hr><center>openresty</center>', '<center>openresty</center>'],
  ['caddy', [['Server', 'Caddy']], '', 'Server: Caddy'],
  ['apache', [['Server', 'Apache/2.4.71 (Debian)']], '', 'Server: Apache/2.4.71 (Debian)'],
  ['haproxy', [], '<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>', 'No server is available to handle this request'],
];

describe('hop signatures from recorded responses', () => {
  it.each(recorded)('%s from %j', (hop, headers, body, evidence) => {
    expect(hopSignatures(headers, body)[0]).toMatchObject({ id: hop, evidence });
  });

  it('an unmarked answer names no hop; a CDN\'s Tengine is named once, as the CDN', () => {
    expect(hopSignatures([['Content-Type', 'text/plain']], 'Bad Request')).toEqual([]);
    expect(hopSignatures([['Server', 'Tengine'], ['EagleId', 'x']], '').map((hop) => hop.id)).toEqual(['alibaba-cdn']);
  });
});

const request = { method: 'GET', target: '/ws', httpVersion: '1.1', headers: [['Host', 'a']] as HeaderPair[], raw: '' };
const answer = (statusCode: number, headers: HeaderPair[], body = ''): RecordJson[] => [
  { kind: 'handshake', seq: 2, atMicros: 1, request, response: { httpVersion: '1.1', statusCode, reason: 'R', headers, raw: '', ...(body ? { body: Buffer.from(body).toString('base64') } : {}) }, checks: [] },
];

/** The report the Doctor makes from one handshake probe's answer. */
function reportFor(records: RecordJson[]) {
  const outcome = classifyHandshake(records, 'handshake', 10_000);
  const probe = { id: 'handshake' as const, title: { key: 'doctor:probe.handshake.title' }, status: 'fail' as const, summary: outcome.summary, durationMs: 1, evidence: outcome.evidence, explanation: null, findings: outcome.findings };
  return assembleReport('ws://a/ws', [probe], null, collectHops([{ probe: 'handshake', status: outcome.statusCode, hops: outcome.hops }]));
}

describe('hops in the verdict, and causes for the clouds', () => {
  it('a 400 from Alibaba Cloud CDN names the CDN with its header, ranks both readings and suggests the path test', () => {
    const report = reportFor(answer(400, [['Server', 'Tengine'], ['EagleId', '7ce4a015']], 'Bad Request'));
    expect(english(report.verdict)).toMatch(/^The 400 came through Alibaba Cloud CDN or DCDN \(Tengine\) \(EagleId: 7ce4a015\)\./);
    expect(report.hops.map((hop) => hop.id)).toEqual(['alibaba-cdn']);
    expect(report.causes.map((cause) => cause.id)).toEqual(['websocket-unsupported', 'upgrade-headers-dropped', 'http-version-downgraded']);
    expect(report.causes[0]!.fix.steps[0]!.target).toBe('alibaba-cdn');
    expect(fixText(report.causes[0], 'alibaba-cdn')).toContain('WAF or HTTP/2');
    expect(english(report.nextStep!)).toContain('frameline diagnose --through ws://a/ws --listen PORT');
  });

  it('a 426 is two candidates, most likely first, and the verdict says so instead of one high-confidence cause', () => {
    const report = reportFor(answer(426, [['Server', 'nginx/1.26.3'], ['Upgrade', 'websocket']], 'Upgrade Required'));
    expect(report.causes.map((cause) => `${cause.id}:${cause.confidence}`)).toEqual(['upgrade-headers-dropped:medium', 'http-version-downgraded:low']);
    expect(english(report.verdict)).toContain('Two causes fit this answer');
    expect(english(report.verdict)).toMatch(/^The 426 came from nginx \(Server: nginx\/1\.26\.3\)\./);
  });

  it('a 504 from an AWS load balancer puts the AWS settings first', () => {
    const report = reportFor(answer(504, [['Server', 'awselb/2.0']]));
    expect(report.causes[0]!.id).toBe('gateway-timeout');
    expect(english(report.verdict)).toMatch(/^The 504 came from AWS Elastic Load Balancing/);
  });

  it('every cloud and CDN idle fix names its setting', () => {
    const report = reportFor(answer(101, []));
    expect(report.causes).toEqual([]);
    const idle = assembleReport('ws://a/', [{ id: 'idle', title: { key: 'doctor:probe.idle.title' }, status: 'fail', summary: { key: 'doctor:summary.cancelled' }, durationMs: 1, evidence: [], explanation: null, findings: [{ causeId: 'idle-timeout', confidence: 'high', details: { seconds: 60, how: 'FIN', heartbeatSeconds: 30 }, evidence: [] }] }], 60, []);
    const cause = idle.causes[0];
    expect(fixText(cause, 'aws-alb')).toContain('idle_timeout.timeout_seconds, default 60 s');
    expect(fixText(cause, 'aws-classic-elb')).toContain('ConnectionSettings.IdleTimeout');
    expect(fixText(cause, 'alibaba-cdn')).toContain('default 60 s');
    expect(fixText(cause, 'google-lb')).toContain('default 30 s');
    expect(fixText(cause, 'cloudflare')).toContain('100 s');
    expect(fixText(cause, 'ingress-nginx')).toContain('nginx.ingress.kubernetes.io/proxy-read-timeout');
    expect(fixText(cause, 'envoy')).toContain('stream_idle_timeout');
  });
});
