#pragma once
// Input shapes of the emulated services' botocore models, embedded as compact JSON (see
// tools/gen_api_shapes.py for the format). One function per generated <svc>_input_shapes.cpp; add a
// declaration when generating a new one.
#include <string>

namespace ecsemu::api {

std::string ecs_input_shapes_json();
std::string ec2_input_shapes_json();
std::string elbv2_input_shapes_json();
std::string servicediscovery_input_shapes_json();
std::string cloudwatch_input_shapes_json();
std::string application_autoscaling_input_shapes_json();

}  // namespace ecsemu::api
