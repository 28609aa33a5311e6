"""HTTP below the SDKs: well-formed requests through http.client, and raw bytes over sockets with a strict
response parser (status line, headers, Content-Length/chunked framing) for the hostile-input tests."""
import contextlib
import http.client
import json
import re
import socket
import threading
import time

from e2e_defaults import ACCESS_KEY, REGION

# ---------------------------------------------------------------------------------------------- raw HTTP


def http_request(host, port, method, path, body=None, headers=None, timeout=10):
    """A well-formed request through http.client; returns (status, headers dict lower-cased, body bytes)."""
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data
    finally:
        conn.close()


def sigv4_authorization(service, region=REGION, access_key=ACCESS_KEY, date="20260101"):
    """A syntactically valid SigV4 Authorization header (the emulator routes on its scope, not the signature)."""
    return ("AWS4-HMAC-SHA256 Credential=%s/%s/%s/%s/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date, Signature=%s" % (access_key, date, region, service, "0" * 64))


def json_headers(target, service="ecs", region=REGION, content_type="application/x-amz-json-1.1"):
    headers = {"X-Amz-Date": "20260101T000000Z", "Authorization": sigv4_authorization(service, region)}
    if content_type is not None:
        headers["Content-Type"] = content_type
    if target is not None:
        headers["X-Amz-Target"] = target
    return headers


ECS_TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113."


def ecs_json_call(server, operation, payload, region=REGION, timeout=10):
    body = payload if isinstance(payload, (bytes, str)) else json.dumps(payload)
    return http_request(server.host, server.port, "POST", "/", body=body,
                        headers=json_headers(ECS_TARGET_PREFIX + operation, "ecs", region), timeout=timeout)


class RawResponse:
    def __init__(self):
        self.status = None
        self.reason = None
        self.version = None
        self.headers = []
        self.body = b""
        self.raw = b""
        self.closed_without_response = False
        self.problems = []  # HTTP framing problems found while parsing

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def summary(self):
        if self.closed_without_response:
            return "connection closed without a response"
        return "%s %s %s; body %r" % (self.version, self.status, self.reason, self.body[:200])


class RawTimeout(Exception):
    pass


