#pragma once
// The in-memory form of a generated input-shapes document (tools/gen_api_shapes.py): shapes by index, members
// sorted by the key params are looked up with, so validation can walk a params object and a shape's members
// side by side.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/api/model/input_validator.hpp"

namespace ecsemu::api {

enum class ShapeKind : std::uint8_t {
    Structure,
    List,
    Map,
    String,
    Blob,
    Integer,
    Long,
    Boolean,
    Double,
    Float,
    Timestamp,
    Document,
};

struct ShapeMember {
    std::string key;  // member name (JSON) or form name (Query/EC2)
    std::uint32_t shape = 0;
    bool required = false;
};

struct Shape {
    ShapeKind kind = ShapeKind::Document;
    std::vector<ShapeMember> members;  // structures; sorted by key, in std::string order
    std::uint32_t element = 0;         // lists: member; maps: value
};

struct InputValidator::Model {
    std::vector<Shape> shapes;
    std::map<std::string, std::uint32_t, std::less<>> operations;  // operation -> input shape
};

// Builds the model from the generated JSON. A malformed document yields an empty model (nothing is validated)
// rather than an exception: the text is generated and covered by tests, so this only guards against misuse.
InputValidator::Model load_input_model(std::string_view shapes_json, bool key_by_wire_name);

}  // namespace ecsemu::api
