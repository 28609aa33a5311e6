#include "emulator/api/wire/wire_message.hpp"

#include "emulator/api/wire/text.hpp"

namespace ecsemu::api {

std::string_view WireRequest::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (iequals_ascii(key, name)) return value;
    }
    return {};
}

std::vector<std::string_view> WireRequest::header_values(std::string_view name) const {
    std::vector<std::string_view> values;
    for (const auto& [key, value] : headers) {
        if (iequals_ascii(key, name)) values.emplace_back(value);
    }
    return values;
}

}  // namespace ecsemu::api
