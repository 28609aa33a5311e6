"""Test bookkeeping: named cases with pass/fail and timing, assertion helpers that say what was expected and
what came back, and polling with a deadline."""
import contextlib
import json
import os
import re
import time
import traceback

from botocore.exceptions import ClientError

import e2e_clients
from e2e_clients import error_code, error_message, http_status

# ---------------------------------------------------------------------------------------------- results


class Suite:
    """Named cases with pass/fail bookkeeping; shape-validation problems found during a case fail that case."""

    def __init__(self, name, validator=e2e_clients.VALIDATOR):
        self.name = name
        self.validator = validator
        self.results = []  # (case name, ok, detail, seconds)
        self.started = time.monotonic()
        self.deadline_s = float(os.environ.get("ECSEMU_E2E_BUDGET_S", "170"))

    @contextlib.contextmanager
    def case(self, name):
        start = time.monotonic()
        mark = self.validator.mark() if self.validator else 0
        ok, detail = True, ""
        try:
            yield
        except Exception as e:  # noqa: BLE001 - every failure must be reported, not crash the suite
            ok = False
            tb = traceback.extract_tb(e.__traceback__)
            where = ""
            for frame in reversed(tb):
                if os.path.basename(frame.filename).startswith("test_"):
                    where = "%s:%d: " % (os.path.basename(frame.filename), frame.lineno)
                    break
            detail = "%s%s: %s" % (where, type(e).__name__, e)
        if self.validator:
            problems = self.validator.problems_since(mark)
            if problems:
                ok = False
                detail = (detail + "\n" if detail else "") + "response shape problems:\n  " + \
                    "\n  ".join(problems[:30]) + ("\n  ... %d more" % (len(problems) - 30) if len(problems) > 30 else "")
        elapsed = time.monotonic() - start
        self.results.append((name, ok, detail, elapsed))
        print("%s %-60s %6.2fs%s" % ("PASS" if ok else "FAIL", name, elapsed,
                                     "" if ok else "\n    " + detail.replace("\n", "\n    ")), flush=True)

    def over_budget(self):
        return time.monotonic() - self.started > self.deadline_s

    def finish(self):
        failed = [r for r in self.results if not r[1]]
        total = time.monotonic() - self.started
        print("\n== %s: %d cases, %d passed, %d failed, %.1f s" % (self.name, len(self.results),
                                                                len(self.results) - len(failed), len(failed), total))
        if self.validator:
            print("   responses shape-validated: %d" % self.validator.validated_count)
        for name, _, detail, _ in failed:
            print("   FAILED %s: %s" % (name, detail.splitlines()[0] if detail else ""))
        return 1 if failed or not self.results else 0


def check(cond, message, *args):
    if not cond:
        raise AssertionError(message % args if args else message)


def check_eq(got, expected, what):
    if got != expected:
        raise AssertionError("%s: expected %r, got %r" % (what, expected, got))


def check_match(pattern, value, what):
    if not isinstance(value, str) or not re.fullmatch(pattern, value):
        raise AssertionError("%s: %r does not match /%s/" % (what, value, pattern))


def expect_client_error(fn, codes, message=None, status=None, what=None):
    """Calls fn(); it must raise botocore ClientError with one of codes (str or tuple); returns the exception."""
    if isinstance(codes, str):
        codes = (codes,)
    label = what or getattr(fn, "__name__", "call")
    try:
        result = fn()
    except ClientError as e:
        code = error_code(e)
        if code not in codes:
            raise AssertionError("%s: expected error %s, got %s (%r, HTTP %s)"
                                 % (label, "|".join(codes), code, error_message(e), http_status(e)))
        if message is not None and error_message(e) != message:
            raise AssertionError("%s: %s message expected %r, got %r" % (label, code, message, error_message(e)))
        if status is not None and http_status(e) != status:
            raise AssertionError("%s: %s HTTP status expected %s, got %s" % (label, code, status, http_status(e)))
        if not (400 <= (http_status(e) or 0) < 500) and code != "ServerException":
            raise AssertionError("%s: client error %s came with HTTP %s" % (label, code, http_status(e)))
        return e
    raise AssertionError("%s: expected error %s, but the call succeeded: %s"
                         % (label, "|".join(codes), json.dumps(strip_metadata(result), default=str)[:500]))


def strip_metadata(resp):
    if isinstance(resp, dict):
        return {k: v for k, v in resp.items() if k != "ResponseMetadata"}
    return resp


def wait_until(predicate, timeout_s, interval_s=0.25, what="condition"):
    """Polls predicate() until it returns a truthy value; raises AssertionError with the last value on timeout."""
    deadline = time.monotonic() + timeout_s
    last = None
    while True:
        last = predicate()
        if last:
            return last
        if time.monotonic() > deadline:
            raise AssertionError("%s not reached within %.0f s" % (what, timeout_s))
        time.sleep(interval_s)
