/** The application protocols Frameline reads, sends and keeps alive. */
export const APP_PROTOCOL_IDS = ['socket.io', 'stomp', 'mqtt', 'graphql-ws', 'signalr'] as const;

/** One of `APP_PROTOCOL_IDS`. */
export type AppProtocolId = (typeof APP_PROTOCOL_IDS)[number];
