#include "sim/run/output_directory.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <system_error>

namespace ecsemu::sim {

namespace {

namespace fs = std::filesystem;

bool is_output_name(const std::string& name) {
    auto ends_with = [&](const char* suffix) {
        const std::string s(suffix);
        return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
    };
    return name == "events.jsonl" || name == "summary.json" || name == "report.html" ||
           (name.rfind("timeline-", 0) == 0 && ends_with(".csv"));
}

}  // namespace

std::optional<std::string> check_output_directory(const std::string& dir) {
    std::error_code ec;
    const fs::path path(dir);
    if (!fs::exists(path, ec)) {
        const fs::path parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
        if (!fs::is_directory(parent, ec))
            return "--out " + dir + ": " + parent.string() + " is not a directory";
        return std::nullopt;
    }
    if (!fs::is_directory(path, ec)) return "--out " + dir + ": exists and is not a directory";
    for (const auto& entry : fs::directory_iterator(path, ec)) {
        const std::string name = entry.path().filename().string();
        if (!entry.is_regular_file() || !is_output_name(name)) {
            std::string problem = "--out " + dir + ": holds " + name;
            problem += ", which is not a previous run's output; not replacing it";
            return problem;
        }
    }
    if (ec) return "--out " + dir + ": " + ec.message();
    return std::nullopt;
}

std::optional<std::string> write_output_directory(const std::string& dir,
                                                  const std::vector<OutputFile>& files) {
    if (auto problem = check_output_directory(dir)) return problem;
    std::error_code ec;
    const fs::path target(dir);
    const fs::path staging = target.string() + ".partial-" + std::to_string(::getpid());
    fs::remove_all(staging, ec);
    if (!fs::create_directories(staging, ec) || ec)
        return "cannot create " + staging.string() + ": " + ec.message();
    for (const auto& file : files) {
        std::ofstream out(staging / file.name, std::ios::binary | std::ios::trunc);
        out.write(file.content.data(), static_cast<std::streamsize>(file.content.size()));
        out.close();
        if (!out) {
            fs::remove_all(staging, ec);
            return "cannot write " + (staging / file.name).string();
        }
    }
    if (fs::exists(target, ec)) {
        fs::remove_all(target, ec);
        if (ec) {
            fs::remove_all(staging, ec);
            return "cannot replace " + dir + ": " + ec.message();
        }
    }
    fs::rename(staging, target, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove_all(staging, ignored);
        return "cannot move the outputs into " + dir + ": " + ec.message();
    }
    return std::nullopt;
}

}  // namespace ecsemu::sim
