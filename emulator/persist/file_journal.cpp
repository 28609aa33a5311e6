#include "emulator/persist/file_journal.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace ecsemu::persist {

namespace {

core::AwsError io_error(const std::string& path, const char* operation, int error_number) {
    return core::AwsError::server("InternalFailure",
                                  "journal " + path + ": " + operation + ": " + std::strerror(error_number));
}

core::Result<std::string> read_all(int fd, const std::string& path) {
    struct stat info {};
    if (::fstat(fd, &info) != 0) return io_error(path, "fstat", errno);
    std::string content(static_cast<std::size_t>(info.st_size), '\0');
    std::size_t done = 0;
    while (done < content.size()) {
        const auto n = ::pread(fd, content.data() + done, content.size() - done, static_cast<off_t>(done));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return io_error(path, "read", errno);
        if (n == 0) break;  // shrank while reading
        done += static_cast<std::size_t>(n);
    }
    content.resize(done);
    return content;
}

// Length of the prefix made of complete records: drops bytes after the last newline, then the last line too
// if it does not parse (a crash can leave a newline-terminated line of zeros or half-written bytes).
std::size_t intact_prefix_length(std::string_view content) {
    const auto last_newline = content.rfind('\n');
    if (last_newline == std::string_view::npos) return 0;
    const auto line_start =
        last_newline == 0 ? std::string_view::npos : content.rfind('\n', last_newline - 1);
    const std::size_t begin = line_start == std::string_view::npos ? 0 : line_start + 1;
    const auto last_line = content.substr(begin, last_newline - begin);
    if (last_line.empty() || nlohmann::json::accept(last_line)) return last_newline + 1;
    return begin;
}

core::Status sync_directory(const std::string& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return io_error(dir, "open directory", errno);
    const int rc = ::fsync(fd);
    const int saved = errno;
    ::close(fd);
    if (rc != 0) return io_error(dir, "fsync directory", saved);
    return core::Ok{};
}

}  // namespace

core::Result<std::unique_ptr<FileJournal>> FileJournal::open(const std::string& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        return core::AwsError::server("InternalFailure", "journal directory " + dir + ": " + ec.message());
    const std::string path = dir + "/" + std::string(kFileName);

    const bool existed = ::access(path.c_str(), F_OK) == 0;
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) return io_error(path, "open", errno);
    // From here the descriptor belongs to the journal, which closes it on every path.
    std::unique_ptr<FileJournal> journal(new FileJournal(fd, path, 0));
    if (!existed) {
        if (auto synced = sync_directory(dir); !synced.ok()) return synced.error();
    }

    auto content = read_all(fd, path);
    if (!content.ok()) return content.error();
    const auto intact = intact_prefix_length(content.value());
    if (intact < content->size()) {
        if (::ftruncate(fd, static_cast<off_t>(intact)) != 0)
            return io_error(path, "truncate torn tail", errno);
        if (::fdatasync(fd) != 0) return io_error(path, "fdatasync", errno);
    }
    journal->size_bytes_ = intact;
    return journal;
}

FileJournal::FileJournal(int fd, std::string path, std::uint64_t size_bytes)
    : fd_(fd), path_(std::move(path)), size_bytes_(size_bytes) {}

FileJournal::~FileJournal() {
    ::close(fd_);
}

core::Status FileJournal::append(std::string_view record) {
    if (failed_) {
        return core::AwsError::server("InternalFailure",
                                      "journal " + path_ + ": an earlier sync failed; restart to recover");
    }
    if (record.find('\n') != std::string_view::npos) {
        return core::AwsError::server("InternalFailure", "journal record must be a single line");
    }
    std::string line;
    line.reserve(record.size() + 1);
    line.append(record).push_back('\n');

    std::size_t written = 0;
    while (written < line.size()) {
        const auto n = ::write(fd_, line.data() + written, line.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int saved = n < 0 ? errno : EIO;
            // Cut the partial record away so the next append does not continue a torn line.
            if (::ftruncate(fd_, static_cast<off_t>(size_bytes_)) != 0) failed_ = true;
            return io_error(path_, "write", saved);
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fdatasync(fd_) != 0) {
        failed_ = true;
        return io_error(path_, "fdatasync", errno);
    }
    size_bytes_ += line.size();
    return core::Ok{};
}

core::Result<std::vector<std::string>> FileJournal::read_records() const {
    auto content = read_all(fd_, path_);
    if (!content.ok()) return content.error();
    std::vector<std::string> out;
    std::string_view rest = content.value();
    while (true) {
        const auto newline = rest.find('\n');
        if (newline == std::string_view::npos) break;  // an incomplete line was never acknowledged
        if (newline > 0) out.emplace_back(rest.substr(0, newline));
        rest.remove_prefix(newline + 1);
    }
    return out;
}

std::vector<std::string> FileJournal::records() const {
    auto records = read_records();
    return records.ok() ? std::move(records).value() : std::vector<std::string>{};
}

core::Status FileJournal::clear() {
    if (::ftruncate(fd_, 0) != 0) return io_error(path_, "truncate", errno);
    if (::fsync(fd_) != 0) {
        failed_ = true;
        return io_error(path_, "fsync", errno);
    }
    size_bytes_ = 0;
    failed_ = false;
    return core::Ok{};
}

}  // namespace ecsemu::persist
