#pragma once
// Test-side DNS wire helpers, written independently of the codec under test: a query builder that can be
// told to produce hostile variants, a response decoder, and blocking loopback UDP/TCP clients with
// timeouts so a misbehaving server fails a test instead of hanging it.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ecsemu::net::dns::test {

using Bytes = std::vector<std::uint8_t>;

struct QuerySpec {
    std::uint16_t id = 0x1234;
    std::string name = "backend.ielts.local";
    std::uint16_t type = 1;
    std::uint16_t klass = 1;
    std::uint8_t opcode = 0;
    bool recursion_desired = true;
    std::optional<std::uint16_t> edns_payload;  // set: append an OPT record
    std::uint8_t edns_version = 0;
};

Bytes build_query(const QuerySpec& spec);
void append_name(Bytes& out, const std::string& dotted);
void append_u16(Bytes& out, std::uint16_t value);

struct DecodedRecord {
    std::string name;  // dotted, as written (case kept), "" for the root
    std::uint16_t type = 0;
    std::uint16_t klass = 0;
    std::uint32_t ttl = 0;
    Bytes rdata;
    std::size_t rdata_offset = 0;  // where rdata starts in the message (for names inside it)
};

struct DecodedResponse {
    std::uint16_t id = 0;
    std::uint16_t flags = 0;
    std::uint16_t question_count = 0;
    std::string question_name;
    std::uint16_t question_type = 0;
    std::uint16_t question_class = 0;
    std::vector<DecodedRecord> answers;
    std::vector<DecodedRecord> authority;
    std::vector<DecodedRecord> additional;

    bool is_response() const { return (flags & 0x8000) != 0; }
    bool authoritative() const { return (flags & 0x0400) != 0; }
    bool truncated() const { return (flags & 0x0200) != 0; }
    bool recursion_desired() const { return (flags & 0x0100) != 0; }
    int rcode() const { return flags & 0x000F; }
    int opcode() const { return (flags >> 11) & 0x0F; }
};

// Nothing when the bytes are not a well-formed message (which is itself a test failure for a response).
std::optional<DecodedResponse> decode_response(const Bytes& message);
std::optional<std::string> decode_name_at(const Bytes& message, std::size_t offset);
std::string ipv4_text(const Bytes& rdata);

class UdpClient {
public:
    explicit UdpClient(std::uint16_t server_port,
                       std::chrono::milliseconds timeout = std::chrono::seconds(3));
    ~UdpClient();
    UdpClient(const UdpClient&) = delete;
    UdpClient& operator=(const UdpClient&) = delete;
    bool send(const Bytes& datagram);
    std::optional<Bytes> receive();  // nothing on timeout

private:
    int fd_ = -1;
};

class TcpClient {
public:
    explicit TcpClient(std::uint16_t server_port,
                       std::chrono::milliseconds timeout = std::chrono::seconds(3));
    ~TcpClient();
    TcpClient(const TcpClient&) = delete;
    TcpClient& operator=(const TcpClient&) = delete;
    bool connected() const { return fd_ >= 0; }
    bool send_raw(const Bytes& bytes);
    bool send_framed(const Bytes& message);  // 2-byte length, then the message
    std::optional<Bytes> receive_framed();   // nothing on EOF or timeout
    bool wait_closed();                      // true when the server closed within the timeout

private:
    bool read_exact(std::uint8_t* out, std::size_t count);
    int fd_ = -1;
};

}  // namespace ecsemu::net::dns::test
