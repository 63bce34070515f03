#include "http/json_io.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

namespace hulei::http {

Response json_response(int status, const Json& body) {
    Response r;
    r.status = status;
    r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
    return r;
}

Response no_content() {
    Response r;
    r.status = 204;
    r.content_type.clear();
    return r;
}

bool valid_utf8(std::string_view s) { return core::valid_utf8(s); }

Body::Body(const Request& req, std::initializer_list<std::string_view> allowed) {
    const std::string ct = req.header("content-type");
    if (ct.rfind("application/json", 0) != 0)
        throw core::Error::validation("unsupported_media_type", "请求内容类型应为 application/json");
    if (!valid_utf8(req.body)) throw core::Error::validation("invalid_utf8", "请求内容不是有效的 UTF-8 文本");
    try {
        json_ = Json::parse(req.body);
    } catch (const Json::exception&) {
        throw core::Error::validation("invalid_json", "请求内容不是有效的 JSON");
    }
    if (!json_.is_object()) throw core::Error::validation("invalid_json", "请求内容应为 JSON 对象");
    for (auto it = json_.begin(); it != json_.end(); ++it) {
        bool known = false;
        for (auto a : allowed) known = known || a == it.key();
        if (!known) throw core::Error::validation("unknown_field", "不支持的字段：" + it.key(), it.key());
    }
}

const Json* Body::get(std::string_view field) const {
    auto it = json_.find(std::string(field));
    if (it == json_.end() || it->is_null()) return nullptr;
    return &*it;
}

bool Body::has(std::string_view field) const { return json_.contains(std::string(field)); }

std::optional<std::string> Body::opt_str(std::string_view field, std::size_t max_chars) const {
    const Json* v = get(field);
    if (!v) return std::nullopt;
    if (!v->is_string()) throw core::Error::validation("wrong_type", "字段应为文本", std::string(field));
    std::string s = core::trim(v->get<std::string>());
    if (core::has_control_characters(s))
        throw core::Error::validation("control_characters", "内容含有不可见的控制字符", std::string(field));
    if (core::utf8_length(s) > max_chars)
        throw core::Error::validation("too_long", "内容过长（最多 " + std::to_string(max_chars) + " 字）",
                                      std::string(field));
    return s;
}

std::string Body::str(std::string_view field, std::size_t max_chars) const {
    auto s = opt_str(field, max_chars);
    if (!s || s->empty()) throw core::Error::validation("required", "必填项不能为空", std::string(field));
    return *s;
}

std::string Body::secret(std::string_view field, std::size_t max_bytes) const {
    const Json* v = get(field);
    if (!v) throw core::Error::validation("required", "必填项不能为空", std::string(field));
    if (!v->is_string()) throw core::Error::validation("wrong_type", "字段应为文本", std::string(field));
    std::string s = v->get<std::string>();
    if (s.empty()) throw core::Error::validation("required", "必填项不能为空", std::string(field));
    if (s.size() > max_bytes) throw core::Error::validation("too_long", "内容过长", std::string(field));
    if (core::has_control_characters(s))
        throw core::Error::validation("control_characters", "内容含有不可见的控制字符", std::string(field));
    return s;
}

std::optional<std::int64_t> Body::opt_i64(std::string_view field) const {
    const Json* v = get(field);
    if (!v) return std::nullopt;
    if (!v->is_number_integer()) throw core::Error::validation("wrong_type", "字段应为整数", std::string(field));
    return v->get<std::int64_t>();
}

std::int64_t Body::i64(std::string_view field) const {
    auto v = opt_i64(field);
    if (!v) throw core::Error::validation("required", "必填项不能为空", std::string(field));
    return *v;
}

std::optional<bool> Body::opt_bool(std::string_view field) const {
    const Json* v = get(field);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) throw core::Error::validation("wrong_type", "字段应为 true 或 false", std::string(field));
    return v->get<bool>();
}

bool Body::boolean(std::string_view field) const {
    auto v = opt_bool(field);
    if (!v) throw core::Error::validation("required", "必填项不能为空", std::string(field));
    return *v;
}

std::vector<std::int64_t> Body::ids(std::string_view field) const {
    std::vector<std::int64_t> out;
    const Json* v = get(field);
    if (!v) return out;
    if (!v->is_array()) throw core::Error::validation("wrong_type", "字段应为编号数组", std::string(field));
    for (const auto& x : *v) {
        if (!x.is_number_integer() || x.get<std::int64_t>() <= 0)
            throw core::Error::validation("wrong_type", "字段应为正整数编号数组", std::string(field));
        out.push_back(x.get<std::int64_t>());
    }
    return out;
}

std::vector<std::string> Body::strings(std::string_view field, std::size_t max_chars) const {
    std::vector<std::string> out;
    const Json* v = get(field);
    if (!v) return out;
    if (!v->is_array()) throw core::Error::validation("wrong_type", "字段应为文本数组", std::string(field));
    for (const auto& x : *v) {
        if (!x.is_string()) throw core::Error::validation("wrong_type", "字段应为文本数组", std::string(field));
        std::string s = core::trim(x.get<std::string>());
        if (core::has_control_characters(s))
            throw core::Error::validation("control_characters", "内容含有不可见的控制字符", std::string(field));
        if (core::utf8_length(s) > max_chars)
            throw core::Error::validation("too_long", "内容过长", std::string(field));
        if (!s.empty()) out.push_back(s);
    }
    return out;
}

Page page_of(const Request& req) {
    Page p;
    auto parse = [&](const char* name, std::int64_t def) -> std::int64_t {
        const std::string s = req.query_value(name);
        if (s.empty()) return def;
        if (s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos)
            throw core::Error::validation("wrong_type", "分页参数应为正整数", name);
        return std::stoll(s);
    };
    p.page = std::max<std::int64_t>(1, parse("page", 1));
    p.size = std::clamp<std::int64_t>(parse("page_size", 20), 1, 200);
    return p;
}

}  // namespace hulei::http
