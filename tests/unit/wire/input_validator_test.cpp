#include <catch2/catch.hpp>

#include "emulator/api/model/input_validator.hpp"

using namespace ecsemu::api;
using nlohmann::json;

namespace {

std::optional<ecsemu::core::AwsError> ecs(std::string_view operation, std::string_view params) {
    return ecs_input_validator().validate(operation, json::parse(params));
}

std::string missing_message(std::string_view path) {
    return "1 validation error detected: Value null at '" + std::string(path) +
           "' failed to satisfy constraint: Member must not be null";
}

}  // namespace

TEST_CASE("valid ECS input passes; unknown members and unknown operations are ignored", "[model]") {
    CHECK_FALSE(ecs("DescribeServices", R"({"cluster":"c","services":["a","b"],"include":["TAGS"]})"));
    CHECK_FALSE(ecs("DescribeServices", R"({"services":[],"someFutureMember":{"x":[1]}})"));
    CHECK_FALSE(ecs("ListClusters", "{}"));
    CHECK_FALSE(ecs("NoSuchOperation", R"({"x":1})"));
    CHECK_FALSE(ecs_input_validator().validate("ListClusters", json()));
    CHECK(ecs_input_validator().has_operation("CreateService"));
    CHECK_FALSE(ecs_input_validator().has_operation("NoSuchOperation"));
}

TEST_CASE("missing or null required members use the service's code", "[model]") {
    auto error = ecs("DescribeServices", R"({"cluster":"c"})");
    REQUIRE(error);
    CHECK(error->code == "InvalidParameterException");
    CHECK(error->http_status == 400);
    CHECK(error->message == missing_message("services"));

    error = ecs("DescribeServices", R"({"services":null})");
    REQUIRE(error);
    CHECK(error->message == missing_message("services"));
}

TEST_CASE("nested and list-element paths name the missing member", "[model]") {
    auto error = ecs(
        "CreateService",
        R"({"serviceName":"s","networkConfiguration":{"awsvpcConfiguration":{"assignPublicIp":"ENABLED"}}})");
    REQUIRE(error);
    CHECK(error->message == missing_message("networkConfiguration.awsvpcConfiguration.subnets"));

    error = ecs("CreateService", R"({"serviceName":"s","serviceConnectConfiguration":{"enabled":true,
                 "services":[{"portName":"http"},{"discoveryName":"d"}]}})");
    REQUIRE(error);
    CHECK(error->message == missing_message("serviceConnectConfiguration.services.2.member.portName"));
}

TEST_CASE("type mismatches are SerializationException", "[model]") {
    const char* bad[] = {
        R"({"services":"svc"})",                    // string for a list
        R"({"services":[1]})",                      // number for a string
        R"({"services":[null]})",                   // null list element
        R"({"services":["a"],"cluster":{"a":1}})",  // object for a string
        R"({"services":["a"],"cluster":["c"]})",    // list for a string
    };
    for (const auto* params : bad) {
        INFO(params);
        const auto error = ecs("DescribeServices", params);
        REQUIRE(error);
        CHECK(error->code == "SerializationException");
        CHECK(error->http_status == 400);
    }
    auto error = ecs("CreateService", R"({"serviceName":"s","desiredCount":"2"})");
    REQUIRE(error);
    CHECK(error->message == "STRING_VALUE can not be converted to an Integer");
    error = ecs("CreateService", R"({"serviceName":"s","enableExecuteCommand":"true"})");
    REQUIRE(error);
    CHECK(error->message == "STRING_VALUE can not be converted to a Boolean");
    error = ecs("CreateService", R"({"serviceName":"s","networkConfiguration":[]})");
    REQUIRE(error);
    CHECK(error->message == "Start of list found where not expected");
}

TEST_CASE("integers must be integral and fit 32 bits", "[model]") {
    CHECK_FALSE(ecs("CreateService", R"({"serviceName":"s","desiredCount":2})"));
    CHECK_FALSE(ecs("CreateService", R"({"serviceName":"s","desiredCount":2.0})"));
    CHECK(ecs("CreateService", R"({"serviceName":"s","desiredCount":2.5})"));
    CHECK(ecs("CreateService", R"({"serviceName":"s","desiredCount":2147483648})"));
    CHECK_FALSE(ecs("CreateService", R"({"serviceName":"s","desiredCount":-2147483648})"));
}

TEST_CASE("timestamps accept epoch numbers and strings", "[model]") {
    CHECK_FALSE(ecs("ListServiceDeployments", R"({"service":"s","createdAt":{"before":1700000000.5}})"));
    CHECK_FALSE(
        ecs("ListServiceDeployments", R"({"service":"s","createdAt":{"after":"2024-01-01T00:00:00Z"}})"));
    CHECK(ecs("ListServiceDeployments", R"({"service":"s","createdAt":{"after":true}})"));
}

TEST_CASE("maps check their values", "[model]") {
    const auto ok = R"({"family":"f","containerDefinitions":[{"name":"c","dockerLabels":{"a":"b"}}]})";
    CHECK_FALSE(ecs("RegisterTaskDefinition", ok));
    const auto bad = R"({"family":"f","containerDefinitions":[{"name":"c","dockerLabels":{"a":1}}]})";
    REQUIRE(ecs("RegisterTaskDefinition", bad));
}

