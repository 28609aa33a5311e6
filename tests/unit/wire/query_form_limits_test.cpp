// Form decoding stays proportional to the input and refuses sizes no AWS client sends.
#include <catch2/catch.hpp>
#include <string>

#include "emulator/api/wire/query_form.hpp"

using ecsemu::api::append_form_fields;
using ecsemu::api::form_fields_to_tree;
using ecsemu::api::FormField;
using ecsemu::api::FormLimits;
using nlohmann::json;

namespace {

std::string numbered_ids(int count) {
    std::string form;
    for (int i = 1; i <= count; ++i) {
        if (!form.empty()) form += '&';
        form += "VpcId." + std::to_string(i) + "=vpc-" + std::to_string(i);
    }
    return form;
}

}  // namespace

TEST_CASE("100k list entries decode into one ordered list", "[wire][form][limits]") {
    // Timing, for the record (RelWithDebInfo, one core): decoding used to take ~24 s here, every new position
    // scanning all earlier ones; the whole test case now takes ~0.15 s.
    FormLimits limits;
    limits.max_fields = 200'000;
    limits.max_list_index = 200'000;
    std::vector<FormField> fields;
    REQUIRE(append_form_fields(numbered_ids(100'000), fields, limits).ok());
    REQUIRE(fields.size() == 100'000);
    const auto tree = form_fields_to_tree(fields, limits);
    REQUIRE(tree.ok());
    const json& ids = tree.value()["VpcId"];
    REQUIRE(ids.is_array());
    REQUIRE(ids.size() == 100'000);
    CHECK(ids[0] == "vpc-1");
    CHECK(ids[9] == "vpc-10");
    CHECK(ids[99'999] == "vpc-100000");
}

TEST_CASE("positions given out of order, and many members per item, still decode in position order",
          "[wire][form][limits]") {
    std::vector<FormField> fields;
    for (int i = 3'000; i >= 1; --i) {
        fields.push_back({"Filter." + std::to_string(i) + ".Name", "n" + std::to_string(i)});
        fields.push_back({"Filter." + std::to_string(i) + ".Value.1", "v" + std::to_string(i)});
    }
    const auto tree = form_fields_to_tree(fields);
    REQUIRE(tree.ok());
    const json& filters = tree.value()["Filter"];
    REQUIRE(filters.size() == 3'000);
    CHECK(filters[0] == json::parse(R"({"Name":"n1","Value":["v1"]})"));
    CHECK(filters[2'999] == json::parse(R"({"Name":"n3000","Value":["v3000"]})"));
}

TEST_CASE("more than 10000 fields are MalformedQueryString", "[wire][form][limits]") {
    std::vector<FormField> fields;
    CHECK(append_form_fields(numbered_ids(10'000), fields).ok());
    fields.clear();
    const auto status = append_form_fields(numbered_ids(10'001), fields);
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().code == "MalformedQueryString");
    CHECK(status.error().http_status == 400);

    // The limit counts every field of the request, query string and body together.
    fields.clear();
    REQUIRE(append_form_fields(numbered_ids(6'000), fields).ok());
    CHECK_FALSE(append_form_fields(numbered_ids(6'000), fields).ok());

    std::vector<FormField> many(10'001, FormField{"A", "x"});
    const auto tree = form_fields_to_tree(many);
    REQUIRE_FALSE(tree.ok());
    CHECK(tree.error().code == "MalformedQueryString");
}

TEST_CASE("list positions must lie in 1..10000", "[wire][form][limits]") {
    for (const auto* name : {"VpcId.0", "VpcId.10001", "VpcId.99999999999999999999", "A.member.0",
                             "Filter.1.Value.4294967297"}) {
        INFO(name);
        std::vector<FormField> fields{{name, "x"}};
        const auto tree = form_fields_to_tree(fields);
        REQUIRE_FALSE(tree.ok());
        CHECK(tree.error().code == "MalformedQueryString");
    }
    std::vector<FormField> fields{{"VpcId.10000", "x"}, {"VpcId.-1", "y"}, {"7", "z"}};
    const auto tree = form_fields_to_tree(fields);
    REQUIRE(tree.ok());
    // "-1" is not a position but an (unknown) member name, for the service to refuse; top-level names are
    // members whatever they look like.
    CHECK(tree.value() == json::parse(R"({"VpcId": {"10000": "x", "-1": "y"}, "7": "z"})"));
}
