import { writeFileSync } from 'node:fs';
import { freePort } from './free-port.js';
import { peerPath } from './peer-availability.js';
import { startProcessPeerIn } from './process-peer.js';
import type { RunningPeer } from './running-peer.js';
import { createTempDir } from './temp-dir.js';

/** nginx `upstream` balancing. */
export type NginxBalance = 'round-robin' | 'ip_hash';

/**
 * nginx in front of several WebSocket backends through one `upstream` block (round-robin, or
 * `ip_hash` so one client address sticks to one backend), with the documented upgrade headers and
 * `X-Upstream: $upstream_addr` added to every response, the 101 included.
 */
export async function startNginxUpstream(upstreamPorts: readonly number[], balance: NginxBalance): Promise<RunningPeer & { url: string }> {
  const dir = createTempDir('nginx-upstream', { worldWritable: true });
  const port = await freePort();
  const prefix = dir.path;
  writeFileSync(
    dir.file('nginx.conf'),
    `worker_processes 1;
pid ${prefix}/nginx.pid;
error_log stderr info;
events { worker_connections 512; }
http {
  access_log ${prefix}/access.log;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream cluster {
${balance === 'ip_hash' ? '    ip_hash;\n' : ''}${upstreamPorts.map((upstream) => `    server 127.0.0.1:${upstream};`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      add_header X-Upstream $upstream_addr always;
      proxy_pass http://cluster;
    }
  }
}
`,
  );
  const peer = await startProcessPeerIn(dir, {
    name: 'nginx',
    command: peerPath('nginx'),
    args: ['-p', prefix, '-c', dir.file('nginx.conf'), '-e', 'stderr', '-g', 'daemon off;'],
    ready: { port },
  });
  return { host: '127.0.0.1', port, url: `ws://127.0.0.1:${port}/`, logs: peer.logs, stop: peer.stop };
}

/**
 * haproxy balancing round-robin over several WebSocket backends, naming the chosen one in an
 * inserted `SERVERID` cookie (the usual stickiness setup) whose value is the server's name.
 */
export async function startHaproxyCluster(servers: ReadonlyArray<{ readonly name: string; readonly port: number }>): Promise<RunningPeer & { url: string }> {
  const dir = createTempDir('haproxy-cluster');
  const port = await freePort();
  writeFileSync(
    dir.file('haproxy.cfg'),
    `global
  log stderr format raw local0 info
defaults
  mode http
  log global
  timeout connect 5s
  timeout client 30s
  timeout server 30s
  timeout tunnel 60s
frontend websocket_in
  bind 127.0.0.1:${port}
  default_backend cluster
backend cluster
  balance roundrobin
  cookie SERVERID insert indirect nocache
${servers.map((server) => `  server ${server.name} 127.0.0.1:${server.port} cookie ${server.name}`).join('\n')}
`,
  );
  const peer = await startProcessPeerIn(dir, {
    name: 'haproxy',
    command: peerPath('haproxy'),
    args: ['-f', dir.file('haproxy.cfg'), '-db'],
    cwd: dir.path,
    ready: { port },
  });
  return { host: '127.0.0.1', port, url: `ws://127.0.0.1:${port}/`, logs: peer.logs, stop: peer.stop };
}
