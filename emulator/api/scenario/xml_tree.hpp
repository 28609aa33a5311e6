#pragma once
// Reads the XML answers of the Query and EC2 protocols into JSON the applier can look fields up in:
// an element with child elements becomes an object (a repeated name keeps the last), one whose children are
// all <member> or <item> becomes an array, any other element its text. Attributes, comments and the prolog
// are skipped. Only what AWS's (and ecsemu's) answers use: no DTDs, no CDATA.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace ecsemu::api::scenario {

struct XmlDocument {
    std::string root_name;
    nlohmann::json root;
};

std::optional<XmlDocument> parse_xml(std::string_view text);

}  // namespace ecsemu::api::scenario
