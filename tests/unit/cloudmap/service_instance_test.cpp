#include <catch2/catch.hpp>
#include <regex>

#include "cloudmap_fixture.hpp"

namespace ecsemu::test::cloudmap {

using nlohmann::json;

TEST_CASE("CreateService in HTTP and DNS namespaces", "[cloudmap][service]") {
    CloudMapFixture f;
    const std::string http = f.http_namespace("ielts.local");
    const json created = f.ok("CreateService", {{"Name", "backend"},
                                                {"NamespaceId", http},
                                                {"HealthCheckCustomConfig", {{"FailureThreshold", 3}}},
                                                {"Tags", {{{"Key", "k"}, {"Value", "v"}}}}})["Service"];
    const std::string id = created["Id"];
    CHECK(std::regex_match(id, std::regex("srv-[a-z0-9]{16}")));
    CHECK(created["Arn"] == "arn:aws:servicediscovery:ap-southeast-1:123456789012:service/" + id);
    CHECK(created["Type"] == "HTTP");
    CHECK(created["NamespaceId"] == http);
    CHECK(created["InstanceCount"] == 0);
    CHECK(created["HealthCheckCustomConfig"]["FailureThreshold"] == 1);
    CHECK_FALSE(created.contains("DnsConfig"));
    CHECK(f.ok("GetService", {{"Id", created["Arn"]}})["Service"]["Id"] == id);

    CHECK(f.error("CreateService", {{"Name", "backend"}, {"NamespaceId", http}}) == "ServiceAlreadyExists");
    CHECK(f.error("CreateService", {{"Name", "x"}, {"NamespaceId", "ns-none"}}) == "NamespaceNotFound");
    CHECK(f.error("CreateService", {{"Name", "x"}}) == "InvalidInput");
    CHECK(f.error("CreateService", {{"Name", "-bad-"}, {"NamespaceId", http}}) == "InvalidInput");
    CHECK(f.error("CreateService", {{"Name", "x"},
                                    {"NamespaceId", http},
                                    {"DnsConfig", {{"DnsRecords", {{{"Type", "A"}, {"TTL", 60}}}}}}}) ==
          "InvalidInput");

    const std::string dns = f.private_namespace("p.local");
    const json dns_service =
        f.ok("CreateService",
             {{"Name", "api"},
              {"NamespaceId", dns},
              {"DnsConfig",
               {{"RoutingPolicy", "MULTIVALUE"},
                {"DnsRecords", {{{"Type", "A"}, {"TTL", 60}}, {{"Type", "SRV"}, {"TTL", 60}}}}}}})["Service"];
    CHECK(dns_service["Type"] == "DNS_HTTP");
    CHECK(dns_service["DnsConfig"]["NamespaceId"] == dns);
    CHECK(dns_service["DnsConfig"]["DnsRecords"].size() == 2);
    CHECK(f.ok("CreateService",
               {{"Name", "httponly"}, {"NamespaceId", dns}, {"Type", "HTTP"}})["Service"]["Type"] == "HTTP");
    CHECK(f.error("CreateService", {{"Name", "bad"},
                                    {"NamespaceId", dns},
                                    {"DnsConfig", {{"DnsRecords", {{{"Type", "MX"}, {"TTL", 60}}}}}}}) ==
          "InvalidInput");
    CHECK(f.error("CreateService",
                  {{"Name", "hc"}, {"NamespaceId", dns}, {"HealthCheckConfig", {{"Type", "HTTP"}}}}) ==
          "InvalidInput");

    const json in_dns =
        f.ok("ListServices", {{"Filters", {{{"Name", "NAMESPACE_ID"}, {"Values", {dns}}}}}})["Services"];
    CHECK(in_dns.size() == 2);
    CHECK(f.ok("ListServices")["Services"].size() == 3);
    const json page = f.ok("ListServices", {{"MaxResults", 2}});
    CHECK(page["Services"].size() == 2);
    CHECK(f.ok("ListServices", {{"NextToken", page["NextToken"]}})["Services"].size() == 1);
}

TEST_CASE("UpdateService changes TTLs and the description", "[cloudmap][service]") {
    CloudMapFixture f;
    const std::string dns = f.private_namespace("p.local");
    const std::string id =
        f.service_in(dns, "api", {{"DnsConfig", {{"DnsRecords", {{{"Type", "A"}, {"TTL", 60}}}}}}});
    const json updated =
        f.ok("UpdateService",
             {{"Id", id},
              {"Service",
               {{"Description", "d"}, {"DnsConfig", {{"DnsRecords", {{{"Type", "A"}, {"TTL", 10}}}}}}}}});
    CHECK(f.ok("GetOperation", {{"OperationId", updated["OperationId"]}})["Operation"]["Type"] ==
          "UPDATE_SERVICE");
    const json service = f.ok("GetService", {{"Id", id}})["Service"];
    CHECK(service["Description"] == "d");
    CHECK(service["DnsConfig"]["DnsRecords"][0]["TTL"] == 10);
    CHECK(f.error("UpdateService",
                  {{"Id", id},
                   {"Service", {{"DnsConfig", {{"DnsRecords", {{{"Type", "SRV"}, {"TTL", 10}}}}}}}}}) ==
          "InvalidInput");
    CHECK(f.error("UpdateService", {{"Id", "srv-none"}, {"Service", json::object()}}) == "ServiceNotFound");
}

TEST_CASE("Instances register, list, discover and deregister", "[cloudmap][instance]") {
    CloudMapFixture f;
    const std::string ns = f.http_namespace("ielts.local");
    const std::string id = f.service_in(ns, "backend", {{"HealthCheckCustomConfig", json::object()}});
    const json registered = f.ok("RegisterInstance", {{"ServiceId", id},
                                                      {"InstanceId", "task-1"},
                                                      {"Attributes",
                                                       {{"AWS_INSTANCE_IPV4", "10.0.1.5"},
                                                        {"AWS_INSTANCE_PORT", "8080"},
                                                        {"AvailabilityZone", "ap-southeast-1a"}}},
                                                      {"CreatorRequestId", "c1"}});
    const json op = f.ok("GetOperation", {{"OperationId", registered["OperationId"]}})["Operation"];
    CHECK(op["Type"] == "REGISTER_INSTANCE");
    CHECK(op["Targets"]["INSTANCE"] == "task-1");
    CHECK(op["Targets"]["SERVICE"] == id);
    f.ok("RegisterInstance",
         {{"ServiceId", id},
          {"InstanceId", "task-2"},
          {"Attributes", {{"AWS_INSTANCE_IPV4", "10.0.2.5"}, {"AvailabilityZone", "ap-southeast-1b"}}}});

    CHECK(f.ok("GetService", {{"Id", id}})["Service"]["InstanceCount"] == 2);
    const json got = f.ok("GetInstance", {{"ServiceId", id}, {"InstanceId", "task-1"}});
    CHECK(got["ResourceOwner"] == kAccount);
    CHECK(got["Instance"]["Attributes"]["AWS_INSTANCE_PORT"] == "8080");
    CHECK(got["Instance"]["CreatorRequestId"] == "c1");
    CHECK(f.ok("ListInstances", {{"ServiceId", id}})["Instances"].size() == 2);
    const json page = f.ok("ListInstances", {{"ServiceId", id}, {"MaxResults", 1}});
    CHECK(page["Instances"][0]["Id"] == "task-1");
    CHECK(f.ok("ListInstances",
               {{"ServiceId", id}, {"NextToken", page["NextToken"]}})["Instances"][0]["Id"] == "task-2");

    json health = f.ok("GetInstancesHealthStatus", {{"ServiceId", id}})["Status"];
    CHECK(health == json{{"task-1", "HEALTHY"}, {"task-2", "HEALTHY"}});

    const json discovered =
        f.ok("DiscoverInstances", {{"NamespaceName", "ielts.local"}, {"ServiceName", "backend"}});
    REQUIRE(discovered["Instances"].size() == 2);
    CHECK(discovered["Instances"][0]["NamespaceName"] == "ielts.local");
    CHECK(discovered["Instances"][0]["ServiceName"] == "backend");
    CHECK(discovered["Instances"][0]["HealthStatus"] == "HEALTHY");
    const std::int64_t revision = discovered["InstancesRevision"];
    CHECK(f.ok("DiscoverInstancesRevision", {{"NamespaceName", "ielts.local"},
                                             {"ServiceName", "backend"}})["InstancesRevision"] == revision);

    const json zone_a =
        f.ok("DiscoverInstances", {{"NamespaceName", "ielts.local"},
                                   {"ServiceName", "backend"},
                                   {"QueryParameters", {{"AvailabilityZone", "ap-southeast-1a"}}}});
    CHECK(zone_a["Instances"].size() == 1);
    const json prefer_b =
        f.ok("DiscoverInstances", {{"NamespaceName", "ielts.local"},
                                   {"ServiceName", "backend"},
                                   {"OptionalParameters", {{"AvailabilityZone", "ap-southeast-1b"}}}});
    CHECK(prefer_b["Instances"].size() == 1);
    CHECK(prefer_b["Instances"][0]["InstanceId"] == "task-2");
    const json prefer_none =
        f.ok("DiscoverInstances", {{"NamespaceName", "ielts.local"},
                                   {"ServiceName", "backend"},
                                   {"OptionalParameters", {{"AvailabilityZone", "zz"}}}});
    CHECK(prefer_none["Instances"].size() == 2);
    CHECK(f.ok("DiscoverInstances",
               {{"NamespaceName", "ielts.local"}, {"ServiceName", "backend"}, {"MaxResults", 1}})["Instances"]
              .size() == 1);

    f.ok("UpdateInstanceCustomHealthStatus",
         {{"ServiceId", id}, {"InstanceId", "task-1"}, {"Status", "UNHEALTHY"}});
    health = f.ok("GetInstancesHealthStatus", {{"ServiceId", id}, {"Instances", {"task-1"}}})["Status"];
    CHECK(health == json{{"task-1", "UNHEALTHY"}});
    const json healthy_only =
        f.ok("DiscoverInstances", {{"NamespaceName", "ielts.local"}, {"ServiceName", "backend"}});
    CHECK(healthy_only["Instances"].size() == 1);
    CHECK(healthy_only["InstancesRevision"].get<std::int64_t>() > revision);
    CHECK(f.ok("DiscoverInstances", {{"NamespaceName", "ielts.local"},
                                     {"ServiceName", "backend"},
                                     {"HealthStatus", "ALL"}})["Instances"]
              .size() == 2);
    CHECK(f.ok("DiscoverInstances", {{"NamespaceName", "ielts.local"},
                                     {"ServiceName", "backend"},
                                     {"HealthStatus", "UNHEALTHY"}})["Instances"]
              .size() == 1);

    CHECK(f.error("DiscoverInstances", {{"NamespaceName", "nope"}, {"ServiceName", "backend"}}) ==
          "NamespaceNotFound");
    CHECK(f.error("DiscoverInstances", {{"NamespaceName", "ielts.local"}, {"ServiceName", "nope"}}) ==
          "ServiceNotFound");
    CHECK(f.error("GetInstance", {{"ServiceId", id}, {"InstanceId", "nope"}}) == "InstanceNotFound");
    CHECK(f.error("GetInstancesHealthStatus", {{"ServiceId", id}, {"Instances", {"nope"}}}) ==
          "InstanceNotFound");
    CHECK(f.error("RegisterInstance",
                  {{"ServiceId", "srv-none"}, {"InstanceId", "x"}, {"Attributes", json::object()}}) ==
          "ServiceNotFound");
    CHECK(f.error("RegisterInstance",
                  {{"ServiceId", id}, {"InstanceId", "bad id"}, {"Attributes", json::object()}}) ==
          "InvalidInput");
    CHECK(f.error("RegisterInstance", {{"ServiceId", id},
                                       {"InstanceId", "x"},
                                       {"Attributes", {{"AWS_INSTANCE_IPV4", "300.1.1.1"}}}}) ==
          "InvalidInput");
    CHECK(f.error("RegisterInstance", {{"ServiceId", id}, {"InstanceId", "x"}}) == "InvalidInput");

    CHECK(f.error("DeleteService", {{"Id", id}}) == "ResourceInUse");
    const json deregistered = f.ok("DeregisterInstance", {{"ServiceId", id}, {"InstanceId", "task-1"}});
    CHECK(f.ok("GetOperation", {{"OperationId", deregistered["OperationId"]}})["Operation"]["Type"] ==
          "DEREGISTER_INSTANCE");
    CHECK(f.error("DeregisterInstance", {{"ServiceId", id}, {"InstanceId", "task-1"}}) == "InstanceNotFound");
    f.ok("DeregisterInstance", {{"ServiceId", id}, {"InstanceId", "task-2"}});
    f.ok("DeleteService", {{"Id", id}});
    CHECK(f.error("GetService", {{"Id", id}}) == "ServiceNotFound");
}

TEST_CASE("DNS services require the address attributes their records need", "[cloudmap][instance]") {
    CloudMapFixture f;
    const std::string dns = f.private_namespace("p.local");
    const std::string id = f.service_in(
        dns, "api",
        {{"DnsConfig", {{"DnsRecords", {{{"Type", "A"}, {"TTL", 60}}, {{"Type", "SRV"}, {"TTL", 60}}}}}}});
    CHECK(f.error("RegisterInstance",
                  {{"ServiceId", id}, {"InstanceId", "i"}, {"Attributes", {{"AWS_INSTANCE_PORT", "80"}}}}) ==
          "InvalidInput");
    CHECK(f.error("RegisterInstance", {{"ServiceId", id},
                                       {"InstanceId", "i"},
                                       {"Attributes", {{"AWS_INSTANCE_IPV4", "10.0.0.1"}}}}) ==
          "InvalidInput");
    f.ok("RegisterInstance",
         {{"ServiceId", id},
          {"InstanceId", "i"},
          {"Attributes", {{"AWS_INSTANCE_IPV4", "10.0.0.1"}, {"AWS_INSTANCE_PORT", "80"}}}});
    // Without custom health config there is nothing to update.
    CHECK(f.error("UpdateInstanceCustomHealthStatus",
                  {{"ServiceId", id}, {"InstanceId", "i"}, {"Status", "HEALTHY"}}) == "CustomHealthNotFound");
}

TEST_CASE("Tags on namespaces and services", "[cloudmap][tags]") {
    CloudMapFixture f;
    f.ok("CreateHttpNamespace", {{"Name", "t"}, {"Tags", {{{"Key", "a"}, {"Value", "1"}}}}});
    const json ns = f.ok("ListNamespaces")["Namespaces"][0];
    const std::string arn = ns["Arn"];
    CHECK(f.ok("ListTagsForResource", {{"ResourceARN", arn}})["Tags"] ==
          json::array({{{"Key", "a"}, {"Value", "1"}}}));
    f.ok("TagResource",
         {{"ResourceARN", arn}, {"Tags", {{{"Key", "b"}, {"Value", "2"}}, {{"Key", "a"}, {"Value", "3"}}}}});
    CHECK(f.ok("ListTagsForResource", {{"ResourceARN", arn}})["Tags"] ==
          json::array({{{"Key", "a"}, {"Value", "3"}}, {{"Key", "b"}, {"Value", "2"}}}));
    f.ok("UntagResource", {{"ResourceARN", arn}, {"TagKeys", {"a"}}});
    CHECK(f.ok("ListTagsForResource", {{"ResourceARN", arn}})["Tags"].size() == 1);
    CHECK(f.error("ListTagsForResource", {{"ResourceARN", arn + "x"}}) == "ResourceNotFoundException");
    CHECK(f.error("TagResource", {{"ResourceARN", arn}, {"Tags", {{{"Key", "aws:x"}, {"Value", "1"}}}}}) ==
          "InvalidInput");
    json many = json::array();
    for (int i = 0; i < 200; ++i) many.push_back({{"Key", "k" + std::to_string(i)}, {"Value", "v"}});
    CHECK(f.error("TagResource", {{"ResourceARN", arn}, {"Tags", many}}) == "TooManyTagsException");

    const std::string service_id = f.service_in(ns["Id"], "s", {{"Tags", {{{"Key", "x"}, {"Value", "y"}}}}});
    const std::string service_arn = f.ok("GetService", {{"Id", service_id}})["Service"]["Arn"];
    CHECK(f.ok("ListTagsForResource", {{"ResourceARN", service_arn}})["Tags"].size() == 1);
}

TEST_CASE("Unknown operations and mutation flags", "[cloudmap]") {
    CloudMapFixture f;
    CHECK(f.error("Bogus") == "UnknownOperationException");
    CHECK(f.service.mutates("RegisterInstance"));
    CHECK(f.service.mutates("CreateHttpNamespace"));
    CHECK_FALSE(f.service.mutates("DiscoverInstances"));
    CHECK_FALSE(f.service.mutates("GetOperation"));
    CHECK(f.service.signing_name() == "servicediscovery");
}

}  // namespace ecsemu::test::cloudmap
