#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "emulator/persist/file_journal.hpp"

using ecsemu::persist::FileJournal;
namespace fs = std::filesystem;

namespace {

// A fresh directory per test, removed afterwards.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "ecsemu-journal-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    const fs::path& path() const { return path_; }
    fs::path journal_file() const { return path_ / "data" / "journal.jsonl"; }
    std::string data_dir() const { return (path_ / "data").string(); }

private:
    fs::path path_;
};

std::unique_ptr<FileJournal> open_journal(const std::string& dir) {
    auto opened = FileJournal::open(dir);
    REQUIRE(opened.ok());
    return std::move(opened).value();
}

std::string file_content(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_file(const fs::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
}

}  // namespace

TEST_CASE("open creates the directory and an empty journal", "[persist]") {
    TempDir tmp;
    auto journal = open_journal(tmp.data_dir());
    CHECK(fs::exists(tmp.journal_file()));
    CHECK(journal->records().empty());
    CHECK(journal->path() == tmp.journal_file().string());
}

TEST_CASE("appended records are lines that survive reopening", "[persist]") {
    TempDir tmp;
    {
        auto journal = open_journal(tmp.data_dir());
        REQUIRE(journal->append(R"({"v":1,"n":1})").ok());
        REQUIRE(journal->append(R"({"v":1,"n":2})").ok());
        CHECK(journal->records() == std::vector<std::string>{R"({"v":1,"n":1})", R"({"v":1,"n":2})"});
    }
    CHECK(file_content(tmp.journal_file()) == "{\"v\":1,\"n\":1}\n{\"v\":1,\"n\":2}\n");
    auto reopened = open_journal(tmp.data_dir());
    CHECK(reopened->records().size() == 2);
    REQUIRE(reopened->append(R"({"v":1,"n":3})").ok());
    CHECK(reopened->records().back() == R"({"v":1,"n":3})");
}

TEST_CASE("a record with a newline is refused", "[persist]") {
    TempDir tmp;
    auto journal = open_journal(tmp.data_dir());
    CHECK_FALSE(journal->append("{\"a\":1}\n{\"b\":2}").ok());
    CHECK(journal->records().empty());
}

TEST_CASE("a torn tail without newline is truncated on open", "[persist]") {
    TempDir tmp;
    { open_journal(tmp.data_dir()); }
    write_file(tmp.journal_file(), "{\"n\":1}\n{\"n\":2}\n{\"n\":3,\"par");
    auto journal = open_journal(tmp.data_dir());
    CHECK(journal->records() == std::vector<std::string>{R"({"n":1})", R"({"n":2})"});
    CHECK(file_content(tmp.journal_file()) == "{\"n\":1}\n{\"n\":2}\n");
    REQUIRE(journal->append(R"({"n":4})").ok());
    CHECK(file_content(tmp.journal_file()) == "{\"n\":1}\n{\"n\":2}\n{\"n\":4}\n");
}

TEST_CASE("an unparsable last line is truncated on open", "[persist]") {
    TempDir tmp;
    { open_journal(tmp.data_dir()); }
    write_file(tmp.journal_file(), std::string("{\"n\":1}\n\0\0\0\0\n", 13));
    auto journal = open_journal(tmp.data_dir());
    CHECK(journal->records() == std::vector<std::string>{R"({"n":1})"});
    CHECK(file_content(tmp.journal_file()) == "{\"n\":1}\n");
}

TEST_CASE("a journal holding only a torn record opens empty", "[persist]") {
    TempDir tmp;
    { open_journal(tmp.data_dir()); }
    write_file(tmp.journal_file(), "{\"n\":");
    auto journal = open_journal(tmp.data_dir());
    CHECK(journal->records().empty());
    CHECK(fs::file_size(tmp.journal_file()) == 0);
}

TEST_CASE("clear empties the journal durably", "[persist]") {
    TempDir tmp;
    auto journal = open_journal(tmp.data_dir());
    REQUIRE(journal->append(R"({"n":1})").ok());
    REQUIRE(journal->clear().ok());
    CHECK(journal->records().empty());
    CHECK(fs::file_size(tmp.journal_file()) == 0);
    REQUIRE(journal->append(R"({"n":2})").ok());
    CHECK(file_content(tmp.journal_file()) == "{\"n\":2}\n");
}

TEST_CASE("open fails cleanly when the directory cannot be created", "[persist]") {
    TempDir tmp;
    write_file(tmp.path() / "file", "x");
    const auto opened = FileJournal::open((tmp.path() / "file" / "sub").string());
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().http_status == 500);
}
