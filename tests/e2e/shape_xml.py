"""The XML half of the shape validator: Query (STS, ELBv2) and EC2 responses and errors walked against
botocore shapes with the model's locationName / member / item / entry rules."""
import base64
import re
import xml.etree.ElementTree as ET

ISO8601 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$")
INTEGER_TEXT = re.compile(r"^-?\d+$")
FLOAT_TEXT = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")
INT_RANGES = {"integer": (-(2 ** 31), 2 ** 31 - 1), "long": (-(2 ** 63), 2 ** 63 - 1)}


def local_name(tag):
    return tag.rsplit("}", 1)[-1] if tag.startswith("{") else tag


def namespace_of(tag):
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _same_namespace(a, b):
    return (a or "").rstrip("/") == (b or "").rstrip("/")


class XmlShapeChecks:
    """Mixin of ShapeValidator; expects self._check_enum(shape, value, path, problems)."""

    def _check_xml_response(self, op, status, headers, body):
        protocol = op.service_model.protocol
        try:
            root = ET.fromstring(body)
        except ET.ParseError as e:
            return ["body is not well-formed XML (%s): %r" % (e, body[:200])]
        if status >= 300:
            if protocol == "ec2":
                return self.check_ec2_error(root, status)
            return self.check_query_error(root, status, op.service_model)
        problems = []
        if not 200 <= status < 300:
            problems.append("unexpected HTTP status %s" % status)
        ns = op.service_model.metadata.get("xmlNamespace")
        if local_name(root.tag) != op.name + "Response":
            problems.append("root element <%s>, expected <%sResponse>" % (local_name(root.tag), op.name))
        if ns and not _same_namespace(namespace_of(root.tag), ns):
            problems.append("root namespace %r, expected %r" % (namespace_of(root.tag), ns))
        children = list(root)
        for child in children:
            if namespace_of(child.tag) != namespace_of(root.tag):
                problems.append("element <%s> not in the response namespace" % local_name(child.tag))
        if protocol == "ec2":
            request_ids = [c for c in children if local_name(c.tag) == "requestId"]
            if len(request_ids) != 1 or not (request_ids[0].text or "").strip():
                problems.append("expected exactly one non-empty <requestId>, got %d" % len(request_ids))
            rest = [c for c in children if local_name(c.tag) != "requestId"]
            if op.output_shape is None:
                # Operations without output still answer <return>true</return>.
                rest = [c for c in rest if local_name(c.tag) != "return"]
                for c in rest:
                    problems.append("unexpected element <%s>" % local_name(c.tag))
            else:
                self._walk_xml_structure_children(op.output_shape, rest, "/" + op.name + "Response",
                                                  problems)
            return problems
        # query
        metadata = [c for c in children if local_name(c.tag) == "ResponseMetadata"]
        if len(metadata) != 1:
            problems.append("expected one <ResponseMetadata>, got %d" % len(metadata))
        else:
            ids = [c for c in metadata[0] if local_name(c.tag) == "RequestId"]
            if len(ids) != 1 or not (ids[0].text or "").strip() or len(list(metadata[0])) != 1:
                problems.append("<ResponseMetadata> must hold exactly one non-empty <RequestId>")
        rest = [c for c in children if local_name(c.tag) != "ResponseMetadata"]
        if op.output_shape is None:
            for c in rest:
                problems.append("unexpected element <%s>" % local_name(c.tag))
            return problems
        wrapper = op.output_shape.serialization.get("resultWrapper")
        if wrapper:
            results = [c for c in rest if local_name(c.tag) == wrapper]
            for c in rest:
                if local_name(c.tag) != wrapper:
                    problems.append("unexpected element <%s> beside <%s>" % (local_name(c.tag), wrapper))
            if len(results) != 1:
                problems.append("expected one <%s>, got %d" % (wrapper, len(results)))
                return problems
            self._walk_xml_structure_children(op.output_shape, list(results[0]), "/" + wrapper, problems)
        else:
            self._walk_xml_structure_children(op.output_shape, rest, "/", problems)
        return problems

    def check_query_error(self, root, status, service_model=None):
        """<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>"""
        problems = []
        if isinstance(root, (bytes, str)):
            try:
                root = ET.fromstring(root)
            except ET.ParseError as e:
                return ["error body is not well-formed XML: %s" % e]
        if local_name(root.tag) != "ErrorResponse":
            return ["error root element <%s>, expected <ErrorResponse>" % local_name(root.tag)]
        if service_model is not None:
            ns = service_model.metadata.get("xmlNamespace")
            if ns and not _same_namespace(namespace_of(root.tag), ns):
                problems.append("error namespace %r, expected %r" % (namespace_of(root.tag), ns))
        errors = [c for c in root if local_name(c.tag) == "Error"]
        ids = [c for c in root if local_name(c.tag) == "RequestId"]
        for c in root:
            if local_name(c.tag) not in ("Error", "RequestId"):
                problems.append("unexpected element <%s> in <ErrorResponse>" % local_name(c.tag))
        if len(errors) != 1:
            return problems + ["expected one <Error>, got %d" % len(errors)]
        if len(ids) != 1 or not (ids[0].text or "").strip():
            problems.append("expected one non-empty <RequestId> in <ErrorResponse>")
        fields = {}
        for c in errors[0]:
            name = local_name(c.tag)
            if name not in ("Type", "Code", "Message", "Detail"):
                problems.append("unexpected element <%s> in <Error>" % name)
            if name in fields:
                problems.append("duplicate <%s> in <Error>" % name)
            if list(c):
                problems.append("<%s> has child elements" % name)
            fields[name] = (c.text or "").strip()
        if not fields.get("Code"):
            problems.append("<Error> lacks a non-empty <Code>")
        if "Type" in fields and fields["Type"] not in ("Sender", "Receiver"):
            problems.append("<Type> is %r, expected Sender or Receiver" % fields["Type"])
        if not (400 <= status < 600):
            problems.append("error came with HTTP %s" % status)
        if fields.get("Type") == "Receiver" and status < 500:
            problems.append("Receiver error with HTTP %s" % status)
        if fields.get("Type") == "Sender" and status >= 500:
            problems.append("Sender error with HTTP %s" % status)
        return problems

    def check_ec2_error(self, root, status):
        """<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>"""
        problems = []
        if isinstance(root, (bytes, str)):
            try:
                root = ET.fromstring(root)
            except ET.ParseError as e:
                return ["error body is not well-formed XML: %s" % e]
        if local_name(root.tag) != "Response":
            return ["EC2 error root element <%s>, expected <Response>" % local_name(root.tag)]
        errors = [c for c in root if local_name(c.tag) == "Errors"]
        ids = [c for c in root if local_name(c.tag) == "RequestID"]
        for c in root:
            if local_name(c.tag) not in ("Errors", "RequestID"):
                problems.append("unexpected element <%s> in EC2 <Response>" % local_name(c.tag))
        if len(errors) != 1:
            return problems + ["expected one <Errors>, got %d" % len(errors)]
        if len(ids) != 1 or not (ids[0].text or "").strip():
            problems.append("expected one non-empty <RequestID> in EC2 <Response>")
        items = list(errors[0])
        if not items:
            problems.append("<Errors> is empty")
        for item in items:
            if local_name(item.tag) != "Error":
                problems.append("unexpected element <%s> in <Errors>" % local_name(item.tag))
                continue
            names = [local_name(c.tag) for c in item]
            for n in names:
                if n not in ("Code", "Message"):
                    problems.append("unexpected element <%s> in <Error>" % n)
            codes = [(c.text or "").strip() for c in item if local_name(c.tag) == "Code"]
            if len(codes) != 1 or not codes[0]:
                problems.append("<Error> needs exactly one non-empty <Code>, got %r" % codes)
        if not (400 <= status < 600):
            problems.append("error came with HTTP %s" % status)
        return problems

    def _walk_xml_structure_children(self, shape, children, path, problems):
        members_by_tag = {}
        for name, member in shape.members.items():
            if member.type_name == "list" and member.serialization.get("flattened"):
                tag = member.member.serialization.get("name") or member.serialization.get("name", name)
            else:
                tag = member.serialization.get("name", name)
            members_by_tag[tag] = (name, member)
        seen = {}
        for child in children:
            tag = local_name(child.tag)
            if tag not in members_by_tag:
                problems.append("%s/%s: unknown element (not a member of %s)" % (path, tag, shape.name))
                continue
            seen.setdefault(tag, []).append(child)
        for tag, elems in seen.items():
            name, member = members_by_tag[tag]
            flattened = member.serialization.get("flattened") and member.type_name in ("list", "map")
            if flattened:
                if member.type_name == "list":
                    for i, e in enumerate(elems):
                        self._walk_xml(member.member, e, "%s/%s[%d]" % (path, tag, i), problems)
                else:
                    for i, e in enumerate(elems):
                        self._walk_xml_map_entry(member, e, "%s/%s[%d]" % (path, tag, i), problems)
                continue
            if len(elems) > 1:
                problems.append("%s/%s: element repeated %d times" % (path, tag, len(elems)))
            self._walk_xml(member, elems[0], "%s/%s" % (path, tag), problems)
        if shape.metadata.get("union") and len(seen) > 1:
            problems.append("%s: union %s has %d members set" % (path, shape.name, len(seen)))
        for req in getattr(shape, "required_members", []) or []:
            member = shape.members[req]
            tag = member.serialization.get("name", req)
            if tag not in seen and not (member.type_name == "list" and member.serialization.get("flattened")):
                problems.append("%s: required member %s (<%s>) missing" % (path, req, tag))

    def _walk_xml_map_entry(self, shape, entry, path, problems):
        key_tag = shape.key.serialization.get("name", "key")
        value_tag = shape.value.serialization.get("name", "value")
        names = [local_name(c.tag) for c in entry]
        if names.count(key_tag) != 1 or names.count(value_tag) > 1 or set(names) - {key_tag, value_tag}:
            problems.append("%s: map entry children %s, expected <%s> and <%s>" % (path, names, key_tag, value_tag))
        for c in entry:
            t = local_name(c.tag)
            if t == key_tag:
                self._walk_xml(shape.key, c, path + "/" + t, problems)
            elif t == value_tag:
                self._walk_xml(shape.value, c, path + "/" + t, problems)

    def _walk_xml(self, shape, elem, path, problems):
        kind = shape.type_name
        if elem.attrib:
            extra = {k for k in elem.attrib if not k.startswith("{http://www.w3.org/")}
            if extra:
                problems.append("%s: unexpected attributes %s" % (path, sorted(extra)))
        if kind == "structure":
            if (elem.text or "").strip():
                problems.append("%s: structure %s has text %r" % (path, shape.name, elem.text.strip()[:50]))
            self._walk_xml_structure_children(shape, list(elem), path, problems)
            return
        if kind == "list":
            item_tag = shape.member.serialization.get("name", "member")
            if (elem.text or "").strip():
                problems.append("%s: list has text %r" % (path, elem.text.strip()[:50]))
            for i, c in enumerate(elem):
                if local_name(c.tag) != item_tag:
                    problems.append("%s: list item <%s>, expected <%s>" % (path, local_name(c.tag), item_tag))
                    continue
                self._walk_xml(shape.member, c, "%s/%s[%d]" % (path, item_tag, i), problems)
            return
        if kind == "map":
            for i, c in enumerate(elem):
                if local_name(c.tag) != "entry":
                    problems.append("%s: map child <%s>, expected <entry>" % (path, local_name(c.tag)))
                    continue
                self._walk_xml_map_entry(shape, c, "%s/entry[%d]" % (path, i), problems)
            return
        if list(elem):
            problems.append("%s: scalar %s (%s) has child elements <%s>"
                            % (path, shape.name, kind, local_name(list(elem)[0].tag)))
            return
        text = elem.text or ""
        if kind == "string":
            self._check_enum(shape, text, path, problems)
        elif kind in ("integer", "long"):
            if not INTEGER_TEXT.match(text.strip()):
                problems.append("%s: %s %r is not an integer" % (path, kind, text))
            else:
                lo, hi = INT_RANGES[kind]
                if not lo <= int(text) <= hi:
                    problems.append("%s: %s %s out of range" % (path, kind, text))
        elif kind == "boolean":
            if text.strip() not in ("true", "false"):
                problems.append("%s: boolean %r is not true|false" % (path, text))
        elif kind in ("double", "float"):
            if not (FLOAT_TEXT.match(text.strip()) or text.strip() in ("NaN", "Infinity", "-Infinity")):
                problems.append("%s: %s %r is not a number" % (path, kind, text))
        elif kind == "timestamp":
            if not ISO8601.match(text.strip()):
                problems.append("%s: timestamp %r is not ISO8601" % (path, text))
        elif kind == "blob":
            try:
                base64.b64decode(text.strip(), validate=True)
            except ValueError:
                problems.append("%s: blob is not base64" % path)
        else:
            problems.append("%s: unsupported shape type %s" % (path, kind))
