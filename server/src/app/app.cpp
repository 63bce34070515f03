#include "app/app.hpp"

#include <thread>

#include "app/todo_routes.hpp"
#include "http/json_io.hpp"
#include "http/metrics.hpp"
#include "http/static_files.hpp"
#include "modules/audit/audit_routes.hpp"
#include "modules/auth/auth_routes.hpp"
#include "modules/cases/cases_routes.hpp"
#include "modules/children/care_routes.hpp"
#include "modules/children/children_routes.hpp"
#include "modules/children/visit_routes.hpp"
#include "modules/org/org_routes.hpp"
#include "modules/plan/plan_routes.hpp"
#include "modules/policy/policy_routes.hpp"
#include "modules/registry/registry_routes.hpp"
#include "modules/reports/reports_routes.hpp"
#include "modules/screening/screening_routes.hpp"
#include "modules/supervision/supervision_routes.hpp"
#include "security/keyring.hpp"

namespace hulei::app {

class Services {
public:
    Services(App& app, security::HashCost cost)
        : policy(app.db(), app.clock()),
          auth(app.db(), app.clock(), app.keyring(), cost),
          org(app.db(), app.clock(), app.keyring(), cost),
          audit_log(app.db()),
          plan(app.db(), app.clock(), org),
          supervision(app.db(), app.clock(), plan, org),
          children(app.db(), app.clock(), app.keyring(), org),
          care(app.db(), app.clock(), app.keyring(), org),
          visits(app.db(), app.clock(), app.keyring()),
          registry(app.db(), app.clock(), app.keyring()),
          screening(app.db(), app.clock(), app.keyring(), registry),
          screening_coverage(app.db(), app.clock()),
          screening_monitor(app.db(), app.clock(), app.keyring(), supervision),
          reports(app.db(), app.clock(), app.keyring(), supervision),
          review_gatherer(reports, children, visits, care, screening),
          cases(app.db(), app.clock(), app.keyring(), reports, registry, supervision, review_gatherer),
          static_files(app.config().web_dir) {}

    policy::PolicyService policy;
    auth::AuthService auth;
    org::OrgService org;
    audit_log::AuditLogService audit_log;
    plan::PlanService plan;
    supervision::SupervisionService supervision;
    children::ChildrenService children;
    children::CareService care;
    children::VisitService visits;
    registry::RegistryService registry;
    screening::ScreeningService screening;
    screening::CoverageService screening_coverage;
    screening::ScreeningMonitor screening_monitor;
    reports::ReportsService reports;
    cases::ReviewGatherer review_gatherer;  // after the services it reads
    cases::CasesService cases;
    http::StaticFiles static_files;
};

namespace {

std::size_t pool_size(const Config& c) {
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    return static_cast<std::size_t>(std::max(4, 2 * (c.threads > 0 ? c.threads : cores)) + 2);
}

}  // namespace

App::App(Config config, std::shared_ptr<core::Clock> clock)
    : config_(std::move(config)), clock_(std::move(clock)) {
    db_ = db::Database::open(config_.db_url, pool_size(config_));
    db::migrate(*db_);
    keyring_ = std::make_unique<security::Keyring>(security::Keyring::load_or_create(config_.key_file));
    services_ = std::make_unique<Services>(
        *this, config_.fast_password_hash ? security::HashCost::Minimal : security::HashCost::Interactive);

    router_.add("GET", "/healthz", http::Guard::anyone(),
                [](const http::Request&, const security::Principal&) { return http::ok({{"status", "ok"}}); });
    router_.add("GET", "/metrics", http::Guard::anyone(), [](const http::Request&, const security::Principal&) {
        http::Response r;
        r.content_type = "text/plain; version=0.0.4; charset=utf-8";
        r.body = http::metrics_text();
        return r;
    });
    auth::mount_routes(router_, services_->auth);
    org::mount_routes(router_, services_->org);
    policy::mount_routes(router_, services_->policy);
    audit_log::mount_routes(router_, services_->audit_log);
    plan::mount_routes(router_, services_->plan);
    supervision::mount_routes(router_, services_->supervision);
    mount_todo_routes(router_, services_->supervision, services_->visits, services_->reports, services_->cases);
    children::mount_care_routes(router_, services_->care);  // before /children/{id}
    children::mount_visit_routes(router_, services_->visits);
    children::mount_routes(router_, services_->children);
    registry::mount_routes(router_, services_->registry);
    screening::mount_routes(router_, services_->screening);
    screening::mount_coverage_routes(router_, services_->screening_coverage);
    screening::mount_alert_routes(router_, services_->screening_monitor);
    reports::mount_routes(router_, services_->reports);
    cases::mount_routes(router_, services_->cases);
    // Continuous monitoring: every registry create, correction or import re-checks the employed staff it matches.
    services_->registry.set_change_hook([this](db::Tx& tx, const std::vector<std::int64_t>& ids) {
        services_->screening_monitor.on_registry_change(tx, ids);
    });
    router_.set_fallback([this](const http::Request& req) { return services_->static_files.serve(req); });
}

App::~App() = default;

}  // namespace hulei::app

#include "app/services.hpp"

namespace hulei::app {

policy::PolicyService& policy_service(App& app) { return app.services().policy; }
auth::AuthService& auth_service(App& app) { return app.services().auth; }
org::OrgService& org_service(App& app) { return app.services().org; }
plan::PlanService& plan_service(App& app) { return app.services().plan; }
supervision::SupervisionService& supervision_service(App& app) { return app.services().supervision; }
children::ChildrenService& children_service(App& app) { return app.services().children; }
children::CareService& care_service(App& app) { return app.services().care; }
children::VisitService& visit_service(App& app) { return app.services().visits; }
registry::RegistryService& registry_service(App& app) { return app.services().registry; }
screening::ScreeningService& screening_service(App& app) { return app.services().screening; }
screening::CoverageService& screening_coverage(App& app) { return app.services().screening_coverage; }
screening::ScreeningMonitor& screening_monitor(App& app) { return app.services().screening_monitor; }
reports::ReportsService& reports_service(App& app) { return app.services().reports; }
cases::CasesService& cases_service(App& app) { return app.services().cases; }

}  // namespace hulei::app
