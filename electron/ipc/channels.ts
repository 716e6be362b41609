import type { CommandName } from '../../shared/contract/api.js';

/** The IPC channel of one command; one channel per command, never a generic invoke. */
export function commandChannel(command: CommandName): string {
  return `frameline:${command}`;
}

/** The one channel main pushes events on: `(eventName, payload)`. */
export const eventChannel = 'frameline:event';

/** The one channel the preload answers on, once per event message it has handed to the page. */
export const eventAckChannel = 'frameline:event-ack';
