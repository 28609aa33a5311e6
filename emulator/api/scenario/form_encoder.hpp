#pragma once
// A request in its botocore input shape (member names, JSON types) as the form fields the Query and EC2
// protocols send, named as botocore's serializers name them:
//   Query (ELBv2):  members by locationName; lists "Name.member.N"; maps "Name.entry.N.key/value"; an empty
//                   list "Name="
//   EC2:            members by queryName, else the capitalised locationName; lists "Name.N"; empty lists
//                   are not sent
// Scalars become text: booleans "true"/"false", numbers in decimal. Members the shape does not know are
// sent under their own name (check_request refuses them first).
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/api/scenario/shape_catalog.hpp"

namespace ecsemu::api::scenario {

using FormFields = std::vector<std::pair<std::string, std::string>>;

FormFields encode_form(std::string_view service_prefix, std::string_view operation, WireProtocol protocol,
                       const nlohmann::json& request);

// "Action=Op&Version=V&" followed by the fields, percent-encoded as application/x-www-form-urlencoded.
std::string form_body(std::string_view operation, std::string_view version, const FormFields& fields);

std::string percent_encode(std::string_view text);

}  // namespace ecsemu::api::scenario
