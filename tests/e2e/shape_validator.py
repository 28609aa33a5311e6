"""Checks raw AWS responses against the OUTPUT shapes of botocore's service models.

botocore's parsers are lenient: they drop unknown members and pass wrongly typed JSON values through, so a
response can "work" in boto3 yet break the Go/Java SDKs or a stricter tool. This validator is strict:
- JSON protocols: json.loads(body) walked against the output shape; unknown members, nulls, wrong types
  (timestamps must be numbers), unknown enum values and missing required members are problems.
- Query (STS, ELBv2) and EC2: the raw XML walked with the model's locationName/member/item/entry rules, the
  <Op>Result wrapper (query) or its absence (ec2), the namespace and the request id element.
- Errors: the protocol's error envelope, a known error code, an HTTP status that fits the code.

ShapeValidator.attach(client) hooks the after-call event, so every boto3 call made by a test is validated;
problems are collected (not raised) so a test expecting an error still sees the ClientError.
"""
import base64
import json
import math
import re
import threading

import botocore.session

from shape_xml import FLOAT_TEXT, INT_RANGES, XmlShapeChecks

# Error codes any AWS endpoint may answer with (AWS "Common Errors" plus the JSON protocol's framing errors).
COMMON_ERROR_CODES = {
    "AccessDeniedException", "IncompleteSignature", "InternalFailure", "InvalidAction", "InvalidClientTokenId",
    "InvalidParameterCombination", "InvalidParameterValue", "InvalidQueryParameter", "MalformedQueryString",
    "MissingAction", "MissingAuthenticationToken", "MissingParameter", "NotAuthorized", "OptInRequired",
    "RequestExpired", "ServiceUnavailable", "ThrottlingException", "ValidationError", "ValidationException",
    "SerializationException", "UnknownOperationException", "UnrecognizedClientException",
    "RequestEntityTooLarge", "InvalidSignatureException", "InternalServerError", "InternalError",
    "UnsupportedProtocol", "InvalidRequest", "MalformedInput",
}


def json_error_code(type_value):
    """The code botocore derives from __type: after the last '#', before any ':'."""
    code = type_value.rsplit("#", 1)[-1]
    return code.split(":", 1)[0]


