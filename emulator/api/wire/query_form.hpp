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
//
// Every all-digit segment after the first is a list position; positions outside 1..max_list_index are
// refused rather than guessed at (botocore numbers from 1 without gaps, so a larger position cannot belong
// to a request within max_fields). Decoding costs O(n log n) in the number of fields.
#include <cstddef>
#include <cstdint>
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

// Sizes no AWS client sends. The largest real EC2/Query requests carry a few hundred fields; the caps keep a
// hostile form from occupying the control thread.
struct FormLimits {
    std::size_t max_fields = 10'000;
    std::uint32_t max_list_index = 10'000;
};

// Decodes "a=1&b=x+y%21" onto `fields` ('+' is a space). Pairs with an empty name are skipped; a pair without
// '=' has an empty value. MalformedQueryString (400) for a bad %-escape, text that is not UTF-8, or once
// `fields` would hold more than limits.max_fields (so the query string and the body share one budget).
core::Status append_form_fields(std::string_view encoded, std::vector<FormField>& fields,
                                const FormLimits& limits = {});

// Percent-decodes one component; false on a bad escape.
bool percent_decode(std::string_view encoded, std::string& out);

// Builds the params tree from decoded fields. MalformedQueryString for more than limits.max_fields fields,
// names nested too deeply, or list positions out of range.
core::Result<nlohmann::json> form_fields_to_tree(const std::vector<FormField>& fields,
                                                 const FormLimits& limits = {});

}  // namespace ecsemu::api
