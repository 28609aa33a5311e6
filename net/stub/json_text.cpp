#include "net/stub/json_text.hpp"

#include <cstddef>

namespace ecsemu::net {

namespace {

constexpr int kMaxDepth = 64;

class JsonScanner {
public:
    explicit JsonScanner(std::string_view text) : text_(text) {}

    bool whole_value() {
        skip_space();
        if (!value(0)) return false;
        skip_space();
        return at_ == text_.size();
    }

private:
    bool more() const { return at_ < text_.size(); }
    char peek() const { return more() ? text_[at_] : '\0'; }
    bool eat(char c) {
        if (peek() != c) return false;
        ++at_;
        return true;
    }
    void skip_space() {
        while (more() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) ++at_;
    }
    bool literal(std::string_view word) {
        if (text_.substr(at_, word.size()) != word) return false;
        at_ += word.size();
        return true;
    }
    static bool digit(char c) { return c >= '0' && c <= '9'; }
    static bool hex(char c) { return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

    bool digits() {
        std::size_t start = at_;
        while (digit(peek())) ++at_;
        return at_ > start;
    }

    bool number() {
        eat('-');
        if (!eat('0') && !digits()) return false;
        if (eat('.') && !digits()) return false;
        if (peek() == 'e' || peek() == 'E') {
            ++at_;
            if (!eat('+')) eat('-');
            if (!digits()) return false;
        }
        return true;
    }

    bool string() {
        if (!eat('"')) return false;
        while (more()) {
            char c = text_[at_++];
            if (c == '"') return true;
            if (static_cast<unsigned char>(c) < 0x20) return false;
            if (c != '\\') continue;
            char escape = peek();
            ++at_;
            if (escape == 'u') {
                for (int i = 0; i < 4; ++i, ++at_) {
                    if (!hex(peek())) return false;
                }
            } else if (std::string_view("\"\\/bfnrt").find(escape) == std::string_view::npos) {
                return false;
            }
        }
        return false;
    }

    // items: the members of an object (key: value) or the elements of an array, up to `close`.
    bool items(int depth, char close, bool keyed) {
        skip_space();
        if (eat(close)) return true;
        for (;;) {
            skip_space();
            if (keyed) {
                if (!string()) return false;
                skip_space();
                if (!eat(':')) return false;
                skip_space();
            }
            if (!value(depth + 1)) return false;
            skip_space();
            if (eat(close)) return true;
            if (!eat(',')) return false;
        }
    }

    bool value(int depth) {
        if (depth > kMaxDepth) return false;
        switch (peek()) {
            case '{':
                ++at_;
                return items(depth, '}', true);
            case '[':
                ++at_;
                return items(depth, ']', false);
            case '"':
                return string();
            case 't':
                return literal("true");
            case 'f':
                return literal("false");
            case 'n':
                return literal("null");
            default:
                return number();
        }
    }

    std::string_view text_;
    std::size_t at_ = 0;
};

}  // namespace

bool is_json_text(std::string_view text) {
    return JsonScanner(text).whole_value();
}

}  // namespace ecsemu::net