TEST_CASE("form-encoded mode checks strings by wire name", "[model]") {
    const std::string model = R"({"operations":{"CreateTargetGroup":"CreateTargetGroupInput"},
        "shapes":{
          "CreateTargetGroupInput":{"type":"structure","required":["Name"],
            "members":{"Name":"Str","Port":"Int","Enabled":"Bool","Ratio":"Dbl","Values":"StrList","Filters":"FilterList"},
            "wire_names":{"Filters":"Filter"}},
          "FilterList":{"type":"list","member":"Filter"},
          "Filter":{"type":"structure","required":["Name"],"members":{"Name":"Str"}},
          "StrList":{"type":"list","member":"Str"},
          "Str":{"type":"string"},"Int":{"type":"integer"},"Bool":{"type":"boolean"},"Dbl":{"type":"double"}}})";
    InputValidatorOptions options;
    options.missing_member_code = "ValidationError";
    options.type_mismatch_code = "ValidationError";
    options.form_encoded = true;
    const InputValidator validator([model] { return model; }, options);

    CHECK_FALSE(
        validator.validate("CreateTargetGroup", json::parse(R"({"Name":"tg","Port":"80","Enabled":"true",
        "Ratio":"0.5","Values":"","Filter":[{"Name":"n"}]})")));
    auto error = validator.validate("CreateTargetGroup", json::parse(R"({"Name":"tg","Port":"eighty"})"));
    REQUIRE(error);
    CHECK(error->code == "ValidationError");
    CHECK(error->message ==
          "1 validation error detected: Value 'eighty' at 'Port' failed to satisfy constraint: Member must "
          "be an integer");
    error = validator.validate("CreateTargetGroup", json::parse(R"({"Name":"tg","Enabled":"yes"})"));
    REQUIRE(error);
    error = validator.validate("CreateTargetGroup", json::parse(R"({"Name":"tg","Filter":[{}]})"));
    REQUIRE(error);
    CHECK(error->message ==
          "1 validation error detected: Value null at 'Filter.1.member.Name' failed to satisfy "
          "constraint: Member must not be null");
    error = validator.validate("CreateTargetGroup", json::parse(R"({"Port":"80"})"));
    REQUIRE(error);
    CHECK(error->code == "ValidationError");
}

TEST_CASE("EC2 mode refuses unknown names and words errors as EC2 does", "[model]") {
    const std::string model = R"({"operations":{"DescribeThings":"DescribeThingsRequest"},
        "shapes":{
          "DescribeThingsRequest":{"type":"structure","required":["Owner"],
            "members":{"Owner":"Str","ThingIds":"StrList","MaxResults":"Int","Filters":"FilterList"},
            "wire_names":{"ThingIds":"ThingId","Filters":"Filter"}},
          "FilterList":{"type":"list","member":"Filter"},
          "Filter":{"type":"structure","members":{"Name":"Str","Values":"StrList"},"wire_names":{"Values":"Value"}},
          "StrList":{"type":"list","member":"Str"},
          "Str":{"type":"string"},"Int":{"type":"integer"}}})";
    InputValidatorOptions options;
    options.missing_member_code = "MissingParameter";
    options.type_mismatch_code = "InvalidParameterValue";
    options.unknown_member_code = "UnknownParameter";
    options.form_encoded = true;
    options.wording = ValidationWording::Ec2;
    const InputValidator validator([model] { return model; }, options);
    const auto validate = [&](std::string_view params) {
        return validator.validate("DescribeThings", json::parse(params));
    };

    CHECK_FALSE(validate(R"({"Owner":"o","ThingId":["a","b"],"MaxResults":"5",
                             "Filter":[{"Name":"n","Value":["v"]}]})"));
    CHECK_FALSE(validate(R"({"Owner":"o","ThingId":""})"));

    const std::pair<const char*, const char*> unknown[] = {
        {R"({"Owner":"o","Bogus":"1"})", "Bogus"},
        {R"({"Aardvark":"1","Owner":"o"})", "Aardvark"},
        {R"({"Owner":"o","ThingIds":["a"]})", "ThingIds.1"},
        {R"({"Owner":"o","ThingId":[{"Foo":"x"}]})", "ThingId.1.Foo"},
        {R"({"Owner":"o","ThingId":{"-1":"a"}})", "ThingId.-1"},
        {R"({"Owner":"o","ThingId":"a"})", "ThingId"},
        {R"({"Owner":{"Name":"x"}})", "Owner.Name"},
        {R"({"Owner":"o","Filter":[{"Name":"n","Values":["v"]}]})", "Filter.1.Values.1"},
    };
    for (const auto& [params, name] : unknown) {
        INFO(params);
        const auto error = validate(params);
        REQUIRE(error);
        CHECK(error->code == "UnknownParameter");
        CHECK(error->message == "The parameter " + std::string(name) + " is not recognized");
    }

    auto error = validate(R"({"Owner":"o","MaxResults":"five"})");
    REQUIRE(error);
    CHECK(error->code == "InvalidParameterValue");
    CHECK(error->message == "Value (five) for parameter MaxResults is invalid. Expected an integer.");

    error = validate(R"({"Owner":"o","MaxResults":")" + std::string(1000, '9') + R"("})");
    REQUIRE(error);
    CHECK(error->message.size() < 400);

    error = validate(R"({"ThingId":["a"]})");
    REQUIRE(error);
    CHECK(error->code == "MissingParameter");
    CHECK(error->message == "The request must contain the parameter Owner");
}

TEST_CASE("a malformed embedded model validates nothing instead of throwing", "[model]") {
    InputValidatorOptions options;
    options.missing_member_code = "X";
    const InputValidator validator([] { return std::string("{not json"); }, options);
    CHECK_FALSE(validator.validate("Anything", json::object()));
    CHECK_FALSE(validator.has_operation("Anything"));
}
