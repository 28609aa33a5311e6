// The engine's change log: its line format and the digest two runs of one scenario are compared by.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include "emulator/core/engine/change_log.hpp"

namespace ecsemu::test {

using core::Instant;
using core::engine::ChangeEntry;
using core::engine::ChangeKind;
using core::engine::ChangeLog;
using core::engine::LogDigest;

namespace {

std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = 0xcbf29ce484222325ULL) {
    for (const unsigned char c : text) hash = (hash ^ c) * 0x100000001b3ULL;
    return hash;
}

}  // namespace

TEST_CASE("change log lines, and a digest over exactly those lines", "[engine][log]") {
    const ChangeEntry full{Instant{12'500}, "ielts/web", ChangeKind::StartTask, "Rollout", "abc", "in ap-1a"};
    const ChangeEntry bare{Instant{3'007}, "", ChangeKind::PassLimitReached, "RoundsPerPass", "", ""};
    CHECK(ChangeLog::format(full) == "12.500s ielts/web StartTask [Rollout] task=abc in ap-1a");
    CHECK(ChangeLog::format(bare) == "3.007s - PassLimitReached [RoundsPerPass]");
    // Whole seconds, a late instant and one before the epoch (as snprintf wrote them).
    CHECK(ChangeLog::format({Instant{60'000}, "", ChangeKind::StartTask, "x", "", ""}) ==
          "60.000s - StartTask [x]");
    CHECK(ChangeLog::format({Instant{1'795'687'200'099}, "", ChangeKind::StartTask, "x", "", ""}) ==
          "1795687200.099s - StartTask [x]");
    CHECK(ChangeLog::format({Instant{-1'500}, "", ChangeKind::StartTask, "x", "", ""}) ==
          "-1.-500s - StartTask [x]");

    ChangeLog log(1);  // keeps one entry, digests every one
    log.append(full);
    log.append(bare);
    CHECK(log.entries().size() == 1);
    CHECK(log.dropped() == 1);
    const std::string lines = ChangeLog::format(full) + "\n" + ChangeLog::format(bare) + "\n";
    CHECK(log.digest() == fnv1a(lines));
    log.clear();
    CHECK(log.digest() == fnv1a(""));

    // A log without a digest keeps the entries just the same.
    ChangeLog undigested(1, LogDigest::None);
    undigested.append(full);
    undigested.append(bare);
    CHECK(undigested.entries().size() == 1);
    CHECK(ChangeLog::format(undigested.entries().front()) == ChangeLog::format(bare));
    CHECK(undigested.dropped() == 1);
    CHECK(undigested.digest() == fnv1a(""));
}

}  // namespace ecsemu::test
