#include "emulator/api/wire/text.hpp"

#include <cstdint>
#include <cstring>

namespace ecsemu::api {

bool is_valid_utf8(std::string_view text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* const end = p + text.size();
    while (p < end) {
        // Request bodies are mostly ASCII: skip eight bytes at a time while no high bit is set.
        if (end - p >= 8) {
            std::uint64_t word = 0;
            std::memcpy(&word, p, sizeof word);
            if ((word & 0x8080808080808080ULL) == 0) {
                p += 8;
                continue;
            }
        }
        const unsigned lead = *p;
        if (lead < 0x80) {
            ++p;
            continue;
        }
        int continuation = 0;
        std::uint32_t code_point = 0;
        if (lead >= 0xC2 && lead <= 0xDF) {
            continuation = 1;
            code_point = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            continuation = 2;
            code_point = lead & 0x0F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            continuation = 3;
            code_point = lead & 0x07;
        } else {
            return false;
        }
        if (end - p <= continuation) return false;
        for (int i = 1; i <= continuation; ++i) {
            const unsigned byte = p[i];
            if ((byte & 0xC0) != 0x80) return false;
            code_point = (code_point << 6) | (byte & 0x3F);
        }
        if (continuation == 2 && (code_point < 0x800 || (code_point >= 0xD800 && code_point <= 0xDFFF))) {
            return false;
        }
        if (continuation == 3 && (code_point < 0x10000 || code_point > 0x10FFFF)) return false;
        p += continuation + 1;
    }
    return true;
}

}  // namespace ecsemu::api
