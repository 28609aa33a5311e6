#pragma once
// Test bodies compressed as the AWS SDKs compress them (botocore: gzip.compress, one gzip member).
#include <string>

namespace ecsemu::test {

std::string gzip_text(const std::string& text);

}  // namespace ecsemu::test
