"""WebSocket client on python3-websockets, a peer Frameline's tests did not write.

Connects to --url offering the given subprotocols and (unless --no-deflate) permessage-deflate,
sends the --send messages once open (a JSON list of {"text": str} or {"binary": base64}), then
prints one JSON line per event: "open" (with the selected subprotocol and the response's
Sec-WebSocket-Extensions), each "message" received (text, or binary as base64) and finally "close"
with the code and reason of the closing handshake. With --close-after N it closes with 1000 itself
once N messages came back; otherwise it stays connected until the server closes. Exits after the
close or after --timeout seconds. Works with the legacy client API of websockets 10 (Debian 12) and
later.
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
    parser.add_argument("--send", default="[]", help='JSON list of {"text": str} or {"binary": base64}')
    parser.add_argument("--close-after", type=int, default=None)
    parser.add_argument("--timeout", type=float, default=20.0)
    return parser.parse_args()


def emit(event):
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def emit_message(message):
    if isinstance(message, str):
        emit({"event": "message", "text": message})
    else:
        emit({"event": "message", "binary": base64.b64encode(message).decode("ascii")})


async def run(args):
    compression = None if args.no_deflate else "deflate"
    sends = [item["text"] if "text" in item else base64.b64decode(item["binary"]) for item in json.loads(args.send)]
    # No keepalive pings: the tests read every frame that crosses.
    async with websockets.connect(args.url, subprotocols=args.subprotocol or None, compression=compression, ping_interval=None, max_size=None) as ws:
        emit({"event": "open", "subprotocol": ws.subprotocol, "extensions": ws.response_headers.get("Sec-WebSocket-Extensions")})
        try:
            for message in sends:
                await ws.send(message)
            received = 0
            if args.close_after == 0:
                await ws.close(1000)
            async for message in ws:
                emit_message(message)
                received += 1
                if args.close_after is not None and received >= args.close_after:
                    await ws.close(1000)
                    break
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
