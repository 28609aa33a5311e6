"""The ecsemu command line: usage errors exit 2 with the usage text, `serve` answers its control endpoints, and
SIGTERM/SIGINT stop it promptly with exit code 0 (even with idle and half-sent connections open)."""
import json
import os
import signal
import socket
import subprocess
import sys
import time

import ecsemu_harness as h
from ecsemu_harness import check, check_eq


def run(args, timeout_s=10):
    try:
        return subprocess.run([h.binary_path()] + args, capture_output=True, text=True, timeout=timeout_s,
                              stdin=subprocess.DEVNULL, preexec_fn=h.die_with_parent)
    except subprocess.TimeoutExpired:
        raise AssertionError("ecsemu %s did not exit within %s s" % (" ".join(args), timeout_s))


def usage_error(args):
    out = run(args)
    check_eq(out.returncode, 2, "exit code of `ecsemu %s`" % " ".join(args))
    check("usage:" in out.stderr, "`ecsemu %s` printed no usage on stderr: %r" % (" ".join(args), out.stderr[:300]))
    check("listening on" not in out.stdout, "`ecsemu %s` started listening" % " ".join(args))


def signal_stop(sig):
    server = h.Server().start()
    idle = socket.create_connection((server.host, server.port), timeout=5)
    half = socket.create_connection((server.host, server.port), timeout=5)
    half.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"clus")
    try:
        t0 = time.monotonic()
        code = server.stop(sig=sig, timeout_s=5)
        elapsed = time.monotonic() - t0
        check(code is not None, "%s: still running after 5 s (killed)" % signal.Signals(sig).name)
        check_eq(code, 0, "exit code after %s" % signal.Signals(sig).name)
        print("    %s: exit 0 after %.2f s" % (signal.Signals(sig).name, elapsed))
    finally:
        idle.close()
        half.close()
        server.kill()


def main():
    suite = h.Suite("test_cli_usage")
    for args in (["frobnicate"], [], ["serve", "--no-such-flag", "1"], ["serve", "--port", "notanumber"],
                 ["serve", "--port"], ["serve", "--port", "70000"], ["serve", "--account-id", "123"],
                 ["serve", "stray-argument"], ["serve", "--region", "Not A Region"], ["--bogus"]):
        with suite.case("usage error: ecsemu %s" % " ".join(args)):
            usage_error(args)
    with suite.case("ecsemu --help: usage on stdout, exit 0"):
        out = run(["--help"])
        check_eq(out.returncode, 0, "exit code")
        check("usage:" in out.stdout, "no usage on stdout: %r" % out.stdout[:200])
    with suite.case("ecsemu --version: exit 0"):
        out = run(["--version"])
        check_eq(out.returncode, 0, "exit code")
        check(out.stdout.strip(), "no version printed")

    server = h.Server()
    try:
        with suite.case("serve: ready line, health"):
            server.start()
            status, headers, body = h.http_request(server.host, server.port, "GET", "/_ecsemu/health")
            check_eq(status, 200, "GET /_ecsemu/health")
        with suite.case("serve: /_ecsemu/endpoints JSON"):
            status, headers, body = h.http_request(server.host, server.port, "GET", "/_ecsemu/endpoints")
            check_eq(status, 200, "GET /_ecsemu/endpoints")
            doc = json.loads(body)
            for key in ("api", "dns", "loadBalancers", "serviceConnect"):
                check(key in doc, "endpoints JSON lacks %r: %r" % (key, doc))
            check_eq(doc["api"].rstrip("/"), server.endpoint, "endpoints api URL")
            check(isinstance(doc["loadBalancers"], list) and isinstance(doc["serviceConnect"], list),
                  "loadBalancers/serviceConnect must be lists: %r" % doc)
        with suite.case("serve: unknown control endpoint -> 404, wrong method -> 405"):
            status, _, _ = h.http_request(server.host, server.port, "GET", "/_ecsemu/nope")
            check_eq(status, 404, "GET /_ecsemu/nope")
            status, _, _ = h.http_request(server.host, server.port, "GET", "/_ecsemu/reset")
            check_eq(status, 405, "GET /_ecsemu/reset")
        with suite.case("serve: reset answers 2xx"):
            server.reset()
    finally:
        server.stop()

    with suite.case("serve: port in use -> non-zero exit, promptly"):
        blocker = socket.socket()
        blocker.bind(("127.0.0.1", 0))
        blocker.listen(1)
        try:
            out = run(["serve", "--port", str(blocker.getsockname()[1])])
            check(out.returncode not in (0, None), "exit code %s" % out.returncode)
            check(out.stderr.strip(), "no error message on stderr")
        finally:
            blocker.close()
    with suite.case("serve: --data-dir that is a file -> non-zero exit, promptly"):
        with h.TempDir() as d:
            path = os.path.join(d, "not-a-dir")
            open(path, "w").close()
            out = run(["serve", "--port", "0", "--data-dir", path])
            check(out.returncode not in (0, None), "exit code %s (stdout %r)" % (out.returncode, out.stdout[:200]))
    with suite.case("SIGTERM: exit 0 promptly with open connections"):
        signal_stop(signal.SIGTERM)
    with suite.case("SIGINT: exit 0 promptly with open connections"):
        signal_stop(signal.SIGINT)
    return suite.finish()


if __name__ == "__main__":
    sys.exit(main())
