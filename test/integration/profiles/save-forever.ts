import { ProfileStore } from '../../../electron/engine/profiles/profile-store.js';
import { sessionOptionsSchema } from '../../../shared/contract/session-options.js';

// A child process for killed-saves.test.ts: saves profiles holding a proxy password, in a loop,
// until it is killed. Large headers make each write take long enough to be cut midway.
const [directory, secret] = process.argv.slice(2) as [string, string];
const store = new ProfileStore(directory, null);
const options = sessionOptionsSchema.parse({
  url: 'ws://127.0.0.1:9/',
  proxy: { kind: 'http-connect', host: '127.0.0.1', port: 3128, username: 'user', password: secret },
  headers: Array.from({ length: 4000 }, (_, index) => [`X-Padding-${index}`, 'p'.repeat(200)]),
});
let saves = 0;
for (;;) {
  await store.save(`profile ${saves % 3}`, options);
  saves++;
  // Said after the first save, not before it: a kill the test times from this line then lands in
  // the loop of saves, whose temp file (written and fsynced) exists for much of each one. Said
  // before, the 0–40 ms the test waits could all pass in start-up and the first save's
  // serialising on a loaded machine, and 150 kills in a row once missed every temp file.
  if (saves === 1) process.stdout.write('saving\n');
  if (saves % 5 === 0) await store.list();
}
