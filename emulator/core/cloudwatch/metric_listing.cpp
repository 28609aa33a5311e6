#include <charconv>
#include <limits>

#include "emulator/core/cloudwatch/cloudwatch_errors.hpp"
#include "emulator/core/cloudwatch/metric_operations.hpp"

namespace ecsemu::core::cloudwatch {

namespace {

constexpr std::size_t kPageSize = 500;  // ListMetrics answers at most 500 metrics per call
constexpr std::string_view kTokenPrefix = "metrics-from:";
constexpr Duration kRecentlyActive = Duration::minutes(std::int64_t{3} * 60);

bool matches(const metrics::MetricKey& key, const ListMetricsInput& input) {
    if (input.namespace_name && key.namespace_name != *input.namespace_name) return false;
    if (input.metric_name && key.metric_name != *input.metric_name) return false;
    for (const auto& filter : input.dimensions) {
        const auto it = key.dimensions.find(filter.name);
        if (it == key.dimensions.end()) return false;
        if (filter.value && it->second != *filter.value) return false;
    }
    return true;
}

std::optional<std::size_t> token_offset(const std::string& token) {
    if (token.rfind(kTokenPrefix, 0) != 0) return std::nullopt;
    const std::string_view digits = std::string_view(token).substr(kTokenPrefix.size());
    std::size_t offset = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), offset);
    if (ec != std::errc{} || ptr != digits.data() + digits.size() || digits.empty()) return std::nullopt;
    return offset;
}

}  // namespace

Result<MetricList> list_metrics(const CloudWatchState& state, const ListMetricsInput& input, Instant now) {
    if (input.recently_active && *input.recently_active != "PT3H")
        return enum_error("recentlyActive", *input.recently_active, {"PT3H"});
    if (input.dimensions.size() > 10) {
        return validation_error("dimensions", std::to_string(input.dimensions.size()) + " filters",
                                "Member must have length less than or equal to 10");
    }
    std::size_t offset = 0;
    if (input.next_token) {
        const auto parsed = token_offset(*input.next_token);
        if (!parsed) return invalid_next_token();
        offset = *parsed;
    }
    std::vector<metrics::MetricKey> matching;
    for (auto& key : state.metrics.list(input.namespace_name.value_or(""))) {
        if (!matches(key, input)) continue;
        if (input.recently_active &&
            state.metrics.query(key, now - kRecentlyActive, Instant{std::numeric_limits<std::int64_t>::max()})
                .empty())
            continue;
        matching.push_back(std::move(key));
    }
    MetricList out;
    for (std::size_t i = offset; i < matching.size() && out.metrics.size() < kPageSize; ++i)
        out.metrics.push_back(matching[i]);
    if (offset + out.metrics.size() < matching.size())
        out.next_token = std::string(kTokenPrefix) + std::to_string(offset + out.metrics.size());
    return out;
}

}  // namespace ecsemu::core::cloudwatch
