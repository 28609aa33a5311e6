#include "wire_fixtures.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>

namespace ecsemu::net::dns::test {
namespace {

std::uint16_t get_u16(const Bytes& message, std::size_t at) {
    return static_cast<std::uint16_t>((message[at] << 8) | message[at + 1]);
}

sockaddr_in loopback(std::uint16_t port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

void set_timeouts(int fd, std::chrono::milliseconds timeout) {
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

// Reads `count` records starting at `offset`; false on any malformation.
bool decode_records(const Bytes& message, std::size_t& offset, std::uint16_t count,
                    std::vector<DecodedRecord>& out) {
    for (std::uint16_t i = 0; i < count; ++i) {
        DecodedRecord record;
        auto name = decode_name_at(message, offset);
        if (!name) return false;
        record.name = *name;
        // Skip the name as written here (labels until a zero or a pointer).
        while (offset < message.size() && message[offset] != 0 && (message[offset] & 0xC0) != 0xC0) {
            offset += 1 + message[offset];
        }
        if (offset >= message.size()) return false;
        offset += (message[offset] & 0xC0) == 0xC0 ? 2 : 1;
        if (offset + 10 > message.size()) return false;
        record.type = get_u16(message, offset);
        record.klass = get_u16(message, offset + 2);
        record.ttl =
            (static_cast<std::uint32_t>(get_u16(message, offset + 4)) << 16) | get_u16(message, offset + 6);
        std::size_t length = get_u16(message, offset + 8);
        offset += 10;
        if (offset + length > message.size()) return false;
        record.rdata_offset = offset;
        record.rdata.assign(message.begin() + static_cast<std::ptrdiff_t>(offset),
                            message.begin() + static_cast<std::ptrdiff_t>(offset + length));
        offset += length;
        out.push_back(std::move(record));
    }
    return true;
}

}  // namespace

void append_u16(Bytes& out, std::uint16_t value) {
    out.push_back(static_cast<std::uint8_t>(value >> 8));
    out.push_back(static_cast<std::uint8_t>(value & 0xFF));
}

void append_name(Bytes& out, const std::string& dotted) {
    std::size_t start = 0;
    while (start < dotted.size()) {
        std::size_t dot = dotted.find('.', start);
        if (dot == std::string::npos) dot = dotted.size();
        out.push_back(static_cast<std::uint8_t>(dot - start));
        out.insert(out.end(), dotted.begin() + static_cast<std::ptrdiff_t>(start),
                   dotted.begin() + static_cast<std::ptrdiff_t>(dot));
        start = dot + 1;
    }
    out.push_back(0);
}

Bytes build_query(const QuerySpec& spec) {
    Bytes out;
    append_u16(out, spec.id);
    std::uint16_t flags = static_cast<std::uint16_t>((spec.opcode & 0x0F) << 11);
    if (spec.recursion_desired) flags |= 0x0100;
    append_u16(out, flags);
    append_u16(out, 1);
    append_u16(out, 0);
    append_u16(out, 0);
    append_u16(out, spec.edns_payload ? 1 : 0);
    append_name(out, spec.name);
    append_u16(out, spec.type);
    append_u16(out, spec.klass);
    if (spec.edns_payload) {
        out.push_back(0);
        append_u16(out, 41);
        append_u16(out, *spec.edns_payload);
        append_u16(out, spec.edns_version);  // extended rcode 0, version
        append_u16(out, 0);
        append_u16(out, 0);
    }
    return out;
}

std::optional<std::string> decode_name_at(const Bytes& message, std::size_t offset) {
    std::string name;
    for (int hops = 0; hops < 128; ++hops) {
        if (offset >= message.size()) return std::nullopt;
        std::uint8_t length = message[offset];
        if ((length & 0xC0) == 0xC0) {
            if (offset + 1 >= message.size()) return std::nullopt;
            offset = static_cast<std::size_t>(((length & 0x3F) << 8) | message[offset + 1]);
            continue;
        }
        if (length == 0) return name;
        if (offset + 1 + length > message.size()) return std::nullopt;
        if (!name.empty()) name += '.';
        name.append(reinterpret_cast<const char*>(message.data() + offset + 1), length);
        offset += 1 + length;
    }
    return std::nullopt;
}

std::optional<DecodedResponse> decode_response(const Bytes& message) {
    if (message.size() < 12) return std::nullopt;
    DecodedResponse response;
    response.id = get_u16(message, 0);
    response.flags = get_u16(message, 2);
    response.question_count = get_u16(message, 4);
    std::uint16_t answers = get_u16(message, 6);
    std::uint16_t authority = get_u16(message, 8);
    std::uint16_t additional = get_u16(message, 10);
    std::size_t offset = 12;
    if (response.question_count > 1) return std::nullopt;
    if (response.question_count == 1) {
        auto name = decode_name_at(message, offset);
        if (!name) return std::nullopt;
        response.question_name = *name;
        while (offset < message.size() && message[offset] != 0) offset += 1 + message[offset];
        offset += 1;
        if (offset + 4 > message.size()) return std::nullopt;
        response.question_type = get_u16(message, offset);
        response.question_class = get_u16(message, offset + 2);
        offset += 4;
    }
    if (!decode_records(message, offset, answers, response.answers)) return std::nullopt;
    if (!decode_records(message, offset, authority, response.authority)) return std::nullopt;
    if (!decode_records(message, offset, additional, response.additional)) return std::nullopt;
    if (offset != message.size()) return std::nullopt;
    return response;
}

std::string ipv4_text(const Bytes& rdata) {
    if (rdata.size() != 4) return "?";
    return std::to_string(rdata[0]) + "." + std::to_string(rdata[1]) + "." + std::to_string(rdata[2]) + "." +
           std::to_string(rdata[3]);
}

UdpClient::UdpClient(std::uint16_t server_port, std::chrono::milliseconds timeout) {
    fd_ = ::socket(AF_INET, SOCK_DGRAM, 0);
    if (fd_ < 0) return;
    set_timeouts(fd_, timeout);
    auto address = loopback(server_port);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

UdpClient::~UdpClient() {
    if (fd_ >= 0) ::close(fd_);
}

bool UdpClient::send(const Bytes& datagram) {
    return fd_ >= 0 &&
           ::send(fd_, datagram.data(), datagram.size(), 0) == static_cast<ssize_t>(datagram.size());
}

std::optional<Bytes> UdpClient::receive() {
    if (fd_ < 0) return std::nullopt;
    Bytes buffer(70000);
    ssize_t n = ::recv(fd_, buffer.data(), buffer.size(), 0);
    if (n < 0) return std::nullopt;
    buffer.resize(static_cast<std::size_t>(n));
    return buffer;
}

TcpClient::TcpClient(std::uint16_t server_port, std::chrono::milliseconds timeout) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) return;
    set_timeouts(fd_, timeout);
    auto address = loopback(server_port);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

TcpClient::~TcpClient() {
    if (fd_ >= 0) ::close(fd_);
}

bool TcpClient::send_raw(const Bytes& bytes) {
    std::size_t sent = 0;
    while (fd_ >= 0 && sent < bytes.size()) {
        ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return fd_ >= 0;
}

bool TcpClient::send_framed(const Bytes& message) {
    Bytes framed;
    append_u16(framed, static_cast<std::uint16_t>(message.size()));
    framed.insert(framed.end(), message.begin(), message.end());
    return send_raw(framed);
}

bool TcpClient::read_exact(std::uint8_t* out, std::size_t count) {
    std::size_t got = 0;
    while (got < count) {
        ssize_t n = ::recv(fd_, out + got, count - got, 0);
        if (n <= 0) return false;
        got += static_cast<std::size_t>(n);
    }
    return true;
}

std::optional<Bytes> TcpClient::receive_framed() {
    if (fd_ < 0) return std::nullopt;
    std::uint8_t prefix[2];
    if (!read_exact(prefix, 2)) return std::nullopt;
    Bytes message(static_cast<std::size_t>((prefix[0] << 8) | prefix[1]));
    if (!read_exact(message.data(), message.size())) return std::nullopt;
    return message;
}

bool TcpClient::wait_closed() {
    if (fd_ < 0) return true;
    std::uint8_t byte;
    while (true) {
        ssize_t n = ::recv(fd_, &byte, 1, 0);
        if (n == 0) return true;
        if (n < 0) return errno == ECONNRESET;
    }
}

}  // namespace ecsemu::net::dns::test
