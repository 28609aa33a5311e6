"""`ecsemu serve` processes for the tests: free port, ready line, health, graceful stop or SIGKILL.

Servers die with the test process (PR_SET_PDEATHSIG), so a script killed by ctest's timeout leaves nothing
behind; atexit and SIGTERM handling stop them on every normal exit path too.
"""
import atexit
import contextlib
import ctypes
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

from e2e_defaults import REPO_ROOT
from e2e_raw_http import http_request

READY_LINE = re.compile(r"^ecsemu listening on http://([^\s:/]+|\[[0-9a-fA-F:.]+\]):(\d+)\s*$")


_announced_binary = []


def binary_path():
    """ECSEMU_BIN, or else the newest of the build trees' binaries, named on stderr once: run by hand, a script
    would otherwise test whatever old binary a tree happened to hold."""
    path = os.environ.get("ECSEMU_BIN")
    if not path:
        built = [os.path.join(REPO_ROOT, candidate) for candidate in ("build/bin/ecsemu", "build-e2e/bin/ecsemu")]
        built = [candidate for candidate in built if os.access(candidate, os.X_OK)]
        if built:
            path = max(built, key=os.path.getmtime)
            if not _announced_binary:
                _announced_binary.append(path)
                sys.stderr.write("ECSEMU_BIN is not set: testing %s, built %s\n"
                                 % (path, time.strftime("%Y-%m-%d %H:%M", time.localtime(os.path.getmtime(path)))))
    if not path or not os.access(path, os.X_OK):
        raise SystemExit("ECSEMU_BIN is not set to an executable ecsemu binary (got %r)" % path)
    return path


def scratch_env():
    """The environment for an ecsemu process whose scratch files (a server's task logs without --data-dir go
    under $TMPDIR) are removed when the test exits rather than left in /tmp."""
    env = dict(os.environ)
    env["TMPDIR"] = TempDir(prefix="ecsemu-e2e-tmp-").path
    return env


def shared_dir():
    return os.environ.get("ECSEMU_SHARED_DIR") or os.path.join(REPO_ROOT, "..", "shared")


def die_with_parent():
    # Runs in the child between fork and exec: the kernel SIGKILLs the server when the test process dies,
    # so a test killed by ctest's timeout cannot leave servers behind.
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


_live_servers = []


_log_paths = []


def _stop_all_servers():
    for server in list(_live_servers):
        server.kill()
    # Server logs are for post-mortems of this run (printed on failure); ECSEMU_E2E_KEEP keeps them.
    if not os.environ.get("ECSEMU_E2E_KEEP"):
        for path in _log_paths:
            with contextlib.suppress(OSError):
                os.unlink(path)


atexit.register(_stop_all_servers)


def _exit_on_sigterm(signum, _frame):
    raise SystemExit(128 + signum)


signal.signal(signal.SIGTERM, _exit_on_sigterm)


