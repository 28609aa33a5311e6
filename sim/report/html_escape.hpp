#pragma once
// Text from scenarios and tasks goes into report.html as character data and attribute values; escaping it
// keeps a '<' in an event's detail from becoming markup.
#include <string>
#include <string_view>

namespace ecsemu::sim {

// &, <, >, " and ' as character references; everything else unchanged.
std::string html_escape(std::string_view text);

}  // namespace ecsemu::sim
