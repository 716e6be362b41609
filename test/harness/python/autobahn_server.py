"""WebSocket echo server on autobahn-python (Debian python3-autobahn), a peer Frameline's tests did not write.

Autobahn's own server classes on asyncio, accepting every permessage-deflate offer it can (as the
testee servers autobahn-python runs against its test suite do), echoing each message with its
type. Prints "READY port=<port> autobahn=<version>".
"""

import argparse
import asyncio
import signal

import autobahn
from autobahn.asyncio.websocket import WebSocketServerFactory, WebSocketServerProtocol
from autobahn.websocket.compress import PerMessageDeflateOffer, PerMessageDeflateOfferAccept


class EchoProtocol(WebSocketServerProtocol):
    def onMessage(self, payload, isBinary):
        self.sendMessage(payload, isBinary)


def accept(offers):
    for offer in offers:
        if isinstance(offer, PerMessageDeflateOffer):
            return PerMessageDeflateOfferAccept(offer)
    return None


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    factory = WebSocketServerFactory()
    factory.protocol = EchoProtocol
    factory.setProtocolOptions(perMessageCompressionAccept=accept)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, "127.0.0.1", args.port)
    print(f"READY port={server.sockets[0].getsockname()[1]} autobahn={autobahn.__version__}", flush=True)
    stop = loop.create_future()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, lambda: stop.done() or stop.set_result(None))
    await stop
    server.close()


asyncio.run(main())
