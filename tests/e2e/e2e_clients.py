"""Real AWS clients pointed at an emulator: boto3 (every response shape-validated) and both aws CLI
generations (v1: this interpreter's awscli / botocore 1.43; v2: Debian's /usr/bin/aws / botocore 1.29)."""
import json
import os
import shlex
import subprocess
import sys
import time

import boto3
import botocore.session
from botocore.config import Config

import shape_validator
from e2e_defaults import ACCESS_KEY, REGION, SECRET_KEY
from e2e_server import TempDir

CLI_V2_PATH = "/usr/bin/aws"

# ---------------------------------------------------------------------------------------------- boto3 clients

_botocore_session = None


def _shared_botocore_session():
    global _botocore_session
    if _botocore_session is None:
        _botocore_session = botocore.session.get_session()
        # No profile, config file or environment endpoint may leak into the tests.
        _botocore_session.set_config_variable("config_file", "/nonexistent/ecsemu-e2e-config")
        _botocore_session.set_config_variable("credentials_file", "/nonexistent/ecsemu-e2e-credentials")
    return _botocore_session


os.environ["AWS_CONFIG_FILE"] = "/nonexistent/ecsemu-e2e-config"
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/ecsemu-e2e-credentials"
for _name in [n for n in os.environ if n.startswith("AWS_ENDPOINT_URL") or n in ("AWS_PROFILE", "AWS_MAX_ATTEMPTS")]:
    del os.environ[_name]

VALIDATOR = shape_validator.ShapeValidator()


def client(server_or_endpoint, service, region=REGION, validator=VALIDATOR, read_timeout_s=30):
    """A boto3 client on the emulator: dummy credentials, no retries, every response shape-validated."""
    endpoint = getattr(server_or_endpoint, "endpoint", server_or_endpoint)
    session = boto3.session.Session(aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
                                    region_name=region, botocore_session=_shared_botocore_session())
    # total_max_attempts=1: one attempt, no retry (max_attempts counts retries in legacy mode).
    config = Config(retries={"total_max_attempts": 1, "mode": "standard"}, connect_timeout=5,
                    read_timeout=read_timeout_s, inject_host_prefix=False, parameter_validation=True)
    c = session.client(service, endpoint_url=endpoint, region_name=region, config=config)
    if validator is not None:
        validator.attach(c)
    return c


def error_code(exc):
    return exc.response.get("Error", {}).get("Code")


def error_message(exc):
    return exc.response.get("Error", {}).get("Message")


def http_status(exc):
    return exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")


# ---------------------------------------------------------------------------------------------- aws CLI runners


class CliResult:
    def __init__(self, argv, rc, stdout, stderr, duration_s):
        self.argv = argv
        self.rc = rc
        self.stdout = stdout
        self.stderr = stderr
        self.duration_s = duration_s

    @property
    def json(self):
        text = self.stdout.strip()
        if not text:
            return None
        try:
            return json.loads(text)
        except ValueError as e:
            raise AssertionError("CLI output is not JSON (%s): %r" % (e, self.stdout[:500]))

    def describe(self):
        return "%s -> rc=%s\nstdout: %s\nstderr: %s" % (self.argv if isinstance(self.argv, str) else
                                                      " ".join(shlex.quote(a) for a in self.argv),
                                                      self.rc, self.stdout[-2000:], self.stderr[-2000:])


def ensure_cli_v2():
    """Debian's aws-cli 2 (botocore 1.29); installed on demand when running as root."""
    if not os.access(CLI_V2_PATH, os.X_OK):
        if os.geteuid() != 0:
            raise SystemExit("aws-cli v2 (%s) is missing and this is not root: install the Debian package "
                             "'awscli' (apt-get install -y awscli) and rerun" % CLI_V2_PATH)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "awscli"], env=env,
                       check=False, timeout=600, stdout=subprocess.DEVNULL)
        if not os.access(CLI_V2_PATH, os.X_OK):
            raise SystemExit("apt-get install awscli did not provide %s" % CLI_V2_PATH)
    out = subprocess.run([CLI_V2_PATH, "--version"], capture_output=True, text=True, timeout=60)
    version = (out.stdout + out.stderr).strip()
    if not version.startswith("aws-cli/2."):
        raise SystemExit("%s is not aws-cli v2: %r" % (CLI_V2_PATH, version))
    return version


class Cli:
    """One aws CLI generation pointed at a server. v1 = this interpreter's awscli, v2 = Debian's /usr/bin/aws."""

    def __init__(self, generation, endpoint, region=REGION, workdir=None):
        assert generation in ("v1", "v2")
        self.generation = generation
        self.endpoint = endpoint
        self.region = region
        if generation == "v1":
            self.prefix = [sys.executable, "-m", "awscli"]
        else:
            ensure_cli_v2()
            self.prefix = [CLI_V2_PATH]
        self.workdir = workdir or TempDir(prefix="ecsemu-e2e-cli-").path
        self.bindir = os.path.join(self.workdir, "bin-" + generation)
        os.makedirs(self.bindir, exist_ok=True)
        # `aws` on PATH for shell snippets copied verbatim from the guide: this generation, this endpoint.
        wrapper = os.path.join(self.bindir, "aws")
        with open(wrapper, "w") as f:
            f.write("#!/bin/sh\nexec %s --endpoint-url \"$ECSEMU_E2E_ENDPOINT\" \"$@\"\n"
                    % " ".join(shlex.quote(p) for p in self.prefix))
        os.chmod(wrapper, 0o755)

    def version(self):
        out = subprocess.run(self.prefix + ["--version"], capture_output=True, text=True, timeout=60)
        return (out.stdout + out.stderr).strip()

    def env(self, extra=None):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("AWS_") and k not in ("PYTHONPATH", "PYTHONHOME")}
        env.update({
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_DEFAULT_REGION": self.region,
            "AWS_REGION": self.region,
            "AWS_PAGER": "",
            "AWS_DEFAULT_OUTPUT": "json",
            "AWS_MAX_ATTEMPTS": "1",
            "AWS_RETRY_MODE": "standard",
            "AWS_CONFIG_FILE": os.path.join(self.workdir, "no-config"),
            "AWS_SHARED_CREDENTIALS_FILE": os.path.join(self.workdir, "no-credentials"),
            "AWS_EC2_METADATA_DISABLED": "true",
            "ECSEMU_E2E_ENDPOINT": self.endpoint,
            "PATH": self.bindir + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.workdir,
        })
        if extra:
            env.update(extra)
        return env

    def run(self, *args, timeout_s=90, env=None):
        argv = self.prefix + ["--endpoint-url", self.endpoint, "--output", "json"] + list(args)
        start = time.monotonic()
        try:
            out = subprocess.run(argv, capture_output=True, text=True, timeout=timeout_s, env=self.env(env),
                                 stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise AssertionError("CLI %s timed out after %s s: %s" % (self.generation, timeout_s, argv))
        return CliResult(argv[len(self.prefix):], out.returncode, out.stdout, out.stderr,
                         time.monotonic() - start)

    def ok(self, *args, **kw):
        res = self.run(*args, **kw)
        if res.rc != 0:
            raise AssertionError("aws %s failed: %s" % (self.generation, res.describe()))
        return res.json

    def bash(self, script, env=None, timeout_s=90):
        """Runs shell text (e.g. a command block copied from the guide) with this CLI as `aws`."""
        start = time.monotonic()
        try:
            out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=timeout_s,
                                 env=self.env(env), stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise AssertionError("shell snippet timed out after %s s:\n%s" % (timeout_s, script))
        return CliResult(script, out.returncode, out.stdout, out.stderr, time.monotonic() - start)

