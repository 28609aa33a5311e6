#include <catch2/catch.hpp>

#include "emulator/core/ecs/ecs_state.hpp"
#include "emulator/core/ecs/pagination.hpp"
#include "emulator/core/model/ecs_arns.hpp"
#include "emulator/core/model/ecs_enums.hpp"

using namespace ecsemu::core::ecs;

TEST_CASE("Enum spellings round-trip and are case-sensitive", "[ecs][model]") {
    CHECK(to_string(LaunchType::Fargate) == "FARGATE");
    CHECK(parse_enum<LaunchType>("MANAGED_INSTANCES") == LaunchType::ManagedInstances);
    CHECK(parse_enum<LaunchType>("fargate") == std::nullopt);
    CHECK(to_string(NetworkMode::Awsvpc) == "awsvpc");
    CHECK(to_string(TaskStatus::Deprovisioning) == "DEPROVISIONING");
    CHECK(parse_enum<TaskStatus>("STOPPED") == TaskStatus::Stopped);
    CHECK(to_string(TaskStopCode::ServiceSchedulerInitiated) == "ServiceSchedulerInitiated");
    CHECK(enum_value_list<AssignPublicIp>() == "[ENABLED, DISABLED]");
    CHECK(is_pending(TaskStatus::Activating));
    CHECK_FALSE(is_pending(TaskStatus::Running));
    CHECK(is_live(TaskStatus::Deprovisioning));
    CHECK_FALSE(is_live(TaskStatus::Stopped));
}

TEST_CASE("ARN builders use the long format", "[ecs][model]") {
    const ArnScope scope{"ap-southeast-1", "123456789012"};
    CHECK(cluster_arn(scope, "c") == "arn:aws:ecs:ap-southeast-1:123456789012:cluster/c");
    CHECK(service_arn(scope, "c", "s") == "arn:aws:ecs:ap-southeast-1:123456789012:service/c/s");
    CHECK(task_arn(scope, "c", "abc") == "arn:aws:ecs:ap-southeast-1:123456789012:task/c/abc");
    CHECK(container_arn(scope, "c", "abc", "u-u") ==
          "arn:aws:ecs:ap-southeast-1:123456789012:container/c/abc/u-u");
    CHECK(task_definition_arn(scope, "f", 7) ==
          "arn:aws:ecs:ap-southeast-1:123456789012:task-definition/f:7");
    CHECK(role_arn_from_name_or_arn("1", "ecsServiceRole") == "arn:aws:iam::1:role/ecsServiceRole");
    CHECK(role_arn_from_name_or_arn("1", "/foo/bar") == "arn:aws:iam::1:role/foo/bar");
    CHECK(role_arn_from_name_or_arn("1", "arn:aws:iam::1:role/x") == "arn:aws:iam::1:role/x");
}

TEST_CASE("ARN parsing and name-or-ARN references", "[ecs][model]") {
    const auto td = parse_ecs_arn("arn:aws:ecs:us-east-1:1:task-definition/web:3");
    REQUIRE(td);
    CHECK(td->resource_type == "task-definition");
    CHECK(td->path == std::vector<std::string>{"web:3"});
    const auto service = parse_ecs_arn("arn:aws:ecs:us-east-1:1:service/c/s");
    REQUIRE(service);
    CHECK(service->path == std::vector<std::string>{"c", "s"});
    CHECK_FALSE(parse_ecs_arn("arn:aws:ecs:us-east-1:1:cluster"));
    CHECK_FALSE(parse_ecs_arn("arn:aws:ecs:us-east-1:1:service//s"));
    CHECK_FALSE(parse_ecs_arn("arn:aws:iam::1:role/x"));
    // Where each field comes from, with ':' inside the resource and empty leading fields.
    const auto colons = parse_ecs_arn("arn::ecs:::task-definition/web:3:extra");
    REQUIRE(colons);
    CHECK(colons->region.empty());
    CHECK(colons->account_id.empty());
    CHECK(colons->resource_type == "task-definition");
    CHECK(colons->path == std::vector<std::string>{"web:3:extra"});
    const auto fields = parse_ecs_arn("arn:aws-cn:ecs:cn-north-1:123:task/c/id");
    REQUIRE(fields);
    CHECK(fields->region == "cn-north-1");
    CHECK(fields->account_id == "123");
    CHECK(fields->path == std::vector<std::string>{"c", "id"});
    for (const char* bad : {"", "arn", "arn:aws:ecs:r:1", "arn:aws:ecs:r:1:", "arn:aws:ecs:r:1:/x",
                            "arn:aws:ecs:r:1:task/", "arn:aws:ecs:r:1:task/c/", "arn:aws:ecs:r:1:task/c//id",
                            "arn:aws:ecs:r:1:task", "ARN:aws:ecs:r:1:task/c", "arn:aws:ecs2:r:1:task/c"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_ecs_arn(bad));
        CHECK_FALSE(ecs_arn_last_part(bad, "task"));
    }
    // The last part in place, agreeing with parse_ecs_arn's path.
    CHECK(ecs_arn_last_part("arn:aws:ecs:us-east-1:1:task-definition/web:3", "task-definition") == "web:3");
    CHECK(ecs_arn_last_part("arn:aws:ecs:us-east-1:1:service/c/s", "service") == "s");
    CHECK(ecs_arn_last_part("arn::ecs:::task-definition/web:3:extra", "task-definition") == "web:3:extra");
    CHECK_FALSE(ecs_arn_last_part("arn:aws:ecs:us-east-1:1:service/c/s", "task"));
    CHECK_FALSE(ecs_arn_last_part("arn:aws:ecs:us-east-1:1:service//s", "service"));
    CHECK_FALSE(ecs_arn_last_part("web:3", "task-definition"));

    CHECK(cluster_name_of("") == "default");
    CHECK(cluster_name_of("arn:aws:ecs:r:1:cluster/prod") == "prod");
    CHECK(service_name_of("arn:aws:ecs:r:1:service/prod/web") == "web");
    CHECK(service_name_of("arn:aws:ecs:r:1:service/web") == "web");
    CHECK(task_id_of("arn:aws:ecs:r:1:task/prod/abc") == "abc");
    CHECK(is_valid_ecs_name("ielts-backend_2"));
    CHECK_FALSE(is_valid_ecs_name("a.b"));
    CHECK_FALSE(is_valid_ecs_name(std::string(256, 'a')));
}

TEST_CASE("Pages resume after the last item even when items change", "[ecs][pagination]") {
    std::vector<PageItem> items = {{"a", "A"}, {"b", "B"}, {"c", "C"}, {"d", "D"}};
    auto first = paginate(items, std::nullopt, 2);
    REQUIRE(first);
    CHECK(first->values == std::vector<std::string>{"A", "B"});
    REQUIRE_FALSE(first->next_token.empty());
    items.erase(items.begin() + 1);  // "b" goes away between the calls
    auto second = paginate(items, first->next_token, 2);
    REQUIRE(second);
    CHECK(second->values == std::vector<std::string>{"C", "D"});
    CHECK(second->next_token.empty());

    const std::vector<PageItem> descending = {{"d", "D"}, {"c", "C"}, {"b", "B"}};
    auto page = paginate(descending, std::nullopt, 1, true);
    auto rest = paginate(descending, page->next_token, 5, true);
    CHECK(rest->values == std::vector<std::string>{"C", "B"});

    CHECK_FALSE(paginate(items, std::string("xyz"), 2));
    CHECK(checked_max_results(std::nullopt, 10).value() == 10);
    CHECK_FALSE(checked_max_results(0, 10));
    CHECK_FALSE(checked_max_results(101, 10));
}
