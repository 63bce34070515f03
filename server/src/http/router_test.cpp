#include "http/router.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "http/json_io.hpp"

namespace hulei::http {
namespace {

Router make_router(std::optional<security::Principal> who) {
    Router r;
    r.set_authenticator([who](const Request&) { return who; });
    r.add("GET", "/api/v1/things/{id}", Guard::permission_of("org:unit:list"),
          [](const Request& req, const security::Principal&) { return ok({{"id", req.id_param("id")}}); });
    r.add("POST", "/api/v1/things", Guard::permission_of("org:unit:create"), [](const Request& req, const security::Principal&) {
        Body b(req, {"name"});
        return created({{"name", b.str("name")}});
    });
    r.add("GET", "/healthz", Guard::anyone(), [](const Request&, const security::Principal&) { return ok({{"status", "ok"}}); });
    return r;
}

security::Principal with_role(const std::string& role) {
    security::Principal p;
    p.user_id = 1;
    p.username = "u";
    p.csrf_token = "tok";
    p.grants.push_back({1, role, security::Scope::Township, {}});
    return p;
}

Request req(std::string method, std::string path, std::string body = {}) {
    Request r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.body = std::move(body);
    if (!r.body.empty()) r.headers["content-type"] = "application/json";
    return r;
}

Json body_of(const Response& r) { return Json::parse(r.body); }

TEST(Router, PathParametersAndPermission) {
    auto r = make_router(with_role("coordinator"));
    auto q = req("GET", "/api/v1/things/42");
    auto res = r.dispatch(q);
    EXPECT_EQ(res.status, 200);
    EXPECT_EQ(body_of(res)["id"], 42);
}

TEST(Router, NonNumericIdIsNotFound) {
    auto r = make_router(with_role("coordinator"));
    auto q = req("GET", "/api/v1/things/abc");
    EXPECT_EQ(r.dispatch(q).status, 404);
}

TEST(Router, MissingPermissionIsForbidden) {
    auto r = make_router(with_role("village"));
    auto q = req("POST", "/api/v1/things", R"({"name":"x"})");
    q.headers["x-csrf-token"] = "tok";
    auto res = r.dispatch(q);
    EXPECT_EQ(res.status, 403);
    EXPECT_EQ(body_of(res)["error"]["code"], "forbidden");
}

TEST(Router, AnonymousIsUnauthenticated) {
    auto r = make_router(std::nullopt);
    auto q = req("GET", "/api/v1/things/1");
    auto res = r.dispatch(q);
    EXPECT_EQ(res.status, 401);
    auto h = req("GET", "/healthz");
    EXPECT_EQ(r.dispatch(h).status, 200);
}

TEST(Router, StateChangeNeedsCsrfToken) {
    auto r = make_router(with_role("sysadmin"));
    auto q = req("POST", "/api/v1/things", R"({"name":"x"})");
    EXPECT_EQ(body_of(r.dispatch(q))["error"]["code"], "csrf");
    q.headers["x-csrf-token"] = "wrong";
    EXPECT_EQ(r.dispatch(q).status, 403);
    q.headers["x-csrf-token"] = "tok";
    EXPECT_EQ(r.dispatch(q).status, 201);
}

TEST(Router, IncompleteSessionIsHeldAtTheGate) {
    auto p = with_role("sysadmin");
    p.stage = security::SessionStage::MustChangePassword;
    auto r = make_router(p);
    auto q = req("GET", "/api/v1/things/1");
    EXPECT_EQ(body_of(r.dispatch(q))["error"]["code"], "password_change_required");
}

TEST(Router, BadBodiesGiveValidationErrorsWithField) {
    auto r = make_router(with_role("sysadmin"));
    auto send = [&](std::string body, std::string ct = "application/json") {
        auto q = req("POST", "/api/v1/things", body);
        q.headers["content-type"] = ct;
        q.headers["x-csrf-token"] = "tok";
        return r.dispatch(q);
    };
    EXPECT_EQ(body_of(send("{bad"))["error"]["code"], "invalid_json");
    EXPECT_EQ(body_of(send("[1]"))["error"]["code"], "invalid_json");
    auto wrong = body_of(send(R"({"name":5})"));
    EXPECT_EQ(wrong["error"]["code"], "wrong_type");
    EXPECT_EQ(wrong["error"]["field"], "name");
    EXPECT_EQ(body_of(send(R"({"name":"x","admin":true})"))["error"]["code"], "unknown_field");
    EXPECT_EQ(body_of(send(R"({"name":"x"})", "text/plain"))["error"]["code"], "unsupported_media_type");
    EXPECT_EQ(body_of(send("{\"name\":\"\xff\"}"))["error"]["code"], "invalid_utf8");
    EXPECT_EQ(send(R"({"name":""})").status, 400);
}

TEST(Router, UnknownApiPathAndWrongMethod) {
    auto r = make_router(with_role("sysadmin"));
    auto q = req("GET", "/api/v1/nothing");
    EXPECT_EQ(body_of(r.dispatch(q))["error"]["code"], "route_not_found");
    auto m = req("DELETE", "/api/v1/things/1");
    EXPECT_EQ(r.dispatch(m).status, 405);
}

}  // namespace
}  // namespace hulei::http
