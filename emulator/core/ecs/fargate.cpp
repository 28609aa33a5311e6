#include "emulator/core/ecs/fargate.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>

namespace ecsemu::core::ecs {

namespace {

struct FargateCpuSize {
    int cpu_units;
    int memory_min_mib;
    int memory_max_mib;
    int memory_step_mib;
};

constexpr FargateCpuSize kFargateSizes[] = {
    {512, 1024, 4096, 1024},   {1024, 2048, 8192, 1024},   {2048, 4096, 16384, 1024},
    {4096, 8192, 30720, 1024}, {8192, 16384, 61440, 4096}, {16384, 32768, 122880, 8192},
};

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// "<decimal> <unit>" -> decimal x unit_scale when that is a whole number; a bare number is taken as is.
std::optional<int> parse_scaled(std::string_view text, std::string_view unit, std::int64_t unit_scale) {
    text = trim(text);
    std::size_t i = 0;
    std::int64_t whole = 0;
    std::int64_t fraction = 0;
    std::int64_t fraction_scale = 1;
    bool any_digit = false;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
        whole = whole * 10 + (text[i] - '0');
        any_digit = true;
        if (whole > 10'000'000) return std::nullopt;
    }
    if (i < text.size() && text[i] == '.') {
        for (++i; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
            if (fraction_scale >= 1'000'000) return std::nullopt;
            fraction = fraction * 10 + (text[i] - '0');
            fraction_scale *= 10;
            any_digit = true;
        }
    }
    if (!any_digit) return std::nullopt;
    const std::string suffix = lower(trim(text.substr(i)));
    std::int64_t scale = 1;
    if (!suffix.empty()) {
        if (suffix != unit) return std::nullopt;
        scale = unit_scale;
    }
    const std::int64_t numerator = (whole * fraction_scale + fraction) * scale;
    if (numerator % fraction_scale != 0) return std::nullopt;
    return static_cast<int>(numerator / fraction_scale);
}

}  // namespace

std::optional<int> parse_task_cpu_units(std::string_view text) {
    return parse_scaled(text, "vcpu", 1024);
}

std::optional<int> parse_task_memory_mib(std::string_view text) {
    return parse_scaled(text, "gb", 1024);
}

std::vector<int> fargate_memory_options_mib(int cpu_units) {
    if (cpu_units == 256) return {512, 1024, 2048};
    const auto* size =
        std::find_if(std::begin(kFargateSizes), std::end(kFargateSizes),
                     [cpu_units](const FargateCpuSize& s) { return s.cpu_units == cpu_units; });
    if (size == std::end(kFargateSizes)) return {};
    std::vector<int> options;
    for (int mib = size->memory_min_mib; mib <= size->memory_max_mib; mib += size->memory_step_mib) {
        options.push_back(mib);
    }
    return options;
}

bool is_valid_fargate_size(int cpu_units, int memory_mib) {
    const auto options = fargate_memory_options_mib(cpu_units);
    return std::binary_search(options.begin(), options.end(), memory_mib);
}

}  // namespace ecsemu::core::ecs
