#include "emulator/core/cloudmap/cloudmap_names.hpp"

#include <cctype>

namespace ecsemu::core::cloudmap {

namespace {

bool is_alnum(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// Splits on '.', calling check on each label; false when a label is empty or check refuses it.
template <class Check>
bool all_labels(std::string_view name, Check check) {
    while (true) {
        const auto dot = name.find('.');
        const auto label = name.substr(0, dot);
        if (label.empty() || !check(label)) return false;
        if (dot == std::string_view::npos) return true;
        name.remove_prefix(dot + 1);
    }
}

}  // namespace

std::string new_namespace_id(IdSource& ids) {
    return "ns-" + ids.alnum_lower(16);
}

std::string new_service_id(IdSource& ids) {
    return "srv-" + ids.alnum_lower(16);
}

std::string new_hosted_zone_id(IdSource& ids) {
    std::string id = "Z0" + ids.alnum_lower(19);
    for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return id;
}

std::string namespace_arn(const std::string& region, const std::string& account_id, const std::string& id) {
    return "arn:aws:servicediscovery:" + region + ":" + account_id + ":namespace/" + id;
}

std::string service_arn(const std::string& region, const std::string& account_id, const std::string& id) {
    return "arn:aws:servicediscovery:" + region + ":" + account_id + ":service/" + id;
}

std::string id_from_reference(std::string_view id_or_arn) {
    if (id_or_arn.substr(0, 4) == "arn:") {
        const auto slash = id_or_arn.rfind('/');
        if (slash != std::string_view::npos) return std::string(id_or_arn.substr(slash + 1));
    }
    return std::string(id_or_arn);
}

bool valid_namespace_name(std::string_view name, std::size_t max_length) {
    if (name.empty() || name.size() > max_length || name.substr(0, 4) == "arn:") return false;
    for (const char c : name) {
        if (c < '!' || c > '~') return false;
    }
    return true;
}

bool valid_public_dns_name(std::string_view name) {
    if (name.size() > 253 || name.find('.') == std::string_view::npos) return false;
    return all_labels(name, [](std::string_view label) {
        if (label.size() > 63 || !is_alnum(label.front()) || !is_alnum(label.back())) return false;
        for (const char c : label) {
            if (!is_alnum(c) && c != '-') return false;
        }
        return true;
    });
}

bool valid_service_name(std::string_view name) {
    if (name == ".") return true;
    if (name.empty() || name.size() > 127) return false;
    return all_labels(name, [](std::string_view label) {
        if (label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
        for (const char c : label) {
            if (!is_alnum(c) && c != '-' && c != '_') return false;
        }
        return true;
    });
}

bool valid_instance_id(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    for (const char c : id) {
        if (!is_alnum(c) && std::string_view("_/:.@-").find(c) == std::string_view::npos) return false;
    }
    return true;
}

bool same_dns_name(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

}  // namespace ecsemu::core::cloudmap
