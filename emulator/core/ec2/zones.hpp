#pragma once
// The availability zones ecsemu offers in every region: <region>a, b and c.
#include <string>
#include <string_view>
#include <vector>

namespace ecsemu::core::ec2 {

struct AvailabilityZone {
    std::string name;  // ap-southeast-1a
    std::string id;    // apse1-az1
};

// Zone ids follow AWS's shape (<region code>-az<N>) but map letters to numbers in order (a -> az1), which
// real accounts shuffle; the region code is AWS's: ap-southeast-1 -> apse1, us-east-1 -> use1.
std::vector<AvailabilityZone> availability_zones(std::string_view region);

// "apse1" for "ap-southeast-1"; regions that do not look like AWS's keep their name without dashes.
std::string region_code(std::string_view region);

}  // namespace ecsemu::core::ec2
