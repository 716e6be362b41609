"""WebSocket client on python3-websockets, a peer Frameline's tests did not write.

Connects to --url offering the given subprotocols and (unless --no-deflate) permessage-deflate,
sends the --send texts once open, then prints one JSON line per event: "open" (with the selected
subprotocol and the response's Sec-WebSocket-Extensions), each "message" received (text, or binary
as base64) and finally "close" with the code and reason the server sent. Exits after the close or
after --timeout seconds. Works with the legacy client API of websockets 10 (Debian 12) and later.
"""

import argparse
import asyncio
import base64
import json
import sys

import websockets


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--subprotocol", action="append", default=[])
    parser.add_argument("--no-deflate", action="store_true")
    parser.add_argument("--send", action="append", default=[])
    parser.add_argument("--timeout", type=float, default=20.0)
    return parser.parse_args()


def emit(event):
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


async def run(args):
    compression = None if args.no_deflate else "deflate"
    async with websockets.connect(args.url, subprotocols=args.subprotocol or None, compression=compression) as ws:
        emit({"event": "open", "subprotocol": ws.subprotocol, "extensions": ws.response_headers.get("Sec-WebSocket-Extensions")})
        try:
            for text in args.send:
                await ws.send(text)
            async for message in ws:
                if isinstance(message, str):
                    emit({"event": "message", "text": message})
                else:
                    emit({"event": "message", "binary": base64.b64encode(message).decode("ascii")})
        except websockets.ConnectionClosed:
            pass
        emit({"event": "close", "code": ws.close_code, "reason": ws.close_reason})


def main():
    args = parse_args()
    try:
        asyncio.run(asyncio.wait_for(run(args), args.timeout))
    except Exception as error:  # every failure is a line the test can show
        emit({"event": "error", "type": type(error).__name__, "message": str(error)})
        sys.exit(1)


if __name__ == "__main__":
    main()
