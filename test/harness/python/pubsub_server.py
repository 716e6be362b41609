"""A small log-in/subscribe/push server on python3-websockets, for scenario and reconnect tests.

Protocol (JSON text messages):
  {"op":"login","user":U,"password":P}          -> {"op":"welcome","user":U,"session":S} (or close 4001)
  {"op":"subscribe","topic":T,"session":S}       -> {"op":"subscribed","topic":T}, then
                                                    {"op":"event","topic":T,"data":{"orderId":O,"price":42.5}}
  {"op":"ack","orderId":O,"session":S}           -> {"op":"acked","orderId":O} or {"op":"error",...}
  {"op":"ticks"}                                 -> {"op":"tick","n":1}, {"op":"tick","n":2}, ... every 50 ms (once logged in)
  {"op":"quiet"}                                 -> stops the ticks, then {"op":"quiet-ok","sent":N}
Prints "READY port=<port>" once listening and "SENT conn=<c> <json>" for every message sent, so a
test can compare what the server sent with what Frameline recorded, even after a SIGKILL.
Prints "HEADERS conn=<c> <json>" with the request headers of each connection.
"""

import argparse
import asyncio
import itertools
import json
import secrets
import signal
import sys

import websockets

connection_ids = itertools.count(1)


def serve_function():
    try:
        from websockets.asyncio.server import serve
    except ImportError:
        serve = websockets.serve
    return serve


def request_headers(ws):
    request = getattr(ws, "request", None)
    headers = request.headers if request is not None else getattr(ws, "request_headers", {})
    return [[name, value] for name, value in headers.raw_items()]


async def handle(ws, password):
    conn = next(connection_ids)
    print("HEADERS conn=%d %s" % (conn, json.dumps(request_headers(ws))), flush=True)
    state = {"session": None, "order": None, "ticks": None, "sent": 0}

    async def send(message):
        text = json.dumps(message, separators=(",", ":"))
        await ws.send(text)
        state["sent"] += 1
        print("SENT conn=%d %s" % (conn, text), flush=True)

    async def tick_loop():
        for n in itertools.count(1):
            await send({"op": "tick", "n": n})
            await asyncio.sleep(0.05)

    try:
        async for raw in ws:
            message = json.loads(raw)
            op = message.get("op")
            if op == "login":
                if message.get("password") != password:
                    await ws.close(4001, "bad password")
                    return
                state["session"] = "sess-" + secrets.token_hex(4)
                await send({"op": "welcome", "user": message.get("user"), "session": state["session"]})
            elif state["session"] is None:
                await send({"op": "error", "reason": "not logged in"})
            elif op == "ticks":
                state["ticks"] = asyncio.ensure_future(tick_loop())
            elif op == "quiet":
                if state["ticks"] is not None:
                    state["ticks"].cancel()
                await send({"op": "quiet-ok", "sent": state["sent"] + 1})
            elif message.get("session") != state["session"]:
                await send({"op": "error", "reason": "wrong session"})
            elif op == "subscribe":
                await send({"op": "subscribed", "topic": message.get("topic")})
                await asyncio.sleep(0.05)
                state["order"] = "ord-" + secrets.token_hex(3)
                await send({"op": "event", "topic": message.get("topic"), "data": {"orderId": state["order"], "price": 42.5}})
            elif op == "ack":
                if message.get("orderId") == state["order"]:
                    await send({"op": "acked", "orderId": state["order"]})
                else:
                    await send({"op": "error", "reason": "unknown order %s" % message.get("orderId")})
    except websockets.exceptions.ConnectionClosed:
        pass
    finally:
        if state["ticks"] is not None:
            state["ticks"].cancel()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--password", default="s3cret")
    args = parser.parse_args()
    stop = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set_result, None)
    async with serve_function()(lambda ws, *rest: handle(ws, args.password), "127.0.0.1", args.port) as server:
        port = list(server.sockets)[0].getsockname()[1]
        print("READY port=%d websockets=%s" % (port, websockets.__version__), flush=True)
        await stop


if __name__ == "__main__":
    asyncio.run(main())
    sys.exit(0)