class ShapeValidator(XmlShapeChecks):
    def __init__(self, strict_enums=True):
        self.strict_enums = strict_enums
        self.problems = []
        self.validated_count = 0
        self._lock = threading.Lock()
        self._session = None

    # ------------------------------------------------------------------------------------------ bookkeeping

    def mark(self):
        with self._lock:
            return len(self.problems)

    def problems_since(self, mark):
        with self._lock:
            return list(self.problems[mark:])

    def _record(self, label, problems):
        with self._lock:
            self.validated_count += 1
            self.problems.extend("%s: %s" % (label, p) for p in problems)
        return problems

    def service_model(self, service_name):
        if self._session is None:
            self._session = botocore.session.get_session()
        return self._session.get_service_model(service_name)

    # ------------------------------------------------------------------------------------------ boto3 hook

    def attach(self, client):
        client.meta.events.register("after-call", self._after_call)
        return client

    def _after_call(self, http_response, model, **kwargs):
        label = "%s.%s" % (model.service_model.service_name, model.name)
        try:
            problems = self.check_response(model, http_response.status_code, http_response.headers,
                                           http_response.content)
        except Exception as e:  # noqa: BLE001 - a crash of the validator is itself a problem to report
            problems = ["validator crashed: %r" % e]
        self._record(label, problems)

    # ------------------------------------------------------------------------------------------ entry points

    def check_response(self, operation_model, status, headers, body):
        """Problems (list of str) of one raw response to operation_model."""
        # The protocol the client speaks: models listing several (CloudWatch: cbor, json, query) leave the
        # choice to botocore, which resolves it by its own priority order.
        service_model = operation_model.service_model
        protocol = getattr(service_model, "resolved_protocol", None) or service_model.protocol
        headers = {k.lower(): v for k, v in dict(headers or {}).items()}
        if isinstance(body, str):
            body = body.encode("utf-8")
        body = body or b""
        if protocol in ("json", "rest-json"):
            return self._check_json_response(operation_model, status, headers, body)
        if protocol in ("query", "ec2"):
            return self._check_xml_response(operation_model, status, headers, body)
        return ["protocol %s not supported by the validator" % protocol]

    def validate(self, service_name, operation_name, status, headers, body, label=None):
        op = self.service_model(service_name).operation_model(operation_name)
        problems = self.check_response(op, status, headers, body)
        return self._record(label or "%s.%s" % (service_name, operation_name), problems)

    def validate_parsed(self, service_name, operation_name, data, label=None):
        """Non-strict check of already parsed output (aws CLI --output json): types, enums, unknown members;
        timestamps may be strings or numbers (CLI formatting), blobs strings."""
        op = self.service_model(service_name).operation_model(operation_name)
        problems = []
        if op.output_shape is None:
            if data not in (None, {}, ""):
                problems.append("operation has no output but CLI printed %r" % (data,))
        elif not isinstance(data, dict):
            problems.append("CLI output is %s, expected a JSON object" % type(data).__name__)
        else:
            data = {k: v for k, v in data.items() if k != "ResponseMetadata"}
            self._walk_value(op.output_shape, data, "$", problems, mode="parsed")
        return self._record(label or "cli %s.%s" % (service_name, operation_name), problems)

    # ------------------------------------------------------------------------------------------ JSON

    def _check_json_response(self, op, status, headers, body):
        problems = []
        svc = op.service_model
        expected_ct = "application/x-amz-json-%s" % svc.metadata.get("jsonVersion", "1.0")
        ct = headers.get("content-type", "")
        if ct.split(";")[0].strip().lower() != expected_ct:
            problems.append("Content-Type %r, expected %r" % (ct, expected_ct))
        if not headers.get("x-amzn-requestid"):
            problems.append("missing x-amzn-RequestId header")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as e:
            return problems + ["body is not UTF-8: %s" % e]
        try:
            doc = json.loads(text) if text.strip() else None
        except ValueError as e:
            return problems + ["body is not JSON (%s): %r" % (e, text[:200])]
        if status >= 300:
            return problems + self.check_json_error(doc, status, op)
        if not 200 <= status < 300:
            problems.append("unexpected HTTP status %s" % status)
        if doc is None:
            if op.output_shape is not None:
                problems.append("empty body, expected %s" % op.output_shape.name)
            return problems
        if not isinstance(doc, dict):
            return problems + ["top-level JSON is %s, expected an object" % type(doc).__name__]
        if op.output_shape is None:
            if doc:
                problems.append("operation has no output shape but body has members %s" % sorted(doc))
            return problems
        self._walk_value(op.output_shape, doc, "$", problems, mode="json")
        return problems

    def check_json_error(self, doc, status, op=None):
        """Problems of a JSON-protocol error body; op (optional) narrows the set of allowed codes."""
        problems = []
        if not isinstance(doc, dict):
            return ["error body is %r, expected an object with __type" % (doc,)]
        type_value = doc.get("__type")
        if not isinstance(type_value, str) or not type_value:
            return ["error body lacks a string __type: %r" % (doc,)]
        code = json_error_code(type_value)
        if not code:
            problems.append("__type %r yields an empty code" % type_value)
        for key in ("message", "Message"):
            if key in doc and not isinstance(doc[key], str):
                problems.append("error %s is %r, expected a string" % (key, doc[key]))
        if not (400 <= status < 600):
            problems.append("error %s came with HTTP %s" % (code, status))
        if op is None:
            return problems
        svc = op.service_model
        op_codes = {s.name: s for s in op.error_shapes}
        svc_codes = {n: svc.shape_for(n) for n in svc.shape_names
                     if svc.shape_for(n).metadata.get("exception")}
        shape = op_codes.get(code) or svc_codes.get(code)
        if shape is None and code not in COMMON_ERROR_CODES:
            problems.append("error code %r is not modelled for %s (modelled: %s)"
                            % (code, op.name, ", ".join(sorted(op_codes)) or "none"))
        if shape is not None:
            modelled_status = shape.metadata.get("error", {}).get("httpStatusCode")
            if modelled_status and modelled_status != status:
                problems.append("%s came with HTTP %s, model says %s" % (code, status, modelled_status))
            if code == "ServerException" and status < 500:
                problems.append("ServerException came with HTTP %s" % status)
            if code != "ServerException" and not modelled_status and status >= 500:
                problems.append("client error %s came with HTTP %s" % (code, status))
            members = {k: v for k, v in doc.items() if k not in ("__type",)}
            for key, value in members.items():
                if key in shape.members:
                    self._walk_value(shape.members[key], value, "$." + key, problems, mode="json")
                elif key.lower() == "message" and isinstance(value, str):
                    continue
                else:
                    problems.append("error body member %r is not in %s" % (key, shape.name))
        return problems

    # ------------------------------------------------------------------------------------------ JSON values

    def _check_enum(self, shape, value, path, problems):
        enum = getattr(shape, "enum", None) or []
        if enum and self.strict_enums and value not in enum:
            problems.append("%s: unknown enum value %r for %s (allowed: %s)"
                            % (path, value, shape.name, ", ".join(enum[:12]) + (" ..." if len(enum) > 12 else "")))

    def _walk_value(self, shape, value, path, problems, mode):
        """mode 'json': raw JSON protocol body; 'parsed': botocore/CLI parsed output."""
        kind = shape.type_name
        if value is None:
            problems.append("%s: null (AWS omits absent members)" % path)
            return
        if kind == "structure":
            if not isinstance(value, dict):
                problems.append("%s: expected object (%s), got %s" % (path, shape.name, _type_label(value)))
                return
            if shape.metadata.get("document"):
                return
            for key, sub in value.items():
                member = shape.members.get(key)
                if member is None:
                    problems.append("%s.%s: unknown member of %s" % (path, key, shape.name))
                    continue
                self._walk_value(member, sub, "%s.%s" % (path, key), problems, mode)
            for req in getattr(shape, "required_members", []) or []:
                if req not in value:
                    problems.append("%s: required member %s of %s missing" % (path, req, shape.name))
            if shape.metadata.get("union") and len(value) > 1:
                problems.append("%s: union %s has %d members set" % (path, shape.name, len(value)))
        elif kind == "list":
            if not isinstance(value, list):
                problems.append("%s: expected array, got %s" % (path, _type_label(value)))
                return
            for i, item in enumerate(value):
                self._walk_value(shape.member, item, "%s[%d]" % (path, i), problems, mode)
        elif kind == "map":
            if not isinstance(value, dict):
                problems.append("%s: expected object (map), got %s" % (path, _type_label(value)))
                return
            for k, v in value.items():
                self._check_enum(shape.key, k, "%s{key %r}" % (path, k), problems)
                self._walk_value(shape.value, v, "%s[%r]" % (path, k), problems, mode)
        elif kind == "string":
            if not isinstance(value, str):
                problems.append("%s: expected string, got %s %r" % (path, _type_label(value), value))
                return
            self._check_enum(shape, value, path, problems)
        elif kind in ("integer", "long"):
            if isinstance(value, bool) or not isinstance(value, int):
                problems.append("%s: expected %s, got %s %r" % (path, kind, _type_label(value), value))
                return
            lo, hi = INT_RANGES[kind]
            if not lo <= value <= hi:
                problems.append("%s: %s %d out of range" % (path, kind, value))
        elif kind == "boolean":
            if not isinstance(value, bool):
                problems.append("%s: expected boolean, got %s %r" % (path, _type_label(value), value))
        elif kind in ("double", "float"):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                if not (mode == "json" and value in ("NaN", "Infinity", "-Infinity")):
                    problems.append("%s: expected %s, got %s %r" % (path, kind, _type_label(value), value))
        elif kind == "timestamp":
            if mode == "json":
                if isinstance(value, bool) or not isinstance(value, (int, float)) or \
                        (isinstance(value, float) and not math.isfinite(value)):
                    problems.append("%s: timestamp must be epoch seconds (number), got %s %r"
                                    % (path, _type_label(value), value))
                elif not 0 <= value < 32503680000:
                    problems.append("%s: timestamp %r is not plausible epoch seconds" % (path, value))
            elif not (isinstance(value, (int, float)) and not isinstance(value, bool)) and \
                    not (isinstance(value, str) and _looks_like_time(value)):
                problems.append("%s: timestamp %r is neither a number nor a date string" % (path, value))
        elif kind == "blob":
            if not isinstance(value, str):
                problems.append("%s: blob must be a base64 string, got %s" % (path, _type_label(value)))
            elif mode == "json":
                try:
                    base64.b64decode(value, validate=True)
                except ValueError:
                    problems.append("%s: blob is not base64" % path)
        elif kind == "document":
            return
        else:
            problems.append("%s: unsupported shape type %s" % (path, kind))


def _looks_like_time(text):
    return bool(re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}", text)) or bool(FLOAT_TEXT.match(text))


def _type_label(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__
