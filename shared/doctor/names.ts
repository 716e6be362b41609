import type { FixTarget, FrameCrossing, HopId, ProbeId, ProbeStatus } from '../contract/doctor-report.js';
import type { ClosedBy } from '../contract/records.js';

/** The catalogue key naming each hop the Doctor can identify. */
export const hopNameKeys = {
  cloudflare: 'doctor:hop.cloudflare',
  'alibaba-cdn': 'doctor:hop.alibaba-cdn',
  tengine: 'doctor:hop.tengine',
  'tencent-clb': 'doctor:hop.tencent-clb',
  'aws-elb': 'doctor:hop.aws-elb',
  'google-lb': 'doctor:hop.google-lb',
  envoy: 'doctor:hop.envoy',
  nginx: 'doctor:hop.nginx',
  caddy: 'doctor:hop.caddy',
  apache: 'doctor:hop.apache',
  haproxy: 'doctor:hop.haproxy',
} as const satisfies Record<HopId, string>;

/** The catalogue key naming each fix target (a tab in the window, a label in the CLI). */
export const fixTargetNameKeys = {
  nginx: 'doctor:target.nginx',
  haproxy: 'doctor:target.haproxy',
  caddy: 'doctor:target.caddy',
  apache: 'doctor:target.apache',
  'ingress-nginx': 'doctor:target.ingress-nginx',
  traefik: 'doctor:target.traefik',
  envoy: 'doctor:target.envoy',
  'alibaba-clb': 'doctor:target.alibaba-clb',
  'alibaba-alb': 'doctor:target.alibaba-alb',
  'alibaba-cdn': 'doctor:target.alibaba-cdn',
  'tencent-clb': 'doctor:target.tencent-clb',
  'aws-alb': 'doctor:target.aws-alb',
  'aws-classic-elb': 'doctor:target.aws-classic-elb',
  'google-lb': 'doctor:target.google-lb',
  cloudflare: 'doctor:target.cloudflare',
  ws: 'doctor:target.ws',
  'socket-io': 'doctor:target.socket-io',
  spring: 'doctor:target.spring',
  stomp: 'doctor:target.stomp',
  mqtt: 'doctor:target.mqtt',
} as const satisfies Record<FixTarget, string>;

/** The catalogue key of each probe status word (PASS / 通过 …). */
export const statusKeys = {
  pass: 'doctor:status.pass',
  warn: 'doctor:status.warn',
  fail: 'doctor:status.fail',
  skip: 'doctor:status.skip',
} as const satisfies Record<ProbeStatus, string>;

/** The catalogue key of who closed a connection (client / 客户端 …). */
export const closedByKeys = {
  client: 'doctor:close.by.client',
  server: 'doctor:close.by.server',
  path: 'doctor:close.by.path',
} as const satisfies Record<ClosedBy, string>;

/** The catalogue key of each probe's name, for a probe still running (a finished one carries its own title). */
export const probeTitleKeys = {
  dns: 'doctor:probe.dns.title',
  tcp: 'doctor:probe.tcp.title',
  proxy: 'doctor:probe.proxy.title',
  tls: 'doctor:probe.tls.title',
  handshake: 'doctor:probe.handshake.title',
  'http1.0': 'doctor:probe.http10.title',
  ping: 'doctor:probe.ping.title',
  deflate: 'doctor:probe.deflate.title',
  'large-message': 'doctor:probe.large-message.titleUnsized',
  idle: 'doctor:probe.idle.title',
  liveness: 'doctor:probe.liveness.title',
  path: 'doctor:probe.path.title',
  'path-upgrade': 'doctor:probe.path-upgrade.title',
  'path-frames': 'doctor:probe.path-frames.title',
  'path-close': 'doctor:probe.path-close.title',
} as const satisfies Record<ProbeId, string>;

/** The catalogue key of each direction a path test compares frames in. */
export const crossingDirectionKeys = {
  'client-to-server': 'doctor:path.direction.client-to-server',
  'server-to-client': 'doctor:path.direction.server-to-client',
} as const satisfies Record<FrameCrossing['direction'], string>;

/** The catalogue key of how one direction's frames crossed the path (same, re-chunked …). */
export const crossingVerdictKeys = {
  same: 'doctor:path.crossing.same',
  're-chunked': 'doctor:path.crossing.re-chunked',
  coalesced: 'doctor:path.crossing.coalesced',
  lost: 'doctor:path.crossing.lost',
  none: 'doctor:path.crossing.none',
} as const satisfies Record<FrameCrossing['verdict'], string>;
