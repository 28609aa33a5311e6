#include "cloudmap_fixture.hpp"

#include <catch2/catch.hpp>

namespace ecsemu::test::cloudmap {

using nlohmann::json;

api::ApiResult CloudMapFixture::call(const std::string& operation, json params, const std::string& region) {
    api::ApiCall call;
    call.service = "servicediscovery";
    call.operation = operation;
    call.region = region;
    call.account_id = kAccount;
    call.protocol = api::Protocol::Json11;
    call.params = std::move(params);
    call.now = now;
    call.request_id = "req";
    return service.call(call);
}

json CloudMapFixture::ok(const std::string& operation, json params) {
    auto result = call(operation, std::move(params));
    INFO(operation << ": " << (result.ok() ? "" : result.error().code + " " + result.error().message));
    REQUIRE(result.ok());
    return result.value();
}

std::string CloudMapFixture::error(const std::string& operation, json params) {
    auto result = call(operation, std::move(params));
    INFO(operation << " succeeded: " << (result.ok() ? result.value().dump() : ""));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().http_status == 400);
    return result.error().code;
}

std::string CloudMapFixture::http_namespace(const std::string& name) {
    ok("CreateHttpNamespace", {{"Name", name}});
    const json listed = ok("ListNamespaces", {{"Filters", {{{"Name", "NAME"}, {"Values", {name}}}}}});
    REQUIRE(listed["Namespaces"].size() == 1);
    return listed["Namespaces"][0]["Id"];
}

std::string CloudMapFixture::private_namespace(const std::string& name, const std::string& vpc) {
    ok("CreatePrivateDnsNamespace", {{"Name", name}, {"Vpc", vpc}});
    const json listed = ok("ListNamespaces", {{"Filters", {{{"Name", "NAME"}, {"Values", {name}}}}}});
    REQUIRE(!listed["Namespaces"].empty());
    return listed["Namespaces"][0]["Id"];
}

std::string CloudMapFixture::service_in(const std::string& namespace_id, const std::string& name,
                                        json extra) {
    json params = {{"Name", name}, {"NamespaceId", namespace_id}};
    params.update(extra);
    return ok("CreateService", params)["Service"]["Id"];
}

}  // namespace ecsemu::test::cloudmap
