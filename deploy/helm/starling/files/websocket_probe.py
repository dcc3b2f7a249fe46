"""Opens a Pusher WebSocket to Starling and expects pusher:connection_established.

Used by `helm test` (and runnable by hand: python3 websocket_probe.py HOST PORT APP_KEY). Standard library only, so
any image with python3 runs it without downloading anything. It performs the real RFC 6455 handshake: checks the 101
status and the Sec-WebSocket-Accept derived from its own random key, then decodes the first server frame.
"""
import base64
import hashlib
import json
import os
import re
import socket
import sys

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def read_exactly(sock, buffer, count):
    while len(buffer) < count:
        chunk = sock.recv(4096)
        if not chunk:
            fail("connection closed after %d bytes, expected %d" % (len(buffer), count))
        buffer += chunk
    return buffer[:count], buffer[count:]


def main():
    host, port, app_key = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    timeout = float(os.environ.get("PROBE_TIMEOUT_SECONDS", "10"))
    nonce = base64.b64encode(os.urandom(16)).decode()
    request = (
        "GET /app/%s?protocol=7&client=starling-helm-test&version=1.0 HTTP/1.1\r\n"
        "Host: %s:%d\r\n"
        "Upgrade: websocket\r\n"
        "Connection: Upgrade\r\n"
        "Sec-WebSocket-Key: %s\r\n"
        "Sec-WebSocket-Version: 13\r\n"
        "\r\n" % (app_key, host, port, nonce)
    )
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except OSError as e:
        fail("cannot connect to %s:%d: %s" % (host, port, e))
    sock.settimeout(timeout)
    sock.sendall(request.encode("ascii"))

    buffer = b""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(4096)
        if not chunk:
            fail("connection closed during the handshake: %r" % buffer)
        buffer += chunk
    head, buffer = buffer.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    if not lines[0].startswith("HTTP/1.1 101"):
        fail("expected 101 Switching Protocols, got: " + lines[0])
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:] if ":" in line)}
    expected_accept = base64.b64encode(hashlib.sha1((nonce + GUID).encode()).digest()).decode()
    if headers.get("sec-websocket-accept") != expected_accept:
        fail("bad Sec-WebSocket-Accept %r, expected %r" % (headers.get("sec-websocket-accept"), expected_accept))

    header, buffer = read_exactly(sock, buffer, 2)
    opcode, length = header[0] & 0x0F, header[1] & 0x7F
    if header[1] & 0x80:
        fail("server frames must not be masked")
    if length == 126:
        extended, buffer = read_exactly(sock, buffer, 2)
        length = int.from_bytes(extended, "big")
    elif length == 127:
        extended, buffer = read_exactly(sock, buffer, 8)
        length = int.from_bytes(extended, "big")
    payload, buffer = read_exactly(sock, buffer, length)
    if opcode != 0x1:
        fail("expected a text frame, got opcode %d: %r" % (opcode, payload))
    message = json.loads(payload.decode("utf-8"))
    if message.get("event") != "pusher:connection_established":
        fail("expected pusher:connection_established, got: %s" % payload.decode("utf-8"))
    socket_id = json.loads(message["data"]).get("socket_id", "")
    if not re.fullmatch(r"\d+\.\d+", socket_id):
        fail("bad socket_id %r" % socket_id)

    # A masked close frame (1000), as a client must send it.
    mask = os.urandom(4)
    body = (1000).to_bytes(2, "big")
    sock.sendall(bytes([0x88, 0x80 | len(body)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(body)))
    sock.close()
    print("OK: pusher:connection_established, socket_id %s" % socket_id)


if __name__ == "__main__":
    main()
