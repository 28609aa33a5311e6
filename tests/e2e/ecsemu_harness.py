"""Shared plumbing for the end-to-end tests, one import for the test scripts.

Every test script starts its own `ecsemu serve --port 0` processes on 127.0.0.1, drives them with real clients
(boto3, aws-cli v1 from this interpreter, aws-cli v2 from Debian) and kills them on exit, even when the script
itself is killed. The parts live in e2e_server (processes), e2e_clients (boto3 and CLI), e2e_raw_http (sockets)
and e2e_results (cases and assertions).
"""
from e2e_clients import (CLI_V2_PATH, VALIDATOR, Cli, CliResult, client, ensure_cli_v2, error_code,
                         error_message, http_status)
from e2e_defaults import ACCESS_KEY, ACCOUNT_ID, REGION, REPO_ROOT, SECRET_KEY
from e2e_raw_http import (ECS_TARGET_PREFIX, RawResponse, RawTimeout, build_request, ecs_json_call,
                          http_request, json_headers, raw_exchange, sigv4_authorization)
from e2e_results import Suite, check, check_eq, check_match, expect_client_error, strip_metadata, wait_until
from e2e_server import READY_LINE, Server, TempDir, binary_path, die_with_parent, scratch_env, shared_dir

__all__ = [
    "CLI_V2_PATH", "VALIDATOR", "Cli", "CliResult", "client", "ensure_cli_v2", "error_code", "error_message",
    "http_status", "ACCESS_KEY", "ACCOUNT_ID", "REGION", "REPO_ROOT", "SECRET_KEY", "ECS_TARGET_PREFIX",
    "RawResponse", "RawTimeout", "build_request", "ecs_json_call", "http_request", "json_headers", "raw_exchange",
    "sigv4_authorization", "Suite", "check", "check_eq", "check_match", "expect_client_error", "strip_metadata",
    "wait_until", "READY_LINE", "Server", "TempDir", "binary_path", "die_with_parent", "scratch_env", "shared_dir",
]
