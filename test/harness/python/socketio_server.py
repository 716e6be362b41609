"""Socket.IO server on python-socketio and aiohttp, a second implementation Frameline's tests did not write.

Prints "READY port=<port> socketio=<version>" once listening and one "EVENT <what> <namespace> <detail>"
line per connection, disconnection and client acknowledgement. WebSocket only, unless --polling. In "/" and "/chat": "chat:message" is
acknowledged with {"ok": true, "echo": payload}; "ask" makes the server emit "question" with an ack
callback.
"""

import argparse
import asyncio
import json
import signal

import socketio
from aiohttp import web


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ping-interval", type=float, required=True, help="seconds")
    parser.add_argument("--ping-timeout", type=float, required=True, help="seconds")
    parser.add_argument("--polling", action="store_true", help="also serve HTTP long-polling, which clients start with by default")
    return parser.parse_args()


def report(what, namespace, detail):
    print(f"EVENT {what} {namespace} {detail}", flush=True)


def add_handlers(sio, namespace):
    @sio.on("connect", namespace=namespace)
    async def connect(sid, environ, auth=None):
        report("connect", namespace, sid)

    @sio.on("disconnect", namespace=namespace)
    async def disconnect(sid):
        report("disconnect", namespace, sid)

    @sio.on("chat:message", namespace=namespace)
    async def chat_message(sid, payload):
        await sio.emit("chat:echo", payload, to=sid, namespace=namespace)
        return {"ok": True, "echo": payload}

    @sio.on("ask", namespace=namespace)
    async def ask(sid, *args):
        async def answered(*values):
            report("client-ack", namespace, json.dumps(list(values)))

        await sio.emit("question", "ready?", to=sid, namespace=namespace, callback=answered)


async def main():
    args = parse_args()
    sio = socketio.AsyncServer(async_mode="aiohttp", ping_interval=args.ping_interval, ping_timeout=args.ping_timeout, transports=["polling", "websocket"] if args.polling else ["websocket"])
    for namespace in ("/", "/chat"):
        add_handlers(sio, namespace)
    app = web.Application()
    sio.attach(app)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    print(f"READY port={port} socketio={getattr(socketio, '__version__', 'unknown')}", flush=True)
    stop = asyncio.get_running_loop().create_future()
    for signum in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(signum, lambda: stop.done() or stop.set_result(None))
    await stop
    await runner.cleanup()


asyncio.run(main())
