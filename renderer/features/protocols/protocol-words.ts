import type { ProtocolChoice } from '../../../shared/app-protocol/protocol-choice.js';

/** The catalogue key naming each protocol choice in a menu. */
export function choiceLabelKey(choice: ProtocolChoice) {
  const keys = {
    auto: 'protocols:choice.auto',
    none: 'protocols:choice.none',
    'socket.io': 'protocols:choice.socket-io',
    stomp: 'protocols:choice.stomp',
    mqtt: 'protocols:choice.mqtt',
    'graphql-ws': 'protocols:choice.graphql-ws',
    signalr: 'protocols:choice.signalr',
  } as const;
  return keys[choice];
}
