"""WebSocket client on python3-websockets, a peer Frameline's tests did not write.

Connects (offering permessage-deflate unless --no-deflate), sends each message given with --send,
waits for as many messages back, prints one "RECEIVED <json>" line per message received, then
closes with 1000 and prints "CLOSED <code>". Works with websockets 10.4 (Debian 12) and later.
"""

import argparse
import asyncio
import base64
import json

import websockets


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--send", default="[]", help='JSON list of {"text": str} or {"binary": base64}')
    parser.add_argument("--no-deflate", action="store_true")
    parser.add_argument("--timeout", type=float, default=20)
    return parser.parse_args()


async def main():
    args = parse_args()
    messages = []
    for item in json.loads(args.send):
        messages.append(item["text"] if "text" in item else base64.b64decode(item["binary"]))
    compression = None if args.no_deflate else "deflate"
    async with websockets.connect(args.url, compression=compression, ping_interval=None, max_size=None) as connection:
        print("EXTENSIONS " + json.dumps(connection.response_headers.get("Sec-WebSocket-Extensions", "")), flush=True)
        for message in messages:
            await connection.send(message)
        for _ in messages:
            received = await asyncio.wait_for(connection.recv(), args.timeout)
            if isinstance(received, str):
                print("RECEIVED " + json.dumps({"text": received}), flush=True)
            else:
                print("RECEIVED " + json.dumps({"binary": base64.b64encode(received).decode()}), flush=True)
        await connection.close(1000)
        print(f"CLOSED {connection.close_code}", flush=True)


asyncio.run(main())
