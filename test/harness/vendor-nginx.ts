import type { HopId } from '../../shared/contract/doctor-report.js';
import { startNginx, type NginxPeer } from './nginx.js';

/** The hops an nginx can be made to answer like. */
export type VendorHop = Extract<HopId, 'alibaba-cdn' | 'cloudflare' | 'aws-elb' | 'envoy' | 'google-lb' | 'tencent-clb'>;

// No Upgrade or Connection is forwarded in the relaying configurations: each stands for a hop whose
// WebSocket support is off, so the backend's own 426 comes back through it.
const relayWithoutUpgrade = 'proxy_http_version 1.1;';

/**
 * nginx location directives that make it answer like a vendor's edge, by what the Doctor reads:
 * the status, the vendor's own headers (`add_header … always`, so error answers carry them too) and,
 * where the vendor answers itself, its error page. nginx cannot drop its own `Server` header
 * without a third-party module, so `server_tokens off` leaves `Server: nginx` beside a vendor
 * `Server` line; the Doctor must still name the vendor, which answered or relayed first.
 */
export const vendorLocations: Readonly<Record<VendorHop, string>> = {
  // DCDN with its WebSocket switch off answers the upgrade itself with Tengine's 400 page.
  'alibaba-cdn': [
    'server_tokens off;',
    'add_header EagleId $request_id always;',
    'add_header Via "cache13.l2et15-1[0,400-0,M], cache9.cn1543[4,0]" always;',
    'add_header Timing-Allow-Origin "*" always;',
    'default_type text/html;',
    `return 400 '<html>\\r\\n<head><title>400 Bad Request</title></head>\\r\\n<body>\\r\\n<center><h1>400 Bad Request</h1></center>\\r\\n<hr><center>Powered by Tengine</center>\\r\\n</body>\\r\\n</html>\\r\\n';`,
  ].join('\n'),
  // A proxied zone with the WebSockets toggle off relays the origin's answer, with its CF-RAY.
  cloudflare: ['server_tokens off;', 'add_header CF-RAY "$request_id-HKG" always;', relayWithoutUpgrade].join('\n'),
  // An ELB gives up on a backend that never switched protocols and answers 504 itself.
  'aws-elb': [
    'server_tokens off;',
    'add_header Server "awselb/2.0" always;',
    'default_type text/html;',
    `return 504 '<html>\\r\\n<head><title>504 Gateway Time-out</title></head>\\r\\n<body>\\r\\n<center><h1>504 Gateway Time-out</h1></center>\\r\\n</body>\\r\\n</html>\\r\\n';`,
  ].join('\n'),
  // Envoy without upgrade_configs forwards the request as a plain GET and names itself on the answer.
  envoy: ['server_tokens off;', 'add_header server envoy always;', 'add_header x-envoy-upstream-service-time 3 always;', relayWithoutUpgrade].join('\n'),
  'google-lb': ['server_tokens off;', 'add_header Via "1.1 google" always;', relayWithoutUpgrade].join('\n'),
  'tencent-clb': ['server_tokens off;', 'add_header Server stgw always;', relayWithoutUpgrade].join('\n'),
};

/** Starts nginx answering like `vendor`, in front of the upstream (which the relaying vendors reach without the upgrade). */
export function startVendorNginx(vendor: VendorHop, upstreamPort: number): Promise<NginxPeer> {
  return startNginx({ upstreamPort, mode: 'custom', custom: { http: '', location: vendorLocations[vendor] } });
}
