import type { CauseId, FixStep } from '../../../shared/contract/doctor-report.js';
import { message } from '../../../shared/i18n/message.js';
import { block, configStep, notedConfigStep } from './fix-step.js';

/**
 * How servers notice dead clients, for the liveness probe's causes: a ping on an interval and a
 * drop when the answer does not come (ws), Engine.IO's own ping (Socket.IO), STOMP heart-beats
 * (Spring, and the client's CONNECT), MQTT Keep Alive. The interval must stay below every idle
 * timeout on the path (proxy-fixes.ts).
 */
const wsHeartbeat = configStep(
  'ws',
  block(
    message('doctor:where.wsServer'),
    '// ping every 30 s; drop a client that did not answer the previous ping',
    'wss.on("connection", (ws) => {',
    '  ws.isAlive = true;',
    '  ws.on("pong", () => { ws.isAlive = true; });',
    '});',
    'const heartbeat = setInterval(() => {',
    '  for (const ws of wss.clients) {',
    '    if (ws.isAlive === false) { ws.terminate(); continue; }',
    '    ws.isAlive = false;',
    '    ws.ping();',
    '  }',
    '}, 30_000);',
    'wss.on("close", () => clearInterval(heartbeat));',
  ),
);

const socketIoHeartbeat = notedConfigStep(
  'socket-io',
  message('doctor:fix.heartbeat.socket-io'),
  block(message('doctor:where.socketIoServer'), 'const io = new Server(httpServer, {', '  pingInterval: 25000, // Engine.IO ping every 25 s', '  pingTimeout: 20000,  // drop a client that has not answered 20 s later', '});'),
);

const springHeartbeat = notedConfigStep(
  'spring',
  message('doctor:fix.heartbeat.spring'),
  block(
    message('doctor:where.springBroker'),
    'registry.enableSimpleBroker("/topic", "/queue")',
    '        .setHeartbeatValue(new long[] {10000, 10000})',
    '        .setTaskScheduler(heartbeatScheduler); // a ThreadPoolTaskScheduler bean',
  ),
);

const stompHeartbeat = notedConfigStep(
  'stomp',
  message('doctor:fix.heartbeat.stomp'),
  block(message('doctor:where.stompClient'), 'CONNECT', 'accept-version:1.2', 'host:/', 'heart-beat:10000,10000'),
);

const mqttKeepAlive = notedConfigStep(
  'mqtt',
  message('doctor:fix.heartbeat.mqtt'),
  block(message('doctor:where.mqttClient'), '# client: CONNECT with a Keep Alive below the proxies\' idle timeouts, never 0', 'keepalive = 30', '# mosquitto.conf: caps the Keep Alive an MQTT 5 client may ask for', 'max_keepalive 60'),
);

/** Server-side heartbeat steps for the liveness causes; empty for every other cause. */
export function heartbeatSteps(causeId: CauseId): FixStep[] {
  switch (causeId) {
    case 'no-server-heartbeat':
    case 'heartbeat-not-enforced':
    case 'heartbeat-slower-than-idle-timeout':
      return [wsHeartbeat, socketIoHeartbeat, springHeartbeat, stompHeartbeat, mqttKeepAlive];
    default:
      return [];
  }
}
