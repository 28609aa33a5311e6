#pragma once
// Everything a finished run writes: timeline-<label>.csv per service, events.jsonl, summary.json and
// report.html, as names and contents (the caller chooses the directory and does the I/O). Equal results
// render to identical bytes: no clock reads, no pointer-keyed or unordered containers.
#include <string>
#include <string_view>
#include <vector>

#include "sim/report/sim_result.hpp"
#include "sim/report/summary.hpp"
#include "sim/report/summary_text.hpp"

namespace ecsemu::sim {

struct OutputFile {
    std::string name;  // a plain file name, no directory
    std::string content;
};

// In a fixed order: the timelines in service order, then events.jsonl, summary.json, report.html.
std::vector<OutputFile> render_outputs(const SimResult& result);

// A label as a file-name part: [A-Za-z0-9._-] kept, every other byte '_' (so no '/' and no spaces); an
// empty label is "_". Names always carry a prefix, so "." and ".." stay inside the output directory.
std::string file_name_label(std::string_view label);

}  // namespace ecsemu::sim
