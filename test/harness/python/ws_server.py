"""WebSocket echo server on python3-websockets, a peer Frameline's tests did not write.

Prints "READY port=<port> websockets=<version>" once listening, sends the messages given with
--send to every new connection (then, with --flood COUNT,BYTES, COUNT text messages of BYTES
each, "message <n> " repeated, or with --flood-incompressible base64 of random bytes), then echoes. With
--log-accepts it prints "ACCEPTED" for every TCP connection it accepts, before any byte is read, so
a test can tell that nothing dialled it at all. Works with the asyncio API of websockets >= 13 and
the legacy API of older releases (Debian 12 ships 10.4).
"""

import argparse
import asyncio
import base64
import json
import os
import signal

import websockets
from websockets.extensions.permessage_deflate import ServerPerMessageDeflateFactory


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--no-deflate", action="store_true")
    parser.add_argument("--server-no-context-takeover", action="store_true")
    parser.add_argument("--client-no-context-takeover", action="store_true")
    parser.add_argument("--server-max-window-bits", type=int)
    parser.add_argument("--client-max-window-bits", type=int)
    parser.add_argument("--send", default="[]", help='JSON list of {"text": str} or {"binary": base64}')
    parser.add_argument("--flood", help="COUNT,BYTES: that many highly compressible text messages of that size")
    parser.add_argument("--flood-incompressible", action="store_true", help="flood with base64 of random bytes, which deflate shrinks by a quarter at most")
    parser.add_argument("--max-size", type=int, default=64 * 1024 * 1024)
    parser.add_argument("--log-accepts", action="store_true", help='print "ACCEPTED" for every TCP connection accepted')
    return parser.parse_args()


def messages_to_send(spec):
    messages = []
    for item in json.loads(spec):
        if "text" in item:
            messages.append(item["text"])
        else:
            messages.append(base64.b64decode(item["binary"]))
    return messages


def flood_messages(spec, incompressible):
    if not spec:
        return []
    count, size = (int(part) for part in spec.split(","))
    if incompressible:
        return [base64.b64encode(os.urandom(size))[:size].decode("ascii") for _ in range(count)]
    return [((f"message {index} " * (size // 10 + 1))[:size]) for index in range(count)]


def serve_function():
    try:
        from websockets.asyncio.server import serve
    except ImportError:
        serve = websockets.serve
    return serve


def accept_logging(log_accepts):
    """The keyword that makes the server print ACCEPTED from connection_made (an asyncio.Protocol's first call)."""
    if not log_accepts:
        return {}
    try:
        from websockets.asyncio.server import ServerConnection

        keyword = "create_connection"
    except ImportError:
        from websockets.legacy.server import WebSocketServerProtocol as ServerConnection

        keyword = "create_protocol"

    class LoggedConnection(ServerConnection):
        def connection_made(self, transport):
            print("ACCEPTED", flush=True)
            super().connection_made(transport)

    return {keyword: LoggedConnection}


def extensions(args):
    if args.no_deflate:
        return []
    return [
        ServerPerMessageDeflateFactory(
            server_no_context_takeover=args.server_no_context_takeover,
            client_no_context_takeover=args.client_no_context_takeover,
            server_max_window_bits=args.server_max_window_bits,
            client_max_window_bits=args.client_max_window_bits,
        )
    ]


async def main():
    args = parse_args()
    greeting = messages_to_send(args.send) + flood_messages(args.flood, args.flood_incompressible)

    async def handler(connection):
        for message in greeting:
            await connection.send(message)
        async for message in connection:
            await connection.send(message)

    stop = asyncio.get_running_loop().create_future()
    for signum in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(signum, lambda: stop.done() or stop.set_result(None))

    serve = serve_function()
    # Pings are the tests' business: the server stays silent unless a test asks it to speak.
    async with serve(
        handler,
        "127.0.0.1",
        args.port,
        compression=None,
        extensions=extensions(args),
        ping_interval=None,
        max_size=args.max_size,
        **accept_logging(args.log_accepts),
    ) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        print(f"READY port={port} websockets={websockets.__version__}", flush=True)
        await stop


asyncio.run(main())
