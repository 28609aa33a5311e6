// A probe that vouches for its answers lets the controller skip the checks that would change nothing. These
// cases run the same script twice, once with a probe that vouches and once with one that does not, and
// require the targets' health to move at the same instants in both, with far fewer checks sent.
#include <catch2/catch.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "emulator/core/alb/alb_controller.hpp"
#include "sim/kernel/virtual_clock.hpp"
#include "tests/unit/alb/alb_fixture.hpp"

using namespace ecsemu::core;
using namespace ecsemu::core::alb;
using namespace ecsemu::test::alb;
using elbv2::TargetState;

namespace {

const ProbeResult kOk{ProbeResult::Outcome::Response, 200};
const ProbeResult kServerError{ProbeResult::Outcome::Response, 500};
const ProbeResult kRefused{ProbeResult::Outcome::ConnectFailed, 0};

// Answers each dial host with what set() last gave it (200 until then). When `vouches`, it also offers that
// answer as steady and tells the watcher about every set().
class SwitchableProbe final : public HealthProbe {
public:
    explicit SwitchableProbe(bool vouches) : vouches_(vouches) {}

    void probe(const ProbeRequest& request, std::function<void(ProbeResult)> done) override {
        ++sent[request.dial_host];
        done(answer_of(request.dial_host));
    }
    std::optional<ProbeResult> steady_answer(const ProbeRequest& request) const override {
        if (!vouches_) return std::nullopt;
        return answer_of(request.dial_host);
    }
    void watch_answers(const std::function<void(const std::string&)>& changed) override {
        watcher_ = changed;
    }

    void set(const std::string& host, ProbeResult result) {
        answers_[host] = result;
        if (vouches_ && watcher_) watcher_(host);
    }
    bool watched() const { return static_cast<bool>(watcher_); }

    std::map<std::string, int> sent;

private:
    ProbeResult answer_of(const std::string& host) const {
        const auto found = answers_.find(host);
        return found == answers_.end() ? kOk : found->second;
    }

    bool vouches_;
    std::map<std::string, ProbeResult> answers_;
    std::function<void(const std::string&)> watcher_;
};

// One target's health as sampled at the end of a second.
struct Sample {
    int second = 0;
    std::string target;
    TargetState state = TargetState::Initial;
    std::string reason;
    bool operator==(const Sample&) const = default;
};

struct Run {
    elbv2::Elbv2World world;
    elbv2::Elbv2State& state = build_guide_alb(world);
    ecsemu::sim::VirtualClock clock{kT0};
    SwitchableProbe probe;
    std::optional<AlbController> controller;
    std::vector<Sample> samples;
    int second = 0;

    explicit Run(bool vouches) : probe(vouches) {
        state.target_groups.at(kFrontendTg).health_check.interval_seconds = 30;
        controller.emplace(world, clock, probe, AlbControllerHooks{});
    }
    // Registers as the API does (a full walk follows).
    void register_by_api(const std::string& id) {
        register_target(state, kFrontendTg, id, 80, clock.now());
        controller->on_api_mutation(kAccount, kRegion);
    }
    // Registers as the ECS engine does (only the group is walked).
    void register_by_engine(const std::string& id) {
        register_target(state, kFrontendTg, id, 80, clock.now());
        controller->on_targets_changed(kAccount, kRegion, kFrontendTg);
    }
    // Runs second by second to `last`, sampling every registration's health after each.
    void run_to(int last) {
        while (second < last) {
            ++second;
            clock.run_until(at(second));
            for (const auto& target : state.target_groups.at(kFrontendTg).targets)
                samples.push_back(Sample{second, target.id, target.health.state, target.health.reason});
        }
    }
    int sent_total() const {
        int total = 0;
        for (const auto& [host, count] : probe.sent) total += count;
        return total;
    }
};

// The same script against a probe that vouches and one that does not.
struct Runs {
    std::unique_ptr<Run> vouching = std::make_unique<Run>(true);
    std::unique_ptr<Run> plain = std::make_unique<Run>(false);
};

Runs both(const std::function<void(Run&)>& script) {
    Runs runs;
    script(*runs.vouching);
    script(*runs.plain);
    return runs;
}

bool sampled(const Run& run, const std::string& id, int second) {
    for (const Sample& sample : run.samples)
        if (sample.second == second && sample.target == id) return true;
    return false;
}

TargetState state_at(const Run& run, const std::string& id, int second) {
    for (const Sample& sample : run.samples)
        if (sample.second == second && sample.target == id) return sample.state;
    FAIL("no sample of " << id << " at " << second);
    return TargetState::Initial;
}

}  // namespace

