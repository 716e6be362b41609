import { Session } from '../electron/engine/session/session.js';
import { defaultSessionOptions } from '../shared/contract/session-options.js';

// The engine's side of the live-session case: one Session (dial, handshake, the connection core
// driven over the socket, every frame appended to its capture) reading the flood to its end, as
// the window's engine does, without printing. `node --import tsx bench/session-flood-client.ts URL`;
// prints the frames it recorded.

const session = new Session('bench', defaultSessionOptions(process.argv[2] as string));
await session.start();
await session.ended;
process.stdout.write(`${session.frameCounts.framesIn}\n`);
session.capture.dispose();
