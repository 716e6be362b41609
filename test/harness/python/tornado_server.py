"""WebSocket echo server on tornado (Debian python3-tornado), a peer Frameline's tests did not write.

Configured like tornado's own Autobahn test server (maint/test/websocket): an echo handler that
accepts permessage-deflate with default options. Prints "READY port=<port> tornado=<version>".
"""

import argparse
import asyncio
import signal

import tornado
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application
from tornado.websocket import WebSocketHandler


class EchoHandler(WebSocketHandler):
    def on_message(self, message):
        self.write_message(message, binary=isinstance(message, bytes))

    def get_compression_options(self):
        return {}


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    sockets = bind_sockets(args.port, "127.0.0.1")
    server = HTTPServer(Application([("/", EchoHandler)]))
    server.add_sockets(sockets)
    print(f"READY port={sockets[0].getsockname()[1]} tornado={tornado.version}", flush=True)
    stop = asyncio.get_running_loop().create_future()
    for signum in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(signum, lambda: stop.done() or stop.set_result(None))
    await stop
    server.stop()


asyncio.run(main())
