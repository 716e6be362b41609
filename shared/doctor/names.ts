import type { FixTarget, HopId, ProbeStatus } from '../contract/doctor-report.js';

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
} as const satisfies Record<FixTarget, string>;

/** The catalogue key of each probe status word (PASS / 通过 …). */
export const statusKeys = {
  pass: 'doctor:status.pass',
  warn: 'doctor:status.warn',
  fail: 'doctor:status.fail',
  skip: 'doctor:status.skip',
} as const satisfies Record<ProbeStatus, string>;
