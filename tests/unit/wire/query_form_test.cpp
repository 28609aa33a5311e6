#include <catch2/catch.hpp>

#include "emulator/api/wire/query_form.hpp"

using ecsemu::api::append_form_fields;
using ecsemu::api::form_fields_to_tree;
using ecsemu::api::FormField;
using nlohmann::json;

namespace {

json decode(std::string_view form) {
    std::vector<FormField> fields;
    const auto status = append_form_fields(form, fields);
    REQUIRE(status.ok());
    auto tree = form_fields_to_tree(fields);
    REQUIRE(tree.ok());
    return tree.value();
}

}  // namespace

TEST_CASE("form fields are percent-decoded with + as space", "[wire][form]") {
    std::vector<FormField> fields;
    REQUIRE(append_form_fields("a=x+y%21&b%2Ec=%2F%E2%82%AC&flag&&=ignored", fields).ok());
    REQUIRE(fields.size() == 3);
    CHECK(fields[0].name == "a");
    CHECK(fields[0].value == "x y!");
    CHECK(fields[1].name == "b.c");
    CHECK(fields[1].value == "/\xE2\x82\xAC");
    CHECK(fields[2].name == "flag");
    CHECK(fields[2].value.empty());
}

TEST_CASE("bad percent escapes and non-UTF-8 are MalformedQueryString", "[wire][form]") {
    for (const auto* bad : {"a=%", "a=%4", "a=%zz", "a=%C3%28", "%FF=1"}) {
        std::vector<FormField> fields;
        const auto status = append_form_fields(bad, fields);
        INFO(bad);
        REQUIRE_FALSE(status.ok());
        CHECK(status.error().code == "MalformedQueryString");
        CHECK(status.error().http_status == 400);
    }
}

TEST_CASE("Query lists become arrays ordered by position", "[wire][form]") {
    const auto tree = decode(
        "Targets.member.2.Id=b&Targets.member.1.Id=a&Targets.member.1.Port=8080&Names.member.10=j&"
        "Names.member.9=i");
    CHECK(tree == json::parse(R"({"Targets":[{"Id":"a","Port":"8080"},{"Id":"b"}],"Names":["i","j"]})"));
}

TEST_CASE("nested structures and lists decode from dotted names", "[wire][form]") {
    const auto tree = decode(
        "ListenerArn=L&Priority=10&Conditions.member.1.Field=path-pattern&"
        "Conditions.member.1.PathPatternConfig.Values.member.1=%2Fapi%2F%2A&"
        "Actions.member.1.Type=forward&Actions.member.1.ForwardConfig.TargetGroups.member.1.TargetGroupArn="
        "T1&"
        "Actions.member.1.ForwardConfig.TargetGroups.member.1.Weight=80");
    CHECK(tree == json::parse(R"({
        "ListenerArn": "L", "Priority": "10",
        "Conditions": [{"Field": "path-pattern", "PathPatternConfig": {"Values": ["/api/*"]}}],
        "Actions": [{"Type": "forward", "ForwardConfig": {"TargetGroups": [{"TargetGroupArn": "T1", "Weight": "80"}]}}]
    })"));
}

TEST_CASE("EC2 flattened lists use bare positions", "[wire][form]") {
    const auto tree = decode(
        "Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-1&Filter.1.Value.2=vpc-2&SubnetId.1=subnet-a&"
        "TagSpecification.1.ResourceType=subnet&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1."
        "Value=a");
    CHECK(tree == json::parse(R"({
        "Filter": [{"Name": "vpc-id", "Value": ["vpc-1", "vpc-2"]}],
        "SubnetId": ["subnet-a"],
        "TagSpecification": [{"ResourceType": "subnet", "Tag": [{"Key": "Name", "Value": "a"}]}]
    })"));
}

TEST_CASE("Query maps become objects", "[wire][form]") {
    const auto tree = decode(
        "Attributes.entry.1.key=k1&Attributes.entry.1.value=v1&Attributes.entry.2.key=k2&"
        "Attributes.entry.2.value=v2");
    CHECK(tree == json::parse(R"({"Attributes": {"k1": "v1", "k2": "v2"}})"));
}

TEST_CASE("an entry list without keys stays a structure", "[wire][form]") {
    const auto tree = decode("A.entry.1.value=v");
    CHECK(tree == json::parse(R"({"A": {"entry": [{"value": "v"}]}})"));
}

TEST_CASE("an empty list arrives as an empty string; repeated names keep the last value", "[wire][form]") {
    CHECK(decode("Tags=&Name=a&Name=b") == json::parse(R"({"Tags": "", "Name": "b"})"));
}

TEST_CASE("a name that is both scalar and prefix becomes the object", "[wire][form]") {
    CHECK(decode("A=x&A.B=y") == json::parse(R"({"A": {"B": "y"}})"));
}

TEST_CASE("numeric top-level names stay object members", "[wire][form]") {
    CHECK(decode("1=a&2=b") == json::parse(R"({"1": "a", "2": "b"})"));
}

TEST_CASE("names nested too deeply are refused", "[wire][form]") {
    std::string name = "A";
    for (int i = 0; i < 80; ++i) name += ".B";
    std::vector<FormField> fields{{name, "x"}};
    const auto tree = form_fields_to_tree(fields);
    REQUIRE_FALSE(tree.ok());
    CHECK(tree.error().code == "MalformedQueryString");
}
