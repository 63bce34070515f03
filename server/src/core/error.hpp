#pragma once
// One error taxonomy for the whole server (STYLE.md §5). Thrown only when a request must stop;
// mapped to an HTTP status in exactly one place (http/router.cpp).
#include <stdexcept>
#include <string>

namespace hulei::core {

/// What went wrong, from the caller's point of view.
enum class ErrorKind { Validation, Unauthenticated, Forbidden, NotFound, Conflict, TooLarge, RateLimited, Internal };

/// A request-stopping error: a stable machine `code`, a Chinese `message` for people, the offending `field`.
class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, std::string code, std::string message, std::string field = {})
        : std::runtime_error(message), kind_(kind), code_(std::move(code)), message_(std::move(message)),
          field_(std::move(field)) {}

    ErrorKind kind() const { return kind_; }
    const std::string& code() const { return code_; }
    const std::string& message() const { return message_; }
    const std::string& field() const { return field_; }

    static Error validation(std::string code, std::string message, std::string field = {}) {
        return {ErrorKind::Validation, std::move(code), std::move(message), std::move(field)};
    }
    static Error unauthenticated(std::string code, std::string message) {
        return {ErrorKind::Unauthenticated, std::move(code), std::move(message)};
    }
    static Error forbidden(std::string code = "forbidden", std::string message = "无权执行此操作") {
        return {ErrorKind::Forbidden, std::move(code), std::move(message)};
    }
    static Error not_found(std::string message = "记录不存在", std::string field = {}) {
        return {ErrorKind::NotFound, "not_found", std::move(message), std::move(field)};
    }
    static Error conflict(std::string code, std::string message, std::string field = {}) {
        return {ErrorKind::Conflict, std::move(code), std::move(message), std::move(field)};
    }
    static Error too_large(std::string message = "请求内容过大") {
        return {ErrorKind::TooLarge, "too_large", std::move(message)};
    }
    static Error rate_limited(std::string code, std::string message) {
        return {ErrorKind::RateLimited, std::move(code), std::move(message)};
    }
    static Error internal(std::string message = "服务器内部错误") {
        return {ErrorKind::Internal, "internal", std::move(message)};
    }

private:
    ErrorKind kind_;
    std::string code_;
    std::string message_;
    std::string field_;
};

/// The HTTP status of an error kind; the only place this mapping exists.
inline int http_status(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::Validation: return 400;
        case ErrorKind::Unauthenticated: return 401;
        case ErrorKind::Forbidden: return 403;
        case ErrorKind::NotFound: return 404;
        case ErrorKind::Conflict: return 409;
        case ErrorKind::TooLarge: return 413;
        case ErrorKind::RateLimited: return 429;
        case ErrorKind::Internal: return 500;
    }
    return 500;
}

}  // namespace hulei::core
