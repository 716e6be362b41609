"""A chat room on python3-websockets, for scenarios where several clients talk at the same time.

Each client names itself in the query string (ws://host:port/?name=alice). Every text message a
client sends is broadcast to every other client as {"from": <name>, "text": <message>}.
Prints "READY port=<port>" once listening and "RECV <name> <message>" for every message received,
in the order the server received them, so a test can see how the clients' messages interleaved.
"""

import argparse
import asyncio
import json
import signal
import sys
from urllib.parse import parse_qs, urlparse

import websockets

clients = {}


def serve_function():
    try:
        from websockets.asyncio.server import serve
    except ImportError:
        serve = websockets.serve
    return serve


def request_path(ws, rest):
    request = getattr(ws, "request", None)
    if request is not None:
        return request.path
    return getattr(ws, "path", rest[0] if rest else "/")


async def handle(ws, *rest):
    name = parse_qs(urlparse(request_path(ws, rest)).query).get("name", ["anonymous"])[0]
    clients[ws] = name
    try:
        async for text in ws:
            if not isinstance(text, str):
                continue
            print("RECV %s %s" % (name, text), flush=True)
            payload = json.dumps({"from": name, "text": text}, separators=(",", ":"))
            for other in list(clients):
                if other is not ws:
                    try:
                        await other.send(payload)
                    except websockets.exceptions.ConnectionClosed:
                        pass
    except websockets.exceptions.ConnectionClosed:
        pass
    finally:
        clients.pop(ws, None)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    stop = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set_result, None)
    async with serve_function()(handle, "127.0.0.1", args.port) as server:
        port = list(server.sockets)[0].getsockname()[1]
        print("READY port=%d websockets=%s" % (port, websockets.__version__), flush=True)
        await stop


if __name__ == "__main__":
    asyncio.run(main())
    sys.exit(0)
