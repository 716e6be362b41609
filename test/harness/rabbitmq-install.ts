import { existsSync } from 'node:fs';
import { findExecutable } from './find-executable.js';
import type { PeerAvailability } from './peer-availability.js';

/**
 * RabbitMQ's own start script. Debian's /usr/sbin/rabbitmq-server is a wrapper that switches to
 * the rabbitmq user and writes its output to /var/log; the script under /usr/lib/rabbitmq/bin runs
 * a node in the foreground with whatever directories the environment names.
 */
export const rabbitmqServerScript = '/usr/lib/rabbitmq/bin/rabbitmq-server';

/** The RabbitMQ start script (the path) if it and Erlang's epmd are installed. */
export function lookUpRabbitmq(): PeerAvailability {
  if (!existsSync(rabbitmqServerScript)) return { name: 'rabbitmq', isAvailable: false, reason: `${rabbitmqServerScript} not found (Debian package rabbitmq-server)` };
  if (findExecutable('epmd') === undefined) return { name: 'rabbitmq', isAvailable: false, reason: "Erlang's epmd not found on PATH" };
  return { name: 'rabbitmq', isAvailable: true, path: rabbitmqServerScript };
}
