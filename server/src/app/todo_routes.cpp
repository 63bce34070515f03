// The to-do: composition (which sections the caller sees), then the HTTP route that serialises it.
#include "app/todo_routes.hpp"

#include "http/json_io.hpp"
#include "modules/cases/cases_routes.hpp"
#include "modules/children/visit_routes.hpp"
#include "modules/plan/plan_routes.hpp"
#include "modules/reports/reports_routes.hpp"
#include "modules/supervision/supervision_routes.hpp"

namespace hulei::app {

TodoPage compose_todo(const security::Principal& p, supervision::SupervisionService& supervision,
                      children::VisitService& visits, reports::ReportsService& reports, cases::CasesService& cases) {
    TodoPage page;
    if (p.has("plan:campaign:list")) page.work = supervision.todo(p);
    if (p.has("children:visit:list")) page.visits_due = visits.due_summary(p);
    if (p.has_township("children:visit:ack")) page.urgent_visits = visits.urgent(p);
    if (p.has("reports:report:handle") || p.has_township("reports:report:escalate")) page.reports = reports.todo(p);
    if (p.has("cases:support:list")) page.case_support = cases.open_support_items(p);
    return page;
}

void mount_todo_routes(http::Router& r, supervision::SupervisionService& supervision, children::VisitService& visits,
                       reports::ReportsService& reports, cases::CasesService& cases) {
    r.add("GET", "/api/v1/todo", http::Guard::authenticated(),
          [&supervision, &visits, &reports, &cases](const http::Request&, const security::Principal& p) {
              const auto page = compose_todo(p, supervision, visits, reports, cases);
              http::Json out = http::Json::object();
              if (page.work) {
                  http::Json tasks = http::Json::array(), actions = http::Json::array();
                  for (const auto& t : page.work->tasks) tasks.push_back(plan::todo_task_json(t));
                  for (const auto& a : page.work->actions) actions.push_back(supervision::action_json(a, false));
                  out["tasks"] = tasks;
                  out["supervision"] = actions;
              }
              if (page.visits_due) {
                  http::Json items = http::Json::array();
                  for (const auto& d : page.visits_due->items) items.push_back(children::due_item_json(d));
                  out["visits_due"] = {{"total", page.visits_due->total},
                                       {"overdue", page.visits_due->overdue},
                                       {"due_soon", page.visits_due->due_soon},
                                       {"items", items}};
              }
              if (page.urgent_visits) {
                  http::Json items = http::Json::array();
                  for (const auto& u : *page.urgent_visits) items.push_back(children::urgent_visit_json(u));
                  out["urgent_visits"] = items;
              }
              if (page.reports) {
                  // The police get their report lines; the office the overdue lines (station and clock only).
                  http::Json items = http::Json::array();
                  for (const auto& rep : page.reports->items) items.push_back(reports::report_json(rep));
                  for (const auto& line : page.reports->lines) items.push_back(reports::overdue_json(line));
                  out["reports"] = {
                      {"unaccepted", page.reports->unaccepted}, {"overdue", page.reports->overdue}, {"items", items}};
              }
              if (page.case_support) {
                  // Victim support items still open: the judicial office's own, the police's cases'.
                  http::Json items = http::Json::array();
                  for (const auto& s : *page.case_support) items.push_back(cases::support_item_json(s));
                  out["case_support"] = {{"open", page.case_support->size()}, {"items", items}};
              }
              return http::ok(out);
          });
}

}  // namespace hulei::app