class Server:
    """One `ecsemu serve` process. Use as a context manager or call start()/stop()."""

    def __init__(self, data_dir=None, region=None, account_id=None, extra_args=(), ready_timeout_s=10.0):
        self.binary = binary_path()
        self.data_dir = data_dir
        self.region = region
        self.account_id = account_id
        self.extra_args = list(extra_args)
        self.ready_timeout_s = ready_timeout_s
        self.proc = None
        self.host = None
        self.port = None
        self.log_path = None
        self._log_file = None
        self._drain_thread = None

    @property
    def endpoint(self):
        return "http://%s:%d" % (self.host, self.port)

    def command(self):
        cmd = [self.binary, "serve", "--port", "0"]
        if self.data_dir:
            cmd += ["--data-dir", self.data_dir]
        if self.region:
            cmd += ["--region", self.region]
        if self.account_id:
            cmd += ["--account-id", self.account_id]
        return cmd + self.extra_args

    def start(self):
        fd, self.log_path = tempfile.mkstemp(prefix="ecsemu-e2e-server-", suffix=".log")
        _log_paths.append(self.log_path)
        self._log_file = os.fdopen(fd, "w+b", buffering=0)
        self.proc = subprocess.Popen(self.command(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=self._log_file, preexec_fn=die_with_parent, env=scratch_env())
        _live_servers.append(self)
        line = self._read_ready_line()
        match = READY_LINE.match(line)
        if not match:
            self.kill()
            raise AssertionError("server printed %r instead of the ready line; log:\n%s" % (line, self.log_tail()))
        host = match.group(1).strip("[]")
        # Only loopback is used by the tests, whatever address the server reports.
        self.host = "127.0.0.1" if host in ("0.0.0.0", "localhost", "127.0.0.1", "::", "::1") else host
        self.port = int(match.group(2))
        self._drain_thread = threading.Thread(target=self._drain_stdout, daemon=True)
        self._drain_thread.start()
        status, _, body = http_request(self.host, self.port, "GET", "/_ecsemu/health", timeout=5)
        if status != 200:
            raise AssertionError("GET /_ecsemu/health -> %s %r right after the ready line" % (status, body[:200]))
        return self

    def _read_ready_line(self):
        deadline = time.monotonic() + self.ready_timeout_s
        buf = b""
        fd = self.proc.stdout.fileno()
        while b"\n" not in buf:
            left = deadline - time.monotonic()
            if left <= 0:
                self.kill()
                raise AssertionError("no ready line within %.0f s (got %r); log:\n%s"
                                     % (self.ready_timeout_s, buf, self.log_tail()))
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(fd, 4096)
            if not chunk:
                code = self.proc.wait(timeout=5)
                raise AssertionError("server exited with %s before its ready line (stdout %r); log:\n%s"
                                     % (code, buf, self.log_tail()))
            buf += chunk
        line, rest = buf.split(b"\n", 1)
        if rest:
            self._log_file.write(b"[stdout] " + rest)
        return line.decode("utf-8", "replace")

    def _drain_stdout(self):
        # Keeps the pipe from filling up; anything printed after the ready line goes to the log.
        try:
            for chunk in iter(lambda: self.proc.stdout.read1(4096), b""):
                self._log_file.write(b"[stdout] " + chunk)
        except (OSError, ValueError):
            pass

    def log_tail(self, limit=4000):
        try:
            with open(self.log_path, "rb") as f:
                data = f.read()
            return data[-limit:].decode("utf-8", "replace")
        except (OSError, TypeError):
            return "<no log>"

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def kill(self):
        """SIGKILL, no chance to flush: the crash the journal must survive."""
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
        self._reap()

    def stop(self, sig=signal.SIGTERM, timeout_s=10.0):
        """Graceful stop; returns the exit code (SIGKILL after timeout_s, reported as None)."""
        code = None
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                code = self.proc.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        elif self.proc:
            code = self.proc.returncode
        self._reap()
        return code

    def _reap(self):
        if self.proc:
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            if self.proc.stdout:
                with contextlib.suppress(OSError):
                    self.proc.stdout.close()
        if self in _live_servers:
            _live_servers.remove(self)

    def health(self, timeout=5):
        status, _, _ = http_request(self.host, self.port, "GET", "/_ecsemu/health", timeout=timeout)
        return status

    def reset(self):
        status, _, body = http_request(self.host, self.port, "POST", "/_ecsemu/reset", body=b"", timeout=10)
        if not 200 <= status < 300:
            raise AssertionError("POST /_ecsemu/reset -> %s %r" % (status, body[:300]))

    def endpoints(self):
        status, _, body = http_request(self.host, self.port, "GET", "/_ecsemu/endpoints", timeout=5)
        return status, body

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False


class TempDir:
    """A scratch directory removed on exit (kept when ECSEMU_E2E_KEEP is set, for post-mortems)."""

    def __init__(self, prefix="ecsemu-e2e-"):
        self.path = tempfile.mkdtemp(prefix=prefix)
        atexit.register(self.cleanup)

    def cleanup(self):
        if not os.environ.get("ECSEMU_E2E_KEEP"):
            shutil.rmtree(self.path, ignore_errors=True)

    def __enter__(self):
        return self.path

    def __exit__(self, *exc):
        self.cleanup()
        return False

