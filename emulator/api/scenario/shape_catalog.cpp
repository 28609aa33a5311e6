#include "emulator/api/scenario/shape_catalog.hpp"

#include <array>
#include <map>
#include <mutex>

#include "emulator/api/model/input_shapes.hpp"

namespace ecsemu::api::scenario {
namespace {

constexpr std::array kServices = {
    ServiceWire{"ecs", "ecs", WireProtocol::Json11, "AmazonEC2ContainerServiceV20141113", {}},
    ServiceWire{
        "servicediscovery", "servicediscovery", WireProtocol::Json11, "Route53AutoNaming_v20170314", {}},
    ServiceWire{"application-autoscaling",
                "application-autoscaling",
                WireProtocol::Json11,
                "AnyScaleFrontendService",
                {}},
    ServiceWire{"ec2", "ec2", WireProtocol::Ec2, {}, "2016-11-15"},
    ServiceWire{"elbv2", "elasticloadbalancing", WireProtocol::Query, {}, "2015-12-01"},
};

std::string shapes_text(std::string_view prefix) {
    if (prefix == "ecs") return ecs_input_shapes_json();
    if (prefix == "application-autoscaling") return application_autoscaling_input_shapes_json();
    if (prefix == "ec2") return ec2_input_shapes_json();
    if (prefix == "elbv2") return elbv2_input_shapes_json();
    if (prefix == "servicediscovery") return servicediscovery_input_shapes_json();
    return {};
}

const nlohmann::json& null_json() {
    static const nlohmann::json null;
    return null;
}

}  // namespace

const ServiceWire* find_service_wire(std::string_view prefix) {
    for (const auto& service : kServices) {
        if (service.prefix == prefix) return &service;
    }
    return nullptr;
}

const ShapeCatalog& ShapeCatalog::instance() {
    static const ShapeCatalog catalog;
    return catalog;
}

const nlohmann::json* ShapeCatalog::document(std::string_view service_prefix) const {
    static std::mutex mutex;
    static std::map<std::string, nlohmann::json, std::less<>> documents;
    std::lock_guard lock(mutex);
    auto it = documents.find(service_prefix);
    if (it == documents.end()) {
        const std::string text = shapes_text(service_prefix);
        auto parsed = text.empty() ? nlohmann::json() : nlohmann::json::parse(text, nullptr, false);
        if (parsed.is_discarded()) parsed = nlohmann::json();
        it = documents.emplace(std::string(service_prefix), std::move(parsed)).first;
    }
    return it->second.is_object() ? &it->second : nullptr;
}

bool ShapeCatalog::has_model(std::string_view service_prefix) const {
    return document(service_prefix) != nullptr;
}

std::string ShapeCatalog::input_shape(std::string_view service_prefix, std::string_view operation) const {
    const auto* doc = document(service_prefix);
    if (doc == nullptr) return {};
    const auto operations = doc->find("operations");
    if (operations == doc->end()) return {};
    const auto it = operations->find(std::string(operation));
    return it != operations->end() && it->is_string() ? it->get<std::string>() : std::string();
}

const nlohmann::json& ShapeCatalog::shape(std::string_view service_prefix, std::string_view name) const {
    const auto* doc = document(service_prefix);
    if (doc == nullptr) return null_json();
    const auto shapes = doc->find("shapes");
    if (shapes == doc->end()) return null_json();
    const auto it = shapes->find(std::string(name));
    return it != shapes->end() ? *it : null_json();
}

}  // namespace ecsemu::api::scenario
