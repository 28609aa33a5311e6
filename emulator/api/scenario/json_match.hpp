#pragma once
// Reading AWS answers that arrive in two spellings: JSON bodies use the model's member names ("VpcId"),
// EC2's XML its wire names ("vpcId"), and every Query/EC2 scalar is text. Lookups therefore ignore the case
// of names, and comparisons treat 80 and "80" alike.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace ecsemu::api::scenario {

// The member of `object` named `name` ignoring case, or null.
const nlohmann::json* member(const nlohmann::json& object, std::string_view name);
// Follows a dotted path ("LoadBalancers.0.DNSName"): names as member(), numbers as list indexes.
const nlohmann::json* member_path(const nlohmann::json& value, std::string_view path);
// A copy of the member at `path`, or null JSON.
nlohmann::json value_at(const nlohmann::json& value, std::string_view path);
// The member as text ("" when absent; numbers and booleans as their text).
std::string text_of(const nlohmann::json& object, std::string_view path);
// A list member as a list: an absent member or "" (an empty XML element) is empty.
nlohmann::json list_of(const nlohmann::json& object, std::string_view path);

// Scalars equal as JSON or as text.
bool loosely_equal(const nlohmann::json& a, const nlohmann::json& b);

// True when every member `wanted` gives has the same value in `actual`, recursively: what a request asks for
// is already so. Lists must have the same length and match item by item; a wanted value that is empty
// (false, 0, "", [] or {}) also matches an absent one, since answers leave defaults out.
bool satisfies(const nlohmann::json& actual, const nlohmann::json& wanted);

}  // namespace ecsemu::api::scenario
