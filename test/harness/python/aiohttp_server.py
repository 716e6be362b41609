"""WebSocket echo server on aiohttp (Debian python3-aiohttp), a peer Frameline's tests did not write.

Configured like aiohttp's own Autobahn test server: WebSocketResponse(autoclose=False) with the
library's defaults otherwise (permessage-deflate accepted, 4 MiB message limit), echoing text as
text and binary as binary, and closing when the client closes. Prints
"READY port=<port> aiohttp=<version>" once listening.
"""

import argparse
import asyncio
import signal

import aiohttp
from aiohttp import web


async def echo(request):
    ws = web.WebSocketResponse(autoclose=False)
    if not ws.can_prepare(request):
        raise web.HTTPBadRequest()
    await ws.prepare(request)
    while True:
        message = await ws.receive()
        if message.type == web.WSMsgType.TEXT:
            await ws.send_str(message.data)
        elif message.type == web.WSMsgType.BINARY:
            await ws.send_bytes(message.data)
        elif message.type == web.WSMsgType.CLOSE:
            await ws.close()
            break
        else:
            break
    return ws


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    app = web.Application()
    app.router.add_route("GET", "/", echo)
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", args.port)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    print(f"READY port={port} aiohttp={aiohttp.__version__}", flush=True)
    stop = asyncio.get_running_loop().create_future()
    for signum in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(signum, lambda: stop.done() or stop.set_result(None))
    await stop
    await runner.cleanup()


asyncio.run(main())
