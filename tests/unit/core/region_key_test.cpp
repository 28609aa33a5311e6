#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "emulator/core/region_key.hpp"

using ecsemu::core::compare_region_key;
using ecsemu::core::RegionKeyRef;
using ecsemu::core::RegionMap;

namespace {

int sign(int value) {
    return (value > 0) - (value < 0);
}

}  // namespace

TEST_CASE("A region key compares with its parts as with the joined text", "[region_key]") {
    // Keys and parts that differ inside the account, at the separator, inside the region, by length on
    // either side, and by bytes above 0x7f (std::string compares them as unsigned).
    const std::vector<std::string> keys{"",
                                        "1",
                                        "123",
                                        "123/",
                                        "123-",
                                        "1230",
                                        "123/a",
                                        "123/ap-southeast-1",
                                        "123/ap-southeast-10",
                                        "123/ap-southeast-2",
                                        "123.ap",
                                        "1234/ap-southeast-1",
                                        "123456789012/ap-southeast-1",
                                        "123/\xc3\xa9",
                                        "\xc3\xa9/x"};
    const std::vector<RegionKeyRef> parts{{"", ""},
                                          {"1", ""},
                                          {"123", ""},
                                          {"123", "a"},
                                          {"123", "ap-southeast-1"},
                                          {"12", "3"},
                                          {"1234", "ap-southeast-1"},
                                          {"123-", ""},
                                          {"123456789012", "ap-southeast-1"},
                                          {"123", "\xc3\xa9"},
                                          {"\xc3\xa9", "x"}};
    for (const auto& key : keys) {
        for (const auto& ref : parts) {
            const std::string joined = std::string(ref.account_id) + "/" + std::string(ref.region);
            INFO("key '" << key << "' against '" << joined << "'");
            CHECK(compare_region_key(key, ref) == sign(key.compare(joined)));
        }
    }
}

TEST_CASE("A region map finds a region by its parts", "[region_key]") {
    RegionMap<int> regions{{"000000000000/ap-southeast-1", 1},
                           {"000000000000/us-east-1", 2},
                           {"111111111111/ap-southeast-1", 3}};
    CHECK(regions.find(RegionKeyRef{"000000000000", "us-east-1"})->second == 2);
    CHECK(regions.find(RegionKeyRef{"111111111111", "ap-southeast-1"})->second == 3);
    CHECK(regions.find(RegionKeyRef{"000000000000", "us-east"}) == regions.end());
    CHECK(regions.find(RegionKeyRef{"00000000000", "0/ap-southeast-1"}) == regions.end());
    CHECK(regions.find(RegionKeyRef{"111111111111", "ap-southeast-12"}) == regions.end());
}

TEST_CASE("A region key joined from its parts splits back and compares equal to them", "[region_key]") {
    const std::string key = ecsemu::core::join_region_key("000000000000", "ap-southeast-1");
    CHECK(key == "000000000000/ap-southeast-1");
    const auto parts = ecsemu::core::split_region_key(key);
    CHECK(parts.account_id == "000000000000");
    CHECK(parts.region == "ap-southeast-1");
    CHECK(compare_region_key(key, RegionKeyRef{"000000000000", "ap-southeast-1"}) == 0);
}
