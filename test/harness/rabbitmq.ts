import { writeFileSync } from 'node:fs';
import { findExecutable } from './find-executable.js';
import { freePort } from './free-port.js';
import { peerPath } from './peer-availability.js';
import { startProcessPeer } from './process-peer.js';
import type { ProcessPeer } from './process-peer.js';
import type { RunningPeer } from './running-peer.js';
import { createTempDir } from './temp-dir.js';

/** Options for `startRabbitmq`. */
export interface RabbitmqOptions {
  /** RabbitMQ boots in 10–30 s on a loaded machine; the default bound is generous. Default 120 s. */
  readonly startTimeoutMs?: number;
}

/** A running RabbitMQ node with the Web STOMP and Web MQTT plugins on loopback. */
export interface RabbitmqPeer extends RunningPeer {
  /** `ws://127.0.0.1:<port>/ws`: STOMP over WebSocket (rabbitmq_web_stomp). */
  readonly stompUrl: string;
  /** `ws://127.0.0.1:<port>/ws`: MQTT over WebSocket (rabbitmq_web_mqtt). */
  readonly mqttUrl: string;
}

/**
 * Starts RabbitMQ in the foreground as its own node: a unique node name, its own epmd on a free
 * port, every listener (AMQP, STOMP, MQTT, Web STOMP, Web MQTT, Erlang distribution) on a free
 * 127.0.0.1 port, and mnesia, logs, config, plugins file and Erlang cookie (HOME) in a temp dir,
 * so it never meets the system service or another test's node.
 */
export async function startRabbitmq(options: RabbitmqOptions = {}): Promise<RabbitmqPeer> {
  const script = peerPath('rabbitmq');
  const epmdPath = findExecutable('epmd') as string;
  const dir = createTempDir('rabbitmq');
  const [epmdPort, amqpPort, distPort, stompPort, mqttPort, webStompPort, webMqttPort] = await Promise.all(Array.from({ length: 7 }, () => freePort()));
  writeFileSync(dir.file('enabled_plugins'), '[rabbitmq_web_stomp,rabbitmq_web_mqtt].\n');
  writeFileSync(dir.file('rabbitmq.conf'), config({ amqpPort, stompPort, mqttPort, webStompPort, webMqttPort } as Ports));
  writeFileSync(dir.file('rabbitmq-env.conf'), '# empty: keeps the system rabbitmq-env.conf out\n');
  let epmd: ProcessPeer | undefined;
  let node: ProcessPeer | undefined;
  const stop = async (): Promise<void> => {
    await node?.stop();
    await epmd?.stop();
    dir.remove();
  };
  try {
    epmd = await startProcessPeer({ name: 'epmd', command: epmdPath, args: ['-port', String(epmdPort), '-address', '127.0.0.1'], ready: { port: epmdPort as number } });
    node = await startProcessPeer({
      name: 'rabbitmq',
      command: script,
      args: [],
      cwd: dir.path,
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        HOME: dir.path,
        LANG: 'C.UTF-8',
        ERL_EPMD_PORT: String(epmdPort),
        RABBITMQ_NODENAME: `frameline-${process.pid}-${distPort}@localhost`,
        RABBITMQ_DIST_PORT: String(distPort),
        RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-kernel inet_dist_use_interface {127,0,0,1}',
        RABBITMQ_MNESIA_BASE: dir.file('mnesia'),
        RABBITMQ_LOG_BASE: dir.file('log'),
        RABBITMQ_LOGS: '-',
        RABBITMQ_CONFIG_FILE: dir.file('rabbitmq.conf'),
        RABBITMQ_ENABLED_PLUGINS_FILE: dir.file('enabled_plugins'),
        RABBITMQ_CONF_ENV_FILE: dir.file('rabbitmq-env.conf'),
        RABBITMQ_PID_FILE: dir.file('rabbitmq.pid'),
      },
      ready: { line: /Server startup complete/ },
      startTimeoutMs: options.startTimeoutMs ?? 120_000,
      stopTimeoutMs: 15_000,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  const running = node;
  return {
    host: '127.0.0.1',
    port: webStompPort as number,
    stompUrl: `ws://127.0.0.1:${webStompPort}/ws`,
    mqttUrl: `ws://127.0.0.1:${webMqttPort}/ws`,
    logs: () => running.logs(),
    stop: once(stop),
  };
}

interface Ports {
  readonly amqpPort: number;
  readonly stompPort: number;
  readonly mqttPort: number;
  readonly webStompPort: number;
  readonly webMqttPort: number;
}

function config(ports: Ports): string {
  return [
    `listeners.tcp.default = 127.0.0.1:${ports.amqpPort}`,
    `stomp.listeners.tcp.default = 127.0.0.1:${ports.stompPort}`,
    `mqtt.listeners.tcp.default = 127.0.0.1:${ports.mqttPort}`,
    `web_stomp.tcp.port = ${ports.webStompPort}`,
    'web_stomp.tcp.ip = 127.0.0.1',
    `web_mqtt.tcp.port = ${ports.webMqttPort}`,
    'web_mqtt.tcp.ip = 127.0.0.1',
    // The default guest user may connect from loopback; MQTT and STOMP clients log in as guest.
    'mqtt.allow_anonymous = true',
    'log.console = true',
    'log.console.level = info',
    '',
  ].join('\n');
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= action());
}
