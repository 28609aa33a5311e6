#pragma once
// A connection's receive buffer, kept for the connection's life. A message's head stays where it arrived
// (MessageReader records offsets into it); body bytes are dropped once the reader has copied them out, and
// bytes past the message (pipelined requests) move to the front when the next message begins.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>

#include <boost/asio/buffer.hpp>

namespace ecsemu::net::alb {

class ReadBuffer {
public:
    explicit ReadBuffer(std::size_t initial_bytes)
        : data_(new char[initial_bytes]), capacity_(initial_bytes) {}

    const char* base() const { return data_.get(); }
    std::size_t parsed() const { return parsed_; }
    std::size_t filled() const { return filled_; }
    bool has_unparsed() const { return parsed_ < filled_; }
    void mark_parsed(std::size_t bytes) { parsed_ += bytes; }

    // Space for the next read, growing (and keeping every offset valid) when less than min_free is left.
    boost::asio::mutable_buffer prepare(std::size_t min_free) {
        if (capacity_ - filled_ < min_free) {
            std::size_t capacity = std::max(capacity_ * 2, filled_ + min_free);
            std::unique_ptr<char[]> grown(new char[capacity]);
            std::memcpy(grown.get(), data_.get(), filled_);
            data_ = std::move(grown);
            capacity_ = capacity;
        }
        return {data_.get() + filled_, capacity_ - filled_};
    }
    void commit(std::size_t bytes) { filled_ += bytes; }

    // Drops body bytes the reader has consumed, keeping [0, keep_end) and everything unparsed.
    void drop_parsed_after(std::size_t keep_end) {
        if (parsed_ <= keep_end) return;
        std::memmove(data_.get() + keep_end, data_.get() + parsed_, filled_ - parsed_);
        filled_ -= parsed_ - keep_end;
        parsed_ = keep_end;
    }

    // Ends the current message: unparsed bytes become the start of the next one.
    void begin_next_message() {
        if (parsed_ == 0) return;
        std::memmove(data_.get(), data_.get() + parsed_, filled_ - parsed_);
        filled_ -= parsed_;
        parsed_ = 0;
    }

    void clear() { parsed_ = filled_ = 0; }

    // Gives memory back after an unusually large message.
    void shrink_to(std::size_t bytes) {
        if (capacity_ <= bytes || filled_ > bytes) return;
        std::unique_ptr<char[]> smaller(new char[bytes]);
        std::memcpy(smaller.get(), data_.get(), filled_);
        data_ = std::move(smaller);
        capacity_ = bytes;
    }

private:
    std::unique_ptr<char[]> data_;
    std::size_t capacity_ = 0;
    std::size_t parsed_ = 0;
    std::size_t filled_ = 0;
};

}  // namespace ecsemu::net::alb
