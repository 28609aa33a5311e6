"""Raw DNS queries over UDP and TCP for the end-to-end tests (no resolver in between, so malformed input and exact
answers can be checked)."""
import socket
import struct


def dns_query(name, qtype=1, qid=0x1234):
    header = struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    question = b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0" + struct.pack(">HH", qtype, 1)
    return header + question


def parse_answer(data):
    """(rcode, [A addresses]) of a response to dns_query()."""
    qid, flags, qd, an, ns, ar = struct.unpack(">HHHHHH", data[:12])
    pos = 12
    for _ in range(qd):
        while data[pos] != 0:
            pos += 1 + data[pos]
        pos += 5
    addresses = []
    for _ in range(an):
        if data[pos] & 0xC0 == 0xC0:
            pos += 2
        else:
            while data[pos] != 0:
                pos += 1 + data[pos]
            pos += 1
        rtype, _, _, rdlength = struct.unpack(">HHIH", data[pos:pos + 10])
        pos += 10
        if rtype == 1:
            addresses.append(socket.inet_ntoa(data[pos:pos + 4]))
        pos += rdlength
    return flags & 0xF, addresses


def udp(dns, payload, timeout=3):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(timeout)
        s.sendto(payload, (dns["host"], dns["port"]))
        return s.recvfrom(65535)[0]


def tcp(dns, payload, timeout=3):
    with socket.create_connection((dns["host"], dns["port"]), timeout=timeout) as s:
        s.sendall(struct.pack(">H", len(payload)) + payload)
        length = struct.unpack(">H", s.recv(2))[0]
        data = b""
        while len(data) < length:
            data += s.recv(length - len(data))
        return data
