#pragma once
// application/x-www-form-urlencoded parameters (Query and EC2 protocols) and the params tree services see.
//
// Tree rules, applied to the dotted names after percent-decoding:
//   A=x                                  {"A": "x"}              every scalar stays a string
//   A.B=x                                {"A": {"B": "x"}}
//   A.member.1=x&A.member.2=y            {"A": ["x", "y"]}       Query lists, ordered by N (1-based)
//   A.1=x&A.2=y                          {"A": ["x", "y"]}       EC2 and flattened Query lists
//   A.entry.1.key=k&A.entry.1.value=v    {"A": {"k": "v"}}       Query maps
//   A=                                   {"A": ""}               botocore's encoding of an empty list
// A name given twice keeps its last value. A name that is both a scalar and a prefix (A=x&A.B=y) becomes the
// object. Names deeper than kMaxJsonNestingDepth segments are refused.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/errors.hpp"

namespace ecsemu::api {

struct FormField {
    std::string name;
    std::string value;
};

// Decodes "a=1&b=x+y%21" onto `fields` ('+' is a space). Pairs with an empty name are skipped; a pair without
// '=' has an empty value. MalformedQueryString (400) for a bad %-escape or text that is not UTF-8.
core::Status append_form_fields(std::string_view encoded, std::vector<FormField>& fields);

// Percent-decodes one component; false on a bad escape.
bool percent_decode(std::string_view encoded, std::string& out);

// Builds the params tree from decoded fields. MalformedQueryString for names nested too deeply.
core::Result<nlohmann::json> form_fields_to_tree(const std::vector<FormField>& fields);

}  // namespace ecsemu::api
