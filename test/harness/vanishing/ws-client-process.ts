import { WebSocket } from 'ws';

/**
 * A `ws` library client as its own process (run by vanishing-client.ts): connects to the URL in
 * argv, sends "hello", prints READY and then only answers pings, as ws clients do by themselves,
 * until the test freezes it (SIGSTOP) or kills it.
 */
const socket = new WebSocket(process.argv[2]!);
socket.on('open', () => {
  socket.send('hello');
  process.stdout.write('READY\n');
});
socket.on('error', (error) => process.stdout.write(`error ${error.message}\n`));
socket.on('close', (code) => process.stdout.write(`closed ${code}\n`));
