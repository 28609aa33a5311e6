#!/usr/bin/env python3
"""Writes emulator/api/model/<svc>_input_shapes.cpp: the input shapes of one botocore service model as compact JSON.

The emulator validates request parameters against these shapes (emulator/api/model/input_validator.hpp). Only
shapes reachable from an operation's input are kept, and only what validation and services need: type, members,
required, enum, min/max, list member, map key/value, and (Query/EC2) the wire name of members whose form name
differs from the member name.

Output JSON:
  {"service": "ecs", "api_version": "2014-11-13", "protocol": "json",
   "operations": {"CreateCluster": "CreateClusterRequest", ...},       # operations without input are absent
   "shapes": {"CreateClusterRequest": {"type": "structure", "members": {"clusterName": "String"},
                                       "required": [...], "wire_names": {"member": "FormName"}},
              "StringList": {"type": "list", "member": "String"},
              "Tags": {"type": "map", "key": "TagKey", "value": "TagValue"},
              "LaunchType": {"type": "string", "enum": ["EC2", "FARGATE"]}, ...}}

Usage: tools/gen_api_shapes.py ecs [--version 2014-11-13] [--data-dir DIR] [--out FILE]
The output is committed; re-run after upgrading the botocore model and review the diff.
"""
import argparse
import gzip
import json
import os
import sys

DEFAULT_DATA_DIR = "/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/botocore/data"
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHUNK_CHARS = 8000  # keeps each raw string literal well under every compiler's literal limit
RAW_DELIMITER = "shapes"


def load_model(data_dir, service, version):
    service_dir = os.path.join(data_dir, service)
    if version is None:
        versions = sorted(v for v in os.listdir(service_dir) if os.path.isdir(os.path.join(service_dir, v)))
        if not versions:
            sys.exit(f"no model versions under {service_dir}")
        version = versions[-1]
    path = os.path.join(service_dir, version, "service-2.json")
    if os.path.exists(path + ".gz"):
        with gzip.open(path + ".gz", "rt", encoding="utf-8") as f:
            return json.load(f), version
    with open(path, encoding="utf-8") as f:
        return json.load(f), version


def wire_name(protocol, member_name, member_ref):
    """The form key botocore's serializer uses for a member (None when it equals the member name)."""
    if protocol == "ec2":
        if "queryName" in member_ref:
            name = member_ref["queryName"]
        elif "locationName" in member_ref:
            name = member_ref["locationName"]
            name = name[:1].upper() + name[1:]
        else:
            name = member_name
    elif protocol == "query":
        name = member_ref.get("locationName", member_name)
    else:
        return None
    return None if name == member_name else name


def compact_shape(protocol, shape):
    kind = shape["type"]
    out = {"type": kind}
    if kind == "structure":
        members = shape.get("members", {})
        out["members"] = {name: ref["shape"] for name, ref in members.items()}
        if shape.get("required"):
            out["required"] = list(shape["required"])
        wire_names = {}
        for name, ref in members.items():
            wire = wire_name(protocol, name, ref)
            if wire is not None:
                wire_names[name] = wire
        if wire_names:
            out["wire_names"] = wire_names
        if shape.get("document"):
            out["type"] = "document"
            del out["members"]
    elif kind == "list":
        out["member"] = shape["member"]["shape"]
    elif kind == "map":
        out["key"] = shape["key"]["shape"]
        out["value"] = shape["value"]["shape"]
    if "enum" in shape:
        out["enum"] = list(shape["enum"])
    for bound in ("min", "max"):
        if bound in shape:
            out[bound] = shape[bound]
    return out


def reachable_input_shapes(model):
    shapes = model["shapes"]
    operations = {}
    seen = {}
    pending = []
    for op_name in sorted(model["operations"]):
        op = model["operations"][op_name]
        if "input" not in op:
            continue
        operations[op_name] = op["input"]["shape"]
        pending.append(op["input"]["shape"])
    protocol = model["metadata"]["protocol"]
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        compact = compact_shape(protocol, shapes[name])
        seen[name] = compact
        for child in compact.get("members", {}).values():
            pending.append(child)
        for key in ("member", "key", "value"):
            if key in compact:
                pending.append(compact[key])
    return operations, {name: seen[name] for name in sorted(seen)}


def render_cpp(service, version, protocol, text):
    ident = service.replace("-", "_")
    if ")" + RAW_DELIMITER + '"' in text:
        sys.exit("model text contains the raw string delimiter; choose another")
    chunks = [text[i : i + CHUNK_CHARS] for i in range(0, len(text), CHUNK_CHARS)]
    lines = [
        f"// Generated by tools/gen_api_shapes.py from the botocore model {service}/{version} ({protocol}).",
        "// Do not edit: re-run the tool after a model upgrade and review the diff.",
        "// clang-format off",
        '#include "emulator/api/model/input_shapes.hpp"',
        "",
        "namespace ecsemu::api {",
        "",
        "namespace {",
        "// Split because some compilers cap the length of one string literal.",
        "constexpr std::string_view kChunks[] = {",
    ]
    for chunk in chunks:
        lines.append(f'    R"{RAW_DELIMITER}({chunk}){RAW_DELIMITER}",')
    lines += [
        "};",
        "}  // namespace",
        "",
        f"std::string {ident}_input_shapes_json() {{",
        "    std::string text;",
        f"    text.reserve({len(text)});",
        "    for (const auto chunk : kChunks) text.append(chunk);",
        "    return text;",
        "}",
        "",
        "}  // namespace ecsemu::api",
        "",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("service", help="botocore service directory name, e.g. ecs, elbv2")
    parser.add_argument("--version", help="API version directory (default: the newest)")
    parser.add_argument("--data-dir", default=DEFAULT_DATA_DIR, help="botocore data directory")
    parser.add_argument("--out", help="output file (default: emulator/api/model/<svc>_input_shapes.cpp)")
    args = parser.parse_args()

    model, version = load_model(args.data_dir, args.service, args.version)
    protocol = model["metadata"]["protocol"]
    operations, shapes = reachable_input_shapes(model)
    document = {
        "service": args.service,
        "api_version": version,
        "protocol": protocol,
        "operations": operations,
        "shapes": shapes,
    }
    text = json.dumps(document, separators=(",", ":"), ensure_ascii=True)
    ident = args.service.replace("-", "_")
    out = args.out or os.path.join(REPO_ROOT, "emulator", "api", "model", f"{ident}_input_shapes.cpp")
    with open(out, "w", encoding="utf-8") as f:
        f.write(render_cpp(args.service, version, protocol, text))
    print(f"{out}: {len(operations)} operations, {len(shapes)} shapes, {len(text)} characters")


if __name__ == "__main__":
    main()
