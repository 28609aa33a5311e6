#include "emulator/core/cloudmap/ecs_registration.hpp"

#include <catch2/catch.hpp>

#include "cloudmap_fixture.hpp"
#include "emulator/core/cloudmap/operations.hpp"

namespace ecsemu::test::cloudmap {

using nlohmann::json;
namespace model = core::cloudmap;

TEST_CASE("ECS ensures a namespace, a managed service and task instances", "[cloudmap][ecs]") {
    CloudMapFixture f;
    auto call = f.core_call();
    auto ns = model::ensure_http_namespace(call, "ielts.local");
    REQUIRE(ns.ok());
    const std::string namespace_id = ns.value()->id;
    CHECK(ns.value()->type == model::NamespaceType::Http);
    // Again: the same namespace, no second operation.
    auto again = model::ensure_http_namespace(call, "ielts.local");
    REQUIRE(again.ok());
    CHECK(again.value()->id == namespace_id);
    CHECK(call.state().operations.size() == 1);

    CHECK(model::find_namespace(call.state(), "ielts.local")->id == namespace_id);
    CHECK(model::find_namespace(call.state(), ns.value()->arn)->id == namespace_id);
    CHECK(model::find_namespace(call.state(), "arn:aws:servicediscovery:x:1:namespace/ns-none") == nullptr);

    auto service = model::ensure_ecs_service(call, namespace_id, "backend");
    REQUIRE(service.ok());
    const std::string service_id = service.value()->id;
    CHECK(service.value()->tags.size() == 1);
    CHECK(service.value()->tags[0].key == "AmazonECSManaged");
    CHECK(model::ensure_ecs_service(call, namespace_id, "backend").value()->id == service_id);
    CHECK_FALSE(model::ensure_ecs_service(call, "ns-none", "backend").ok());

    const std::string task_id = "0123456789abcdef0123456789abcdef";
    auto registered = model::register_task_instance(
        call, service_id, task_id, {{"AWS_INSTANCE_IPV4", "10.0.1.5"}, {"AWS_INSTANCE_PORT", "8080"}});
    REQUIRE(registered.ok());
    CHECK(model::get_operation(call.state(), registered.value()).ok());
    CHECK(model::namespace_services(call.state(), namespace_id).size() == 1);

    // The API sees what ECS made.
    const json discovered =
        f.ok("DiscoverInstances", {{"NamespaceName", "ielts.local"}, {"ServiceName", "backend"}});
    REQUIRE(discovered["Instances"].size() == 1);
    CHECK(discovered["Instances"][0]["InstanceId"] == task_id);
    CHECK(f.ok("ListTagsForResource", {{"ResourceARN", service.value()->arn}})["Tags"][0]["Value"] == "true");

    auto deregistered = model::deregister_task_instance(call, service_id, task_id);
    REQUIRE(deregistered.ok());
    CHECK_FALSE(deregistered.value().empty());
    auto twice = model::deregister_task_instance(call, service_id, task_id);
    REQUIRE(twice.ok());
    CHECK(twice.value().empty());
}

TEST_CASE("ECS-managed services in DNS namespaces get an A record", "[cloudmap][ecs]") {
    CloudMapFixture f;
    const std::string ns = f.private_namespace("p.local");
    auto call = f.core_call();
    auto service = model::ensure_ecs_service(call, ns, "api");
    REQUIRE(service.ok());
    CHECK(service.value()->type == model::ServiceType::DnsHttp);
    REQUIRE(service.value()->dns_config);
    CHECK(service.value()->dns_config->records.at(0).type == model::RecordType::A);
    // An existing namespace of another type is returned as it is.
    CHECK(model::ensure_http_namespace(call, "p.local").value()->type == model::NamespaceType::DnsPrivate);
}

}  // namespace ecsemu::test::cloudmap
