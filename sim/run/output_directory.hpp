#pragma once
// Writing a run's outputs all or nothing: every file goes to a sibling staging directory first, and only
// when all are written does it replace the output directory. A directory that holds anything but a previous
// run's outputs is never replaced.
#include <optional>
#include <string>
#include <vector>

#include "sim/report/render.hpp"

namespace ecsemu::sim {

// Why `dir` cannot receive outputs, or nothing. Checked before the run so a long run is not wasted.
std::optional<std::string> check_output_directory(const std::string& dir);

// Writes `files` into `dir` (replacing a previous run's outputs). Returns the error, or nothing.
std::optional<std::string> write_output_directory(const std::string& dir,
                                                  const std::vector<OutputFile>& files);

}  // namespace ecsemu::sim
