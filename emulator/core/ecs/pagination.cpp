#include "emulator/core/ecs/pagination.hpp"

#include <algorithm>

#include "emulator/core/ecs/ecs_errors.hpp"

namespace ecsemu::core::ecs {

namespace {

constexpr char kHex[] = "0123456789abcdef";

std::string hex_encode(const std::string& text) {
    std::string out;
    out.reserve(text.size() * 2);
    for (const unsigned char c : text) {
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xf]);
    }
    return out;
}

std::optional<std::string> hex_decode(const std::string& text) {
    if (text.empty() || text.size() % 2 != 0) return std::nullopt;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    std::string out;
    for (std::size_t i = 0; i < text.size(); i += 2) {
        const int high = nibble(text[i]);
        const int low = nibble(text[i + 1]);
        if (high < 0 || low < 0) return std::nullopt;
        out.push_back(static_cast<char>(high * 16 + low));
    }
    return out;
}

}  // namespace

Result<int> checked_max_results(const std::optional<int>& max_results, int default_max_results) {
    if (!max_results) return default_max_results;
    if (*max_results < 1 || *max_results > 100) {
        return invalid_parameter("maxResults must be between 1 and 100.");
    }
    return *max_results;
}

Result<Page> paginate(const std::vector<PageItem>& items, const std::optional<std::string>& next_token,
                      int max_results, bool descending) {
    auto first = items.begin();
    if (next_token && !next_token->empty()) {
        const auto last_key = hex_decode(*next_token);
        if (!last_key) return invalid_parameter("Invalid nextToken: " + *next_token);
        first = std::find_if(items.begin(), items.end(), [&](const PageItem& item) {
            return descending ? item.sort_key < *last_key : item.sort_key > *last_key;
        });
    }
    Page page;
    auto it = first;
    for (; it != items.end() && static_cast<int>(page.values.size()) < max_results; ++it) {
        page.values.push_back(it->value);
    }
    if (it != items.end() && !page.values.empty()) page.next_token = hex_encode(std::prev(it)->sort_key);
    return page;
}

}  // namespace ecsemu::core::ecs
