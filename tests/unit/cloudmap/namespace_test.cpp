#include <catch2/catch.hpp>
#include <regex>

#include "cloudmap_fixture.hpp"

namespace ecsemu::test::cloudmap {

using nlohmann::json;

TEST_CASE("CreateHttpNamespace returns an operation and the namespace is listed at once", "[cloudmap][ns]") {
    CloudMapFixture f;
    const json created = f.ok("CreateHttpNamespace",
                              {{"Name", "ielts.local"}, {"Description", "d"}, {"CreatorRequestId", "req-1"}});
    const std::string operation_id = created["OperationId"];
    CHECK(std::regex_match(operation_id, std::regex("[a-z0-9]{32}-[a-z0-9]{8}")));

    const json ns = f.ok("ListNamespaces")["Namespaces"][0];
    const std::string id = ns["Id"];
    CHECK(std::regex_match(id, std::regex("ns-[a-z0-9]{16}")));
    CHECK(ns["Arn"] == "arn:aws:servicediscovery:ap-southeast-1:123456789012:namespace/" + id);
    CHECK(ns["Type"] == "HTTP");
    CHECK(ns["ServiceCount"] == 0);
    CHECK(ns["Properties"]["HttpProperties"]["HttpName"] == "ielts.local");
    CHECK(ns["CreateDate"] == 1'700'000'000.0);

    const json got = f.ok("GetNamespace", {{"Id", id}})["Namespace"];
    CHECK(got["CreatorRequestId"] == "req-1");
    CHECK(got["Description"] == "d");
    CHECK(f.ok("GetNamespace", {{"Id", ns["Arn"]}})["Namespace"]["Id"] == id);
}

TEST_CASE("Operations move SUBMITTED, PENDING, SUCCESS with the call time", "[cloudmap][operation]") {
    CloudMapFixture f;
    const std::string operation_id = f.ok("CreateHttpNamespace", {{"Name", "a"}})["OperationId"];
    json op = f.ok("GetOperation", {{"OperationId", operation_id}})["Operation"];
    CHECK(op["Status"] == "SUBMITTED");
    CHECK(op["Type"] == "CREATE_NAMESPACE");
    CHECK(op["Targets"]["NAMESPACE"].get<std::string>().rfind("ns-", 0) == 0);
    f.advance_ms(499);
    CHECK(f.ok("GetOperation", {{"OperationId", operation_id}})["Operation"]["Status"] == "SUBMITTED");
    f.advance_ms(1);
    op = f.ok("GetOperation", {{"OperationId", operation_id}})["Operation"];
    CHECK(op["Status"] == "PENDING");
    CHECK(op["UpdateDate"] == 1'700'000'000.5);
    f.advance_ms(1000);
    op = f.ok("GetOperation", {{"OperationId", operation_id}})["Operation"];
    CHECK(op["Status"] == "SUCCESS");
    CHECK(op["UpdateDate"] == 1'700'000'001.5);
    CHECK(f.error("GetOperation", {{"OperationId", "nope"}}) == "OperationNotFound");

    f.ok("CreateHttpNamespace", {{"Name", "b"}});
    const json all = f.ok("ListOperations")["Operations"];
    REQUIRE(all.size() == 2);
    CHECK(all[0]["Id"] == operation_id);
    CHECK(all[0]["Status"] == "SUCCESS");
    CHECK(all[1]["Status"] == "SUBMITTED");
    const json submitted = f.ok(
        "ListOperations", {{"Filters", {{{"Name", "STATUS"}, {"Values", {"SUBMITTED"}}}}}})["Operations"];
    CHECK(submitted.size() == 1);
    const json paged = f.ok("ListOperations", {{"MaxResults", 1}});
    CHECK(paged["Operations"].size() == 1);
    const json rest = f.ok("ListOperations", {{"NextToken", paged["NextToken"]}});
    CHECK(rest["Operations"].size() == 1);
    CHECK_FALSE(rest.contains("NextToken"));
    CHECK(f.error("ListOperations", {{"Filters", {{{"Name", "STATUS"}, {"Values", {"A", "B"}}}}}}) ==
          "InvalidInput");
}

TEST_CASE("Namespace names are unique, and a retried create is idempotent", "[cloudmap][ns]") {
    CloudMapFixture f;
    const json first = f.ok("CreateHttpNamespace", {{"Name", "dup"}, {"CreatorRequestId", "r1"}});
    const json retry = f.ok("CreateHttpNamespace", {{"Name", "dup"}, {"CreatorRequestId", "r1"}});
    CHECK(retry["OperationId"] == first["OperationId"]);
    CHECK(f.error("CreateHttpNamespace", {{"Name", "dup"}, {"CreatorRequestId", "r2"}}) ==
          "NamespaceAlreadyExists");
    CHECK(f.error("CreateHttpNamespace", {{"Name", "DUP"}}) == "NamespaceAlreadyExists");
    CHECK(f.error("CreateHttpNamespace", {{"Name", "arn:bad"}}) == "InvalidInput");
    CHECK(f.error("CreateHttpNamespace", {{"Name", "has space"}}) == "InvalidInput");
    CHECK(f.error("CreateHttpNamespace", json::object()) == "InvalidInput");
    CHECK(f.error("CreateHttpNamespace", {{"Name", 5}}) == "SerializationException");
    CHECK(f.ok("ListNamespaces")["Namespaces"].size() == 1);
}

TEST_CASE("Private DNS namespaces need a VPC and get a hosted zone", "[cloudmap][ns]") {
    CloudMapFixture f;
    CHECK(f.error("CreatePrivateDnsNamespace", {{"Name", "p.local"}}) == "InvalidInput");
    f.ok("CreatePrivateDnsNamespace", {{"Name", "p.local"},
                                       {"Vpc", "vpc-1"},
                                       {"Properties", {{"DnsProperties", {{"SOA", {{"TTL", 60}}}}}}}});
    // The same name in another VPC is allowed, not in the same one.
    f.ok("CreatePrivateDnsNamespace", {{"Name", "p.local"}, {"Vpc", "vpc-2"}});
    CHECK(f.error("CreatePrivateDnsNamespace", {{"Name", "p.local"}, {"Vpc", "vpc-1"}}) ==
          "NamespaceAlreadyExists");
    const json listed = f.ok("ListNamespaces",
                             {{"Filters", {{{"Name", "TYPE"}, {"Values", {"DNS_PRIVATE"}}}}}})["Namespaces"];
    REQUIRE(listed.size() == 2);
    const json dns = listed[0]["Properties"]["DnsProperties"];
    CHECK(std::regex_match(dns["HostedZoneId"].get<std::string>(), std::regex("Z0[A-Z0-9]{19}")));
    CHECK((dns["SOA"]["TTL"] == 60 || dns["SOA"]["TTL"] == 15));

    CHECK(f.error("CreatePublicDnsNamespace", {{"Name", "nodots"}}) == "InvalidInput");
    f.ok("CreatePublicDnsNamespace", {{"Name", "example.com"}});
    CHECK(
        f.ok("ListNamespaces",
             {{"Filters",
               {{{"Name", "TYPE"}, {"Condition", "IN"}, {"Values", {"DNS_PUBLIC", "HTTP"}}}}}})["Namespaces"]
            .size() == 1);
    CHECK(f.ok("ListNamespaces",
               {{"Filters",
                 {{{"Name", "NAME"}, {"Condition", "BEGINS_WITH"}, {"Values", {"p."}}}}}})["Namespaces"]
              .size() == 2);
    CHECK(f.error("ListNamespaces",
                  {{"Filters", {{{"Name", "TYPE"}, {"Condition", "BETWEEN"}, {"Values", {"HTTP"}}}}}}) ==
          "InvalidInput");
    CHECK(f.error("ListNamespaces", {{"MaxResults", 0}}) == "InvalidInput");
}

TEST_CASE("Update and delete namespaces", "[cloudmap][ns]") {
    CloudMapFixture f;
    const std::string id = f.http_namespace("ns1");
    const json updated = f.ok("UpdateHttpNamespace", {{"Id", id}, {"Namespace", {{"Description", "new"}}}});
    CHECK(f.ok("GetOperation", {{"OperationId", updated["OperationId"]}})["Operation"]["Type"] ==
          "UPDATE_NAMESPACE");
    CHECK(f.ok("GetNamespace", {{"Id", id}})["Namespace"]["Description"] == "new");
    CHECK(f.error("UpdatePrivateDnsNamespace", {{"Id", id}, {"Namespace", {{"Description", "x"}}}}) ==
          "InvalidInput");

    const std::string service_id = f.service_in(id, "backend");
    CHECK(f.ok("GetNamespace", {{"Id", id}})["Namespace"]["ServiceCount"] == 1);
    CHECK(f.error("DeleteNamespace", {{"Id", id}}) == "ResourceInUse");
    f.ok("DeleteService", {{"Id", service_id}});
    const json deleted = f.ok("DeleteNamespace", {{"Id", id}});
    CHECK(f.ok("GetOperation", {{"OperationId", deleted["OperationId"]}})["Operation"]["Type"] ==
          "DELETE_NAMESPACE");
    CHECK(f.error("GetNamespace", {{"Id", id}}) == "NamespaceNotFound");
    CHECK(f.error("DeleteNamespace", {{"Id", id}}) == "NamespaceNotFound");
}

TEST_CASE("Ids are deterministic and failed calls give their ids back", "[cloudmap][determinism]") {
    auto run = [](bool with_failure) {
        CloudMapFixture f;
        if (with_failure) f.error("CreatePrivateDnsNamespace", {{"Name", "x.local"}});
        f.ok("CreateHttpNamespace", {{"Name", "a"}});
        return f.ok("ListNamespaces")["Namespaces"][0]["Id"].get<std::string>();
    };
    CHECK(run(false) == run(true));
    CloudMapFixture f;
    f.call("ListNamespaces", json::object(), "eu-west-1");
    CHECK(f.ok("ListNamespaces")["Namespaces"].empty());
}

}  // namespace ecsemu::test::cloudmap
