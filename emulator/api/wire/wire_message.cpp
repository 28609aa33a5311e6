#include "emulator/api/wire/wire_message.hpp"

#include "emulator/api/wire/text.hpp"

namespace ecsemu::api {

std::string_view WireRequest::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (iequals_ascii(key, name)) return value;
    }
    return {};
}

}  // namespace ecsemu::api
