import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { sweepStaleSpillFolders } from '../engine/capture/spill-registry.js';
import { runConnect } from './connect-command.js';
import { runDiagnose } from './diagnose-command.js';
import { runListen } from './listen-command.js';
import { convertUsage, runConvert } from './convert-command.js';
import { runUi } from './ui-command.js';
import type { CliIo } from './cli-io.js';
import { UsageError } from './usage-error.js';

const usage = `frameline — a WebSocket inspector that shows the wire

Usage:
  frameline connect URL [options]   open a session and print every frame (frameline connect --help)
  frameline diagnose URL [options]  explain why a WebSocket fails or drops (frameline diagnose --help)
  frameline listen [HOST:]PORT      be the server: show exactly what arrives (frameline listen --help)
  frameline convert IN --to json|har|pcapng [-o OUT]
                                    convert a capture, secrets redacted (frameline convert --help)
  frameline ui [--port N] [--no-open]
                                    the inspector in your browser, on 127.0.0.1 only
  frameline --version

Run \`npm start\` in the Frameline folder for the desktop window.`;

const connectUsage = `frameline connect URL [options]

Interactive when stdin is a terminal: each line is sent as a text message; /help lists commands.
Piped stdin: each line is sent; the session closes at end of input.

Sending (in the order given):
  --send TEXT               a text message (repeatable)
  --send-binary HEX         a binary message (repeatable)
  --ping [TEXT]             a ping (repeatable)
  --close CODE[:REASON]     the close frame to end with (default 1000)
  --wait SECONDS            stay open this long after sending, then close (default 1)
Output:
  --json                    one JSON record per line (the capture record shape)
  --capture FILE            write a capture when the session ends, secrets redacted:
                            .har, .pcapng, else .frameline.json
Handshake:
  -H 'Name: value'          a request header, order and case kept (repeatable)
  --subprotocol NAME        offer a subprotocol (repeatable)
  --origin ORIGIN           send an Origin header
  --deflate                 offer permessage-deflate
  --http1.0                 send the handshake as HTTP/1.0
Path:
  --proxy URL               http://[user:pass@]host:port, socks5://, socks5h:// (remote DNS), socks4://, socks4a://
  --proxy-from-env          use HTTPS_PROXY / HTTP_PROXY / NO_PROXY
  --connect-to HOST:PORT    dial this address; Host and SNI keep the URL's host
  --connect-timeout SECONDS
  --handshake-timeout SECONDS   give up when no handshake response arrives (default 10)
  -4, -6                    IPv4 or IPv6 only
TLS:
  --ca FILE  --cert FILE --key FILE  --sni NAME
  -k, --insecure            do not verify the certificate (shown as a warning)
Heartbeat and rules:
  --auto-ping SECONDS       ping every N seconds and show the round trip
  --no-auto-pong            do not answer pings (to test a server's heartbeat timeout)
  --strict                  fail the connection on a protocol violation, like a conforming client
  --max-retained BYTES      payload bytes kept per frame (default 1 MiB)
Capture budgets (reaching one is a warning record, never unbounded memory):
  --memory-budget BYTES     payload bytes kept in memory before spilling to a temp file (default 256 MiB)
  --max-records N           records kept; later frames are counted, not kept (default 10,000,000)`;

const diagnoseUsage = `frameline diagnose URL [connection options] [--idle-limit SECONDS] [--no-idle] [--json]
frameline diagnose --through URL --listen [HOST:]PORT [connection options] [--idle-limit SECONDS] [--no-idle] [--json]

The Path Doctor: DNS, TCP, TLS, the handshake (and again as HTTP/1.0), ping, permessage-deflate,
a large message, and how long the path keeps a silent connection. Prints each probe, then the
most likely cause with its evidence and the fix for nginx, haproxy, Caddy and Apache.
Exit status 0 when nothing is wrong, 1 when a cause was found.

  --idle-limit SECONDS      stop the idle probe after this long (default 75)
  --no-idle                 skip the idle probe
  --large-message BYTES     size of the large message (default 1048576)
  --json                    one JSON object: causes, probes, idleTimeoutSeconds
  --through URL --listen [HOST:]PORT
                            path test: listen as the backend on [HOST:]PORT, connect through the
                            proxy at URL, and show what the proxy changed on the way
Connection options are those of frameline connect (-H, --origin, --proxy, --connect-to, --ca, -k, …).`;

const listenUsage = `frameline listen [HOST:]PORT [--tls-cert FILE --tls-key FILE] [--echo] [--respond STATUS] [--json] [--capture FILE]

Frameline as the server (127.0.0.1 unless HOST says otherwise): prints each upgrade request exactly
as it arrived (request line, headers in order with their case, peer address), then every frame.
  --echo                    echo every message back
  --respond STATUS          answer every request with STATUS instead of upgrading (e.g. 426)
  --tls-cert FILE --tls-key FILE
                            serve wss:// with this PEM certificate and key
  --json                    one JSON record per line, a {"kind":"request",…} record first
  --capture FILE            write each connection as a .frameline.json capture when it ends`;

/** Runs the `frameline` command line; resolves with the exit status. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  // Spill files a crashed earlier run left behind; running processes' own are never touched.
  void sweepStaleSpillFolders(tmpdir());
  try {
    switch (command) {
      case 'connect':
        if (rest.includes('--help') || rest.includes('-h')) return print(io, connectUsage);
        return await runConnect(rest, io);
      case 'convert':
        if (rest.includes('--help') || rest.includes('-h')) return print(io, convertUsage);
        return await runConvert(rest, io);
      case 'diagnose':
        if (rest.includes('--help') || rest.includes('-h')) return print(io, diagnoseUsage);
        return await runDiagnose(rest, io);
      case 'listen':
        if (rest.includes('--help') || rest.includes('-h')) return print(io, listenUsage);
        return await runListen(rest, io);
      case 'ui':
        return await runUi(rest, io);
      case '--version':
      case '-v':
        return print(io, version());
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        return print(io, usage);
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`frameline: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function print(io: CliIo, text: string): number {
  io.stdout.write(`${text}\n`);
  return 0;
}


/** The version in package.json (two folders up from both the source and the bundle). */
function version(): string {
  try {
    return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
