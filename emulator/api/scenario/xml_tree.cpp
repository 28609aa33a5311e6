#include "emulator/api/scenario/xml_tree.hpp"

#include <vector>

namespace ecsemu::api::scenario {
namespace {

using nlohmann::json;

class XmlReader {
public:
    explicit XmlReader(std::string_view text) : text_(text) {}

    std::optional<XmlDocument> document() {
        skip_misc();
        XmlDocument doc;
        if (!element(doc.root_name, doc.root, 0)) return std::nullopt;
        return doc;
    }

private:
    void skip_space() {
        while (pos_ < text_.size() &&
               (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\r' || text_[pos_] == '\t'))
            ++pos_;
    }

    // Prolog, comments and processing instructions between elements.
    void skip_misc() {
        while (true) {
            skip_space();
            if (starts_with("<?")) {
                skip_past("?>");
            } else if (starts_with("<!--")) {
                skip_past("-->");
            } else {
                return;
            }
        }
    }

    bool starts_with(std::string_view prefix) const {
        return text_.compare(pos_, prefix.size(), prefix) == 0;
    }

    void skip_past(std::string_view end) {
        const auto at = text_.find(end, pos_);
        pos_ = at == std::string_view::npos ? text_.size() : at + end.size();
    }

    std::string name() {
        const std::size_t begin = pos_;
        while (pos_ < text_.size() && text_[pos_] != '>' && text_[pos_] != '/' && text_[pos_] != ' ' &&
               text_[pos_] != '\n' && text_[pos_] != '\t' && text_[pos_] != '\r')
            ++pos_;
        return std::string(text_.substr(begin, pos_ - begin));
    }

    static void append_entity(std::string_view entity, std::string& out) {
        if (entity == "lt") {
            out += '<';
        } else if (entity == "gt") {
            out += '>';
        } else if (entity == "amp") {
            out += '&';
        } else if (entity == "quot") {
            out += '"';
        } else if (entity == "apos") {
            out += '\'';
        } else if (entity.size() > 1 && entity[0] == '#') {
            const bool hex = entity[1] == 'x';
            const unsigned long code =
                std::stoul(std::string(entity.substr(hex ? 2 : 1)), nullptr, hex ? 16 : 10);
            append_utf8(code, out);
        }
    }

    static void append_utf8(unsigned long code, std::string& out) {
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (code >> 18));
            out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
    }

    bool element(std::string& element_name, json& out, int depth) {
        if (depth > 100 || !starts_with("<")) return false;
        ++pos_;
        element_name = name();
        if (element_name.empty()) return false;
        const auto close = text_.find('>', pos_);
        if (close == std::string_view::npos) return false;
        const bool empty = text_[close - 1] == '/';
        pos_ = close + 1;
        if (empty) {
            out = "";
            return true;
        }
        std::string text;
        std::vector<std::pair<std::string, json>> children;
        while (pos_ < text_.size()) {
            if (starts_with("</")) {
                skip_past(">");
                out = children.empty() ? json(text) : fold(children);
                return true;
            }
            if (starts_with("<!--") || starts_with("<?")) {
                skip_misc();
                continue;
            }
            if (starts_with("<")) {
                std::string child_name;
                json child;
                if (!element(child_name, child, depth + 1)) return false;
                children.emplace_back(std::move(child_name), std::move(child));
                continue;
            }
            if (text_[pos_] == '&') {
                const auto semicolon = text_.find(';', pos_);
                if (semicolon == std::string_view::npos) return false;
                try {
                    append_entity(text_.substr(pos_ + 1, semicolon - pos_ - 1), text);
                } catch (const std::exception&) {
                    return false;
                }
                pos_ = semicolon + 1;
                continue;
            }
            text += text_[pos_++];
        }
        return false;
    }

    static json fold(std::vector<std::pair<std::string, json>>& children) {
        bool list = true;
        for (const auto& [child_name, ignored] : children)
            list = list && (child_name == "member" || child_name == "item");
        if (list) {
            json array = json::array();
            for (auto& child : children) array.push_back(std::move(child.second));
            return array;
        }
        json object = json::object();
        for (auto& [child_name, child] : children) object[child_name] = std::move(child);
        return object;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

}  // namespace

std::optional<XmlDocument> parse_xml(std::string_view text) {
    return XmlReader(text).document();
}

}  // namespace ecsemu::api::scenario
