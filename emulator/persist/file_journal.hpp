#pragma once
// The durable journal behind --data-dir: <dir>/journal.jsonl, one acknowledged mutation per line, replayed
// through api::Gateway::replay on start.
//
// Durability policy:
//   - Every append is written with O_APPEND and fdatasync'd before append() returns Ok, so the gateway only
//     acknowledges a mutation once it survives a crash or power loss.
//   - A write that fails half-way is cut back to the last complete record. After a failed fdatasync the
//     journal refuses further appends (the kernel may have dropped the dirty pages, so later records could
//     land after a hole); reopening the journal reads what actually reached the disk.
//   - On open, a torn tail (bytes after the last newline, or a last line that is not JSON) is truncated away:
//     it was never acknowledged. Damage before the last line is left for replay to report.
//   - No snapshots or compaction yet: the file grows with every mutation until clear() (reset) empties it.
// Not thread-safe: the gateway's thread owns it.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/api/wire/gateway.hpp"
#include "emulator/core/errors.hpp"

namespace ecsemu::persist {

class FileJournal final : public api::JournalSink {
public:
    static constexpr std::string_view kFileName = "journal.jsonl";

    // Creates `dir` (and parents) and the file when missing, then repairs a torn tail.
    static core::Result<std::unique_ptr<FileJournal>> open(const std::string& dir);

    ~FileJournal() override;
    FileJournal(const FileJournal&) = delete;
    FileJournal& operator=(const FileJournal&) = delete;

    // REQUIRES: record holds no newline (api::encode_journal_record never produces one).
    core::Status append(std::string_view record) override;

    // Every complete record, oldest first, read from the file.
    core::Result<std::vector<std::string>> read_records() const;
    // As read_records(), empty when the file cannot be read.
    std::vector<std::string> records() const;

    // Empties the journal durably and clears a failed state.
    core::Status clear();

    const std::string& path() const { return path_; }

private:
    FileJournal(int fd, std::string path, std::uint64_t size_bytes);

    int fd_;
    std::string path_;
    std::uint64_t size_bytes_;  // end of the last complete record
    bool failed_ = false;
};

}  // namespace ecsemu::persist
