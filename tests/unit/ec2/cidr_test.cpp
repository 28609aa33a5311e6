#include <catch2/catch.hpp>

#include "emulator/core/ec2/cidr.hpp"
#include "emulator/core/ec2/filters.hpp"
#include "emulator/core/ec2/zones.hpp"

using ecsemu::core::ec2::Ipv4Cidr;

TEST_CASE("CIDR parsing accepts dotted quads with a prefix and nothing else", "[ec2][cidr]") {
    const auto cidr = Ipv4Cidr::parse("10.0.11.0/24");
    REQUIRE(cidr);
    CHECK(cidr->prefix_length == 24);
    CHECK(cidr->to_string() == "10.0.11.0/24");
    CHECK(cidr->is_canonical());

    const char* bad = GENERATE("10.0.0.0", "10.0.0/16", "10.0.0.0.0/16", "256.0.0.0/8", "10.0.0.0/33",
                               "10.0.0.0/", "a.b.c.d/8", "10.00.0.0/16", " 10.0.0.0/16", "10.0.0.0/16 ", "");
    CAPTURE(bad);
    CHECK_FALSE(Ipv4Cidr::parse(bad));
}

TEST_CASE("CIDR arithmetic", "[ec2][cidr]") {
    const auto vpc = *Ipv4Cidr::parse("10.0.0.0/16");
    CHECK(vpc.contains(*Ipv4Cidr::parse("10.0.11.0/24")));
    CHECK(vpc.contains(vpc));
    CHECK_FALSE(vpc.contains(*Ipv4Cidr::parse("10.1.0.0/24")));
    CHECK_FALSE(vpc.contains(*Ipv4Cidr::parse("10.0.0.0/8")));
    CHECK(Ipv4Cidr::parse("10.0.1.0/24")->overlaps(*Ipv4Cidr::parse("10.0.0.0/23")));
    CHECK_FALSE(Ipv4Cidr::parse("10.0.1.0/24")->overlaps(*Ipv4Cidr::parse("10.0.2.0/24")));
    CHECK_FALSE(Ipv4Cidr::parse("10.0.1.5/24")->is_canonical());
    CHECK(Ipv4Cidr::parse("0.0.0.0/0")->is_canonical());
    CHECK(Ipv4Cidr::parse("0.0.0.0/0")->contains(vpc));

    // 2^(32 - prefix) - 5 reserved addresses.
    CHECK(available_ip_address_count(*Ipv4Cidr::parse("10.0.1.0/24")) == 251);
    CHECK(available_ip_address_count(*Ipv4Cidr::parse("172.31.0.0/20")) == 4091);
    CHECK(available_ip_address_count(*Ipv4Cidr::parse("10.0.0.0/28")) == 11);
}

TEST_CASE("Zone ids use AWS's region codes", "[ec2][zones]") {
    using ecsemu::core::ec2::region_code;
    CHECK(region_code("ap-southeast-1") == "apse1");
    CHECK(region_code("us-east-1") == "use1");
    CHECK(region_code("eu-west-2") == "euw2");
    CHECK(region_code("eu-central-1") == "euc1");
    CHECK(region_code("local") == "local");

    const auto zones = ecsemu::core::ec2::availability_zones("us-west-2");
    REQUIRE(zones.size() == 3);
    CHECK(zones[0].name == "us-west-2a");
    CHECK(zones[2].id == "usw2-az3");
}

TEST_CASE("Filter values match with * and ? wildcards", "[ec2][filters]") {
    using ecsemu::core::ec2::glob_match;
    CHECK(glob_match("ielts-prod-*", "ielts-prod-private-a"));
    CHECK(glob_match("*private*", "ielts-prod-private-a"));
    CHECK(glob_match("subnet-?", "subnet-a"));
    CHECK(glob_match("*", ""));
    CHECK(glob_match("exact", "exact"));
    CHECK_FALSE(glob_match("exact", "exactly"));
    CHECK_FALSE(glob_match("subnet-?", "subnet-ab"));
    CHECK_FALSE(glob_match("a*b*c", "aXbY"));
}