TEST_CASE("checks the answer would not move are skipped, and health moves exactly as with every check sent") {
    const Runs runs = both([](Run& run) {
        run.register_by_api("127.1.0.1");
        run.run_to(100);
        run.register_by_engine("127.1.0.2");  // its group is walked whole: the parked one stays parked
        run.run_to(200);
        run.probe.set("127.1.0.1", kServerError);  // at 200: the next check on its schedule is at 211
        run.run_to(400);
        run.probe.set("127.1.0.1", kOk);
        run.probe.set("127.1.0.2", kRefused);
        run.run_to(700);
    });
    const Run* vouching = runs.vouching.get();
    const Run* plain = runs.plain.get();
    REQUIRE(vouching->samples.size() == plain->samples.size());
    CHECK(vouching->samples == plain->samples);

    // The story both tell: healthy at the first check, unhealthy at the second failure (211, 241), healthy
    // again after five passes (421 to 541), and the second target unhealthy after two refused ones (401,
    // 431).
    CHECK(state_at(*plain, "127.1.0.1", 1) == TargetState::Healthy);
    CHECK(state_at(*plain, "127.1.0.1", 240) == TargetState::Healthy);
    CHECK(state_at(*plain, "127.1.0.1", 241) == TargetState::Unhealthy);
    CHECK(state_at(*plain, "127.1.0.1", 540) == TargetState::Unhealthy);
    CHECK(state_at(*plain, "127.1.0.1", 541) == TargetState::Healthy);
    CHECK(state_at(*plain, "127.1.0.2", 430) == TargetState::Healthy);
    CHECK(state_at(*plain, "127.1.0.2", 431) == TargetState::Unhealthy);

    // Every 30 s for 700 s is 24 + 20 checks; the vouching probe is asked only when an answer moves health.
    CHECK(plain->sent_total() == 44);
    CHECK(vouching->probe.sent.at("127.1.0.1") == 1 + 2 + 5);
    CHECK(vouching->probe.sent.at("127.1.0.2") == 1 + 2);
}

TEST_CASE("a full walk picks parked targets up, so a changed matcher is applied on schedule") {
    const Runs runs = both([](Run& run) {
        run.register_by_api("127.1.0.1");
        run.run_to(95);
        // As ModifyTargetGroup would: the 200s the target answers no longer pass.
        run.state.target_groups.at(kFrontendTg).health_check.matcher_http_code = "201";
        run.controller->on_api_mutation(kAccount, kRegion);
        run.run_to(200);
    });
    const Run* vouching = runs.vouching.get();
    const Run* plain = runs.plain.get();
    CHECK(vouching->samples == plain->samples);
    CHECK(state_at(*plain, "127.1.0.1", 120) == TargetState::Healthy);
    CHECK(state_at(*plain, "127.1.0.1", 151) == TargetState::Unhealthy);
    CHECK(vouching->sent_total() < plain->sent_total());
}

TEST_CASE("a target that drains while parked still leaves on time, and a new registration starts over") {
    const Runs runs = both([](Run& run) {
        run.state.target_groups.at(kFrontendTg).attributes["deregistration_delay.timeout_seconds"] = "20";
        run.register_by_api("127.1.0.1");
        run.run_to(100);
        auto& target = run.state.target_groups.at(kFrontendTg).targets.front();
        target.health = {TargetState::Draining, "Target.DeregistrationInProgress", ""};
        target.drain_until = run.clock.now() + Duration::seconds(20);
        target.next_check_at.reset();
        run.controller->on_targets_changed(kAccount, kRegion, kFrontendTg);
        run.run_to(150);
        run.register_by_engine("127.1.0.1");
        run.run_to(250);
    });
    const Run* vouching = runs.vouching.get();
    const Run* plain = runs.plain.get();
    CHECK(vouching->samples == plain->samples);
    CHECK(state_at(*plain, "127.1.0.1", 119) == TargetState::Draining);
    CHECK_FALSE(sampled(*plain, "127.1.0.1", 120));
    CHECK_FALSE(sampled(*plain, "127.1.0.1", 150));
    CHECK(state_at(*plain, "127.1.0.1", 151) == TargetState::Healthy);
    CHECK(vouching->probe.sent.at("127.1.0.1") == 2);
}

TEST_CASE("the controller stops listening to the probe when it goes") {
    SwitchableProbe probe(true);
    {
        elbv2::Elbv2World world;
        build_guide_alb(world);
        ecsemu::sim::VirtualClock clock{kT0};
        AlbController controller(world, clock, probe, AlbControllerHooks{});
        CHECK(probe.watched());
    }
    CHECK_FALSE(probe.watched());
    probe.set("127.1.0.1", kServerError);  // nobody to call: must not reach the destroyed controller
}
