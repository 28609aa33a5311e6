#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "emulator/api/wire/gateway.hpp"
#include "emulator/persist/file_journal.hpp"

using namespace ecsemu;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// Keeps a counter per region, so replay must restore region and params to reproduce the state.
class CounterService final : public api::Service {
public:
    std::string_view signing_name() const override { return "ecs"; }
    api::ApiResult call(const api::ApiCall& call) override {
        if (call.operation == "Add") {
            counters[call.region] += call.params.at("by").get<int>();
            return json::object();
        }
        return json{{"value", counters[call.region]}};
    }
    bool mutates(std::string_view operation) const override { return operation == "Add"; }
    void reset() override { counters.clear(); }

    std::map<std::string, int> counters;
};

api::WireRequest add(std::string_view region, int by) {
    api::WireRequest request;
    request.target = "/";
    request.headers = {{"Content-Type", "application/x-amz-json-1.1"},
                       {"X-Amz-Target", "AmazonEC2ContainerServiceV20141113.Add"},
                       {"Authorization", "AWS4-HMAC-SHA256 Credential=A/20260101/" + std::string(region) +
                                             "/ecs/aws4_request, SignedHeaders=host, Signature=0"}};
    request.body = json{{"by", by}}.dump();
    return request;
}

}  // namespace

TEST_CASE("state rebuilt from the file journal matches the state before restart", "[persist][replay]") {
    std::string dir = (fs::temp_directory_path() / "ecsemu-replay-XXXXXX").string();
    REQUIRE(::mkdtemp(dir.data()) != nullptr);

    CounterService before;
    {
        auto journal = persist::FileJournal::open(dir);
        REQUIRE(journal.ok());
        api::Gateway gateway(api::GatewayConfig{}, [] { return core::Instant{1}; });
        gateway.add_service(before);
        gateway.set_journal(journal.value().get());
        CHECK(gateway.handle(add("eu-west-1", 2)).status == 200);
        CHECK(gateway.handle(add("us-east-1", 5)).status == 200);
        CHECK(gateway.handle(add("eu-west-1", 3)).status == 200);
    }

    CounterService after;
    auto journal = persist::FileJournal::open(dir);
    REQUIRE(journal.ok());
    api::Gateway gateway(api::GatewayConfig{}, [] { return core::Instant{2}; });
    gateway.add_service(after);
    const auto records = journal.value()->records();
    CHECK(records.size() == 3);
    for (const auto& record : records) REQUIRE(gateway.replay(record).ok());
    CHECK(after.counters == before.counters);
    CHECK(after.counters["eu-west-1"] == 5);

    fs::remove_all(dir);
}
