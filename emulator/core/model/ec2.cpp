#include "ec2.hpp"

namespace ecsemu::core {

std::string availability_zone_for_unknown_subnet(const std::string& region, const std::string& subnet_id) {
    unsigned sum = 0;
    for (unsigned char c : subnet_id) sum += c;
    return region + static_cast<char>('a' + sum % 3);
}

}  // namespace ecsemu::core
