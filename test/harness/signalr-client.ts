import { HttpTransportType, HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import type { IHubProtocol } from '@microsoft/signalr';

/**
 * Microsoft's SignalR client (@microsoft/signalr) against `url`, which no SignalR server answers
 * (Frameline's listen mode with echo): a send, an invoke and a stream the echo never answers, then stop.
 */
export async function runSignalrClient(url: string, protocol: IHubProtocol): Promise<void> {
  const connection = new HubConnectionBuilder()
    .withUrl(url.replace(/^ws:/, 'http:'), { skipNegotiation: true, transport: HttpTransportType.WebSockets })
    .withHubProtocol(protocol)
    .configureLogging(LogLevel.None)
    .build();
  await connection.start();
  await connection.send('SendMessage', 'ann', { text: 'héllo', n: 2 });
  const unanswered = connection.invoke('Add', 1, 2).catch(() => undefined);
  const stream = connection.stream('Counter', 2).subscribe({ next: () => undefined, complete: () => undefined, error: () => undefined });
  await new Promise((resolve) => setTimeout(resolve, 300));
  stream.dispose();
  await connection.stop();
  await unanswered;
}
