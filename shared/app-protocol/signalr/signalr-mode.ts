import { urlShape } from '../url-shape.js';

/** How the session's messages are framed: the ASP.NET Core hub protocols, or classic ASP.NET SignalR. */
export type SignalrMode = 'json' | 'messagepack' | 'classic';

/** Classic SignalR's WebSocket URL: `/signalr/connect?transport=webSockets&connectionToken=…`. */
export function isClassicUrl(url: string): boolean {
  const { path, query } = urlShape(url);
  return /\/signalr\/(connect|reconnect)$/i.test(path) || (query.has('connectionToken') && query.get('transport') === 'webSockets');
}