def raw_exchange(host, port, payload, timeout=10.0, shutdown_write=False, send_chunk=65536, max_body=16 << 20):
    """Sends raw bytes (a bytes object or an iterable of bytes) and parses one HTTP response.

    Sending runs in its own thread so a server that answers early (413, 431) and stops reading cannot deadlock
    the test; the response is read concurrently. Raises RawTimeout when no complete response arrives in time.
    """
    sock = socket.create_connection((host, port), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    send_errors = []

    def sender():
        try:
            parts = [payload] if isinstance(payload, (bytes, bytearray)) else payload
            for part in parts:
                for i in range(0, len(part), send_chunk):
                    sock.sendall(part[i:i + send_chunk])
            if shutdown_write:
                sock.shutdown(socket.SHUT_WR)
        except OSError as e:
            send_errors.append(e)

    thread = threading.Thread(target=sender, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    resp = RawResponse()
    buf = b""
    try:
        header_end = -1
        while header_end < 0:
            chunk = _recv_until(sock, deadline)
            if chunk is None:
                raise RawTimeout("no complete response head within %.1f s (got %r)" % (timeout, buf[:200]))
            if chunk == b"":
                if not buf:
                    resp.closed_without_response = True
                    return resp
                resp.problems.append("connection closed inside the response head: %r" % buf[:300])
                resp.raw = buf
                return resp
            buf += chunk
            header_end = buf.find(b"\r\n\r\n")
            if len(buf) > 1 << 20 and header_end < 0:
                resp.problems.append("response head larger than 1 MiB")
                return resp
        head, rest = buf[:header_end], buf[header_end + 4:]
        lines = head.split(b"\r\n")
        m = re.match(rb"^(HTTP/1\.[01]) (\d{3}) ?(.*)$", lines[0])
        if not m:
            resp.problems.append("malformed status line %r" % lines[0][:200])
            resp.raw = buf
            return resp
        resp.version = m.group(1).decode()
        resp.status = int(m.group(2))
        resp.reason = m.group(3).decode("latin-1")
        for line in lines[1:]:
            if b":" not in line:
                resp.problems.append("malformed header line %r" % line[:200])
                continue
            k, v = line.split(b":", 1)
            if k != k.strip() or not k:
                resp.problems.append("malformed header name %r" % k[:100])
            resp.headers.append((k.decode("latin-1"), v.strip().decode("latin-1")))
        te = (resp.header("Transfer-Encoding") or "").lower()
        cl = resp.header("Content-Length")
        if "chunked" in te:
            resp.body = _read_chunked(sock, rest, deadline, resp)
        elif cl is not None:
            if not re.fullmatch(r"\d+", cl):
                resp.problems.append("bad Content-Length %r" % cl)
                return resp
            need = int(cl)
            if need > max_body:
                resp.problems.append("response Content-Length %d too large" % need)
                return resp
            while len(rest) < need:
                chunk = _recv_until(sock, deadline)
                if chunk is None:
                    raise RawTimeout("response body incomplete after %.1f s (%d of %d bytes)"
                                     % (timeout, len(rest), need))
                if chunk == b"":
                    resp.problems.append("connection closed after %d of %d body bytes" % (len(rest), need))
                    break
                rest += chunk
            resp.body = rest[:need]
        elif resp.status in (204, 304) or 100 <= resp.status < 200:
            resp.body = b""
        else:
            # Body delimited by connection close: only legal when the server says it closes.
            while True:
                chunk = _recv_until(sock, deadline)
                if chunk is None:
                    raise RawTimeout("response without length did not end within %.1f s" % timeout)
                if chunk == b"":
                    break
                rest += chunk
            resp.body = rest
            if (resp.header("Connection") or "").lower() != "close":
                resp.problems.append("response has neither Content-Length nor chunked encoding")
        resp.raw = buf
        return resp
    finally:
        with contextlib.suppress(OSError):
            sock.close()
        thread.join(timeout=2)


def _recv_until(sock, deadline):
    """One recv; None on timeout, b'' on orderly close or reset."""
    left = deadline - time.monotonic()
    if left <= 0:
        return None
    sock.settimeout(left)
    try:
        return sock.recv(65536)
    except socket.timeout:
        return None
    except (ConnectionResetError, BrokenPipeError):
        return b""


def _read_chunked(sock, rest, deadline, resp):
    body = b""
    buf = rest
    while True:
        while b"\r\n" not in buf:
            chunk = _recv_until(sock, deadline)
            if chunk is None:
                raise RawTimeout("chunked response incomplete")
            if chunk == b"":
                resp.problems.append("connection closed inside a chunked response")
                return body
            buf += chunk
        size_line, buf = buf.split(b"\r\n", 1)
        try:
            size = int(size_line.split(b";")[0].strip(), 16)
        except ValueError:
            resp.problems.append("bad chunk size line %r" % size_line[:100])
            return body
        while len(buf) < size + 2:
            chunk = _recv_until(sock, deadline)
            if chunk is None:
                raise RawTimeout("chunked response incomplete")
            if chunk == b"":
                resp.problems.append("connection closed inside a chunk")
                return body + buf
            buf += chunk
        if size == 0:
            return body
        body += buf[:size]
        buf = buf[size + 2:]


def build_request(method="POST", target="/", headers=None, body=b"", version="HTTP/1.1", host=True,
                  content_length=True):
    """Bytes of an HTTP/1.1 request; headers is a list of (name, value) so duplicates and order are kept."""
    if isinstance(body, str):
        body = body.encode()
    lines = ["%s %s %s" % (method, target, version)]
    hdrs = list(headers or [])
    names = {k.lower() for k, _ in hdrs}
    if host and "host" not in names:
        hdrs.insert(0, ("Host", "127.0.0.1"))
    if content_length and "content-length" not in names and "transfer-encoding" not in names:
        hdrs.append(("Content-Length", str(len(body))))
    head = "\r\n".join(lines + ["%s: %s" % (k, v) for k, v in hdrs]) + "\r\n\r\n"
    return head.encode("latin-1") + body

