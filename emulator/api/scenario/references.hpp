#pragma once
// References between scenario resources, written inside request strings:
//   "${ielts-backend-tg}"           the referenced resource's primary identifier (TargetGroupArn, VpcId, ...)
//   "${ielts-alb.DNSName}"          a field of its create or describe answer (nested: "A.B", list item:
//   "A.0")
//   "$${literal}"                   a literal "${literal}"
// A string that is exactly one reference takes the referenced value's JSON type (a number stays a number);
// references inside longer strings are spliced in as text.
#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ecsemu::api::scenario {

struct Reference {
    std::string label;
    std::string field;  // empty: the primary identifier
};

// Every reference in `text`, in order; "$${" escapes are skipped. Returns an error text for an unterminated
// "${" or an empty label.
std::optional<std::string> find_references(std::string_view text, std::vector<Reference>& out);

// Calls visit(path, reference) for every reference in the strings of `value`; path is "request.A[0].B".
// Stops at and returns the first error (of visit or of the syntax).
std::optional<std::string> for_each_reference(
    const nlohmann::json& value, const std::string& path,
    const std::function<std::optional<std::string>(const std::string& path, const Reference&)>& visit);

// The value a reference stands for, or an error text ("ielts-alb has no field DNSNam").
using ReferenceLookup = std::function<std::optional<nlohmann::json>(const Reference&, std::string& error)>;

// `value` with every reference replaced; escapes become literal "${". Errors name the path.
std::optional<std::string> resolve_references(nlohmann::json& value, const std::string& path,
                                              const ReferenceLookup& lookup);

// True when `text` is exactly one reference (it may then stand for a value of any type).
bool is_whole_reference(std::string_view text);

}  // namespace ecsemu::api::scenario
