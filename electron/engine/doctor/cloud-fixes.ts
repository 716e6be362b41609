import type { CauseId, FixStep } from '../../../shared/contract/doctor-report.js';
import { message } from '../../../shared/i18n/message.js';
import { noteStep } from './fix-step.js';

/**
 * Console settings and keys of the load balancers and CDNs the field notes name, with their
 * documented defaults. Every note's source (the vendor document's title) is in
 * docs/doctor-clouds.md; where no document was found the note says so instead of a default.
 */

const upgradeSteps: FixStep[] = [
  noteStep('alibaba-clb', message('doctor:fix.upgrade.alibaba-clb')),
  noteStep('alibaba-alb', message('doctor:fix.upgrade.alibaba-alb')),
  noteStep('alibaba-cdn', message('doctor:fix.upgrade.alibaba-cdn')),
  noteStep('tencent-clb', message('doctor:fix.upgrade.tencent-clb')),
  noteStep('aws-alb', message('doctor:fix.upgrade.aws-alb')),
  noteStep('aws-classic-elb', message('doctor:fix.upgrade.aws-classic-elb')),
  noteStep('google-lb', message('doctor:fix.upgrade.google-lb')),
  noteStep('cloudflare', message('doctor:fix.upgrade.cloudflare')),
];

const http10Steps: FixStep[] = [
  noteStep('alibaba-clb', message('doctor:fix.http-version.alibaba-clb')),
  noteStep('alibaba-cdn', message('doctor:fix.upgrade.alibaba-cdn')),
  noteStep('aws-alb', message('doctor:fix.http-version.aws-alb')),
  noteStep('aws-classic-elb', message('doctor:fix.upgrade.aws-classic-elb')),
];

const idleSteps: FixStep[] = [
  noteStep('alibaba-clb', message('doctor:fix.idle-timeout.alibaba-clb')),
  noteStep('alibaba-alb', message('doctor:fix.idle-timeout.alibaba-alb')),
  noteStep('alibaba-cdn', message('doctor:fix.idle-timeout.alibaba-cdn')),
  noteStep('tencent-clb', message('doctor:fix.idle-timeout.tencent-clb')),
  noteStep('aws-alb', message('doctor:fix.idle-timeout.aws-alb')),
  noteStep('aws-classic-elb', message('doctor:fix.idle-timeout.aws-classic-elb')),
  noteStep('google-lb', message('doctor:fix.idle-timeout.google-lb')),
  noteStep('cloudflare', message('doctor:fix.idle-timeout.cloudflare')),
];

/** The cloud and CDN steps for a cause; empty where the cause is not about the path's hops. */
export function cloudSteps(causeId: CauseId): FixStep[] {
  switch (causeId) {
    case 'upgrade-headers-dropped':
    case 'websocket-unsupported':
      return upgradeSteps;
    case 'gateway-timeout':
    case 'http-version-downgraded':
      return http10Steps;
    case 'idle-timeout':
    case 'heartbeat-slower-than-idle-timeout':
      return idleSteps;
    default:
      return [];
  }
}
