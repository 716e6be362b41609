"""A loopback port whose listener never accepts: its accept queue is full, so the kernel drops new SYNs.

A connect to it neither succeeds nor is refused; it hangs until the connecting side gives up. A SOCKS
proxy asked to CONNECT there holds its reply for that long (what a proxy with a slow or filtered
upstream looks like), with the client's TCP connection to the proxy already up.
"""
import socket
import time

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("127.0.0.1", 0))
# Backlog 0: Linux keeps at most one connection waiting; the fillers below take that place.
server.listen(0)
port = server.getsockname()[1]
fillers = []
for _ in range(3):
    filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    filler.setblocking(False)
    try:
        filler.connect(("127.0.0.1", port))
    except BlockingIOError:
        pass
    fillers.append(filler)
print(f"READY port={port}", flush=True)
while True:
    time.sleep(3600)
