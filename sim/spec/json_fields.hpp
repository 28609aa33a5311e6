#pragma once
// Reading the objects of a scenario's simulation section. Each reader returns the error text "<path>: <what>"
// (the caller puts the scenario file in front) or nothing; an absent member leaves its output alone, so the
// spec's defaults stand. Paths are written as a user would look them up:
//   ecsemu.simulation.services["ielts-backend-service"].traffic.rps
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/time.hpp"

namespace ecsemu::sim {

using FieldError = std::optional<std::string>;

// Bounds a number must keep; the error says "must be >= 0", "must be > 0" or "must be from 0 to 1".
struct NumberRange {
    double min = -std::numeric_limits<double>::infinity();
    bool min_inclusive = true;
    double max = std::numeric_limits<double>::infinity();

    static NumberRange at_least(double min) { return NumberRange{min, true}; }
    static NumberRange above(double min) { return NumberRange{min, false}; }
    static NumberRange from_to(double min, double max) { return NumberRange{min, true, max}; }
};

// What a value of the wrong type was, for "expected a number, got ...": "\"fast\"", "true", "a list".
std::string describe_json(const nlohmann::json& value);

// "a, b, c": the members or names an error offers instead.
std::string comma_list(std::initializer_list<const char*> names);
std::string comma_list(const std::vector<const char*>& names);

// Readers for a value already found, for list elements and values with more than one form.
FieldError read_number(const nlohmann::json& value, const std::string& path, double& out, NumberRange range);
// A duration string ("90s", "1h30m") or a number of seconds; never negative.
FieldError read_duration(const nlohmann::json& value, const std::string& path, core::Duration& out);
// A non-empty string.
FieldError read_text(const nlohmann::json& value, const std::string& path, std::string& out);

class ObjectFields;

// The members one variant of an object reads (a traffic shape, an event kind), besides the ones every
// variant has.
struct VariantMembers {
    const char* name;  // "step", "deploy"
    std::vector<const char*> required;
    std::vector<const char*> optional;
};

// "<path>.<key>: not used by <word> \"<name>\" (it uses ...)" for a member that is neither common nor the
// variant's, then "<path>.<key>: missing (<word> \"<name>\" needs ...)" for a required one that is absent.
FieldError check_variant_members(const ObjectFields& fields, const VariantMembers& variant, const char* word,
                                 std::initializer_list<const char*> common);

// The members of one object. The object must outlive the reader.
class ObjectFields {
public:
    ObjectFields(const nlohmann::json& object, std::string path) : object_(object), path_(std::move(path)) {}

    // "<path>: expected an object" when it is none, else the first member (in key order) not in `known`.
    FieldError check(std::initializer_list<const char*> known) const;

    const nlohmann::json* find(const std::string& key) const;
    const nlohmann::json& object() const { return object_; }
    bool has(const std::string& key) const { return find(key) != nullptr; }
    const std::string& path() const { return path_; }
    std::string path_of(const std::string& key) const { return path_ + "." + key; }

    FieldError number(const std::string& key, double& out, NumberRange range) const;
    FieldError duration(const std::string& key, core::Duration& out) const;
    FieldError instant(const std::string& key, core::Instant& out) const;  // ISO-8601 UTC
    FieldError text(const std::string& key, std::string& out) const;
    FieldError integer(const std::string& key, std::int64_t& out, std::int64_t min) const;
    FieldError unsigned_integer(const std::string& key, std::uint64_t& out) const;
    // "<path>.<key>: missing (<why>)" when absent.
    FieldError require(const std::string& key, const std::string& why) const;

private:
    const nlohmann::json& object_;
    std::string path_;
};

}  // namespace ecsemu::sim
