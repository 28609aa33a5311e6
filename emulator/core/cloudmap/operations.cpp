#include "emulator/core/cloudmap/operations.hpp"

#include <charconv>
#include <cstdio>

#include "emulator/core/cloudmap/cloudmap_errors.hpp"

namespace ecsemu::core::cloudmap {

namespace {

std::string sort_key(const Operation& operation) {
    char text[24];
    std::snprintf(text, sizeof text, "%020llu", static_cast<unsigned long long>(operation.sequence));
    return text;
}

std::optional<Instant> parse_epoch_seconds(const std::string& text) {
    double seconds = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return Instant{static_cast<std::int64_t>(seconds * 1000.0)};
}

Status check_operation_filter(const Filter& filter) {
    if (filter.name == "NAMESPACE_ID" || filter.name == "SERVICE_ID") return check_filter(filter, {"EQ"});
    if (filter.name == "STATUS" || filter.name == "TYPE") return check_filter(filter, {"EQ", "IN"});
    if (filter.name == "UPDATE_DATE") {
        if (auto checked = check_filter(filter, {"BETWEEN"}); !checked) return checked;
        for (const auto& value : filter.values) {
            if (!parse_epoch_seconds(value))
                return invalid_input("UPDATE_DATE values must be Unix times in seconds: " + value);
        }
        return Ok{};
    }
    return invalid_input("Unknown operation filter name: " + filter.name);
}

std::string target(const Operation& operation, const char* kind) {
    const auto it = operation.targets.find(kind);
    return it == operation.targets.end() ? std::string() : it->second;
}

bool matches(const Operation& operation, const Filter& filter, Instant now) {
    if (filter.name == "NAMESPACE_ID") return filter_accepts(filter, target(operation, "NAMESPACE"));
    if (filter.name == "SERVICE_ID") return filter_accepts(filter, target(operation, "SERVICE"));
    if (filter.name == "STATUS") return filter_accepts(filter, to_string(operation_status(operation, now)));
    if (filter.name == "TYPE") return filter_accepts(filter, to_string(operation.type));
    const Instant updated = operation_updated(operation, now);
    return *parse_epoch_seconds(filter.values[0]) <= updated &&
           updated <= *parse_epoch_seconds(filter.values[1]);
}

}  // namespace

std::string record_operation(CloudMapCall& call, OperationType type,
                             std::map<std::string, std::string> targets, std::string creator_request_id) {
    Operation operation;
    operation.id = call.ids().alnum_lower(32) + "-" + call.ids().alnum_lower(8);
    operation.sequence = ++call.state().last_operation_sequence;
    operation.type = type;
    operation.created = call.now;
    operation.targets = std::move(targets);
    operation.creator_request_id = std::move(creator_request_id);
    auto& operations = call.state().operations;
    operations.push_back(std::move(operation));
    while (operations.size() > CloudMapState::kMaxOperations) operations.pop_front();
    return operations.back().id;
}

OperationStatus operation_status(const Operation& operation, Instant now) {
    const Duration age = now - operation.created;
    if (age < kOperationSubmittedFor) return OperationStatus::Submitted;
    if (age < kOperationSucceedsAfter) return OperationStatus::Pending;
    return OperationStatus::Success;
}

Instant operation_updated(const Operation& operation, Instant now) {
    switch (operation_status(operation, now)) {
        case OperationStatus::Submitted:
            return operation.created;
        case OperationStatus::Pending:
            return operation.created + kOperationSubmittedFor;
        default:
            return operation.created + kOperationSucceedsAfter;
    }
}

const Operation* find_operation_by_request(const CloudMapState& state, OperationType type,
                                           const std::string& creator_request_id) {
    if (creator_request_id.empty()) return nullptr;
    for (auto it = state.operations.rbegin(); it != state.operations.rend(); ++it) {
        if (it->type == type && it->creator_request_id == creator_request_id) return &*it;
    }
    return nullptr;
}

Result<const Operation*> get_operation(const CloudMapState& state, const std::string& id) {
    for (const auto& operation : state.operations) {
        if (operation.id == id) return &operation;
    }
    return operation_not_found(id);
}

Result<OperationPage> list_operations(const CloudMapState& state, const std::vector<Filter>& filters,
                                      const std::optional<std::string>& next_token,
                                      std::optional<int> max_results, Instant now) {
    for (const auto& filter : filters) {
        if (auto checked = check_operation_filter(filter); !checked) return checked.error();
    }
    std::vector<const Operation*> selected;
    std::vector<std::string> keys;
    for (const auto& operation : state.operations) {
        bool keep = true;
        for (const auto& filter : filters) keep = keep && matches(operation, filter, now);
        if (!keep) continue;
        selected.push_back(&operation);
        keys.push_back(sort_key(operation));
    }
    auto window = page_window(keys, next_token, max_results, 100);
    if (!window) return window.error();
    OperationPage page;
    page.operations.assign(selected.begin() + static_cast<std::ptrdiff_t>(window->begin),
                           selected.begin() + static_cast<std::ptrdiff_t>(window->end));
    page.next_token = window->next_token;
    return page;
}

}  // namespace ecsemu::core::cloudmap
