// The `hulei` command: serve the console and API, migrate, load the demo township, import units,
// manage users from the shell, import the offender registry, screen staff, verify the audit chain.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/app.hpp"
#include "app/demo.hpp"
#include "app/schedule.hpp"
#include "app/services.hpp"
#include "audit/audit.hpp"
#include "core/error.hpp"
#include "http/server.hpp"
#include "io/sheet.hpp"
#include "modules/children/care_routes.hpp"
#include "modules/children/visit_routes.hpp"
#include "modules/plan/plan_document.hpp"
#include "modules/plan/plan_parser.hpp"
#include "modules/screening/screening_routes.hpp"
#include "security/permissions.hpp"

using namespace hulei;

namespace {

std::string read_file(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw core::Error::validation("unreadable_file", "无法读取文件（不存在或不是普通文件）：" + path, "file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw core::Error::validation("unreadable_file", "无法读取文件：" + path, "file");
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string read_password_from_stdin() {
    std::string line;
    std::getline(std::cin, line);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
    if (line.empty()) throw core::Error::validation("required", "请从标准输入提供密码（一行）", "password");
    return line;
}

void print_demo_accounts() {
    std::cout << "\n演示账户 / demo accounts (密码 password: " << app::kDemoPassword << ")\n"
              << "  coordinator  领导小组办公室      leader    领导\n"
              << "  officer      部门填报员          police    派出所民警 (需绑定两步验证 / 2FA enrolment)\n"
              << "  school       学校                village   村（社区）儿童主任   village2\n"
              << "  judicial     司法所              womens    妇联\n"
              << "  sysadmin     系统管理员 (2FA)    secadmin  安全管理员 (2FA)     auditor  审计管理员 (2FA)\n"
              << "首次登录需要两步验证的账户会显示二维码与密钥，用手机验证器（或 oathtool --totp -b 密钥）生成验证码。\n";
}

std::int64_t user_id_by_name(app::App& a, const std::string& username) {
    auto& org = app::org_service(a);
    const auto page = org.list_users(org::OrgService::system_principal(), {username, std::nullopt, 0, 200});
    for (const auto& u : page.items)
        if (u.username == username) return u.id;
    throw core::Error::not_found("用户不存在：" + username, "username");
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"护蕾 Hulei — 未成年人保护专项行动工作平台"};
    cli.require_subcommand(1);
    cli.fallthrough();
    app::Config config;
    if (const char* v = std::getenv("HULEI_WEB_DIR")) config.web_dir = v;
    cli.add_option("--db", config.db_url, "sqlite:PATH 或 postgresql://…")->envname("HULEI_DB")->capture_default_str();
    cli.add_option("--key-file", config.key_file, "主密钥文件（首次运行时以 0600 创建）")
        ->envname("HULEI_KEY_FILE")->capture_default_str();

    auto* serve = cli.add_subcommand("serve", "启动服务（API 与控制台）");
    serve->add_option("--listen", config.listen, "监听地址 host:port")->envname("HULEI_LISTEN")->capture_default_str();
    serve->add_option("--web-dir", config.web_dir, "控制台构建目录")->envname("HULEI_WEB_DIR")->capture_default_str();
    serve->add_option("--threads", config.threads, "I/O 线程数（0 = CPU 核数）")->envname("HULEI_THREADS");
    bool trust_proxy = false;
    serve->add_flag("--trust-proxy", trust_proxy, "在本机反向代理（nginx）之后：采用 X-Forwarded-For / X-Forwarded-Proto")
        ->envname("HULEI_TRUST_PROXY");

    auto* migrate = cli.add_subcommand("migrate", "执行数据库迁移");
    auto* demo = cli.add_subcommand("demo", "在空数据库中创建演示乡镇与演示账户");
    bool if_empty = false;
    int extra_villages = 0;
    demo->add_flag("--if-empty", if_empty, "数据库已有数据时跳过");
    demo->add_option("--villages", extra_villages, "额外生成的合成村数量（压测用）");
    bool no_screening_history = false;
    demo->add_flag("--no-screening-history", no_screening_history, "不写入演示信息库记录与从业查询历史（测试用）");

    auto* units = cli.add_subcommand("units", "单位管理");
    units->require_subcommand(1);
    auto* units_import = units->add_subcommand("import", "从 .csv/.xlsx 导入单位（表头：名称, 类型, 上级单位, 编码, 别名）");
    std::string units_file;
    units_import->add_option("FILE", units_file, "单位表文件")->required();

    auto* user = cli.add_subcommand("user", "用户管理");
    user->require_subcommand(1);
    auto* user_add = user->add_subcommand("add", "新增用户（从标准输入读取密码）");
    std::string u_name, u_display, u_unit, u_role, u_scope = "own_unit";
    bool u_no_force = false;
    user_add->add_option("--username", u_name)->required();
    user_add->add_option("--name", u_display, "姓名")->required();
    user_add->add_option("--unit", u_unit, "所属单位名称、别名或编码")->required();
    user_add->add_option("--role", u_role, "角色，例如 sysadmin、coordinator");
    user_add->add_option("--scope", u_scope, "数据范围 own_unit | township")->capture_default_str();
    user_add->add_flag("--no-force-change", u_no_force, "首次登录无需修改密码");
    auto* user_passwd = user->add_subcommand("passwd", "重置用户密码（从标准输入读取；下次登录须修改）");
    user_passwd->add_option("USERNAME", u_name)->required();

    auto* plan_cmd = cli.add_subcommand("plan", "工作方案");
    plan_cmd->require_subcommand(1);
    auto* plan_parse = plan_cmd->add_subcommand("parse", "解析工作方案（.txt UTF-8 或 .docx），输出 JSON");
    std::string plan_file;
    plan_parse->add_option("FILE", plan_file, "方案文件")->required();
    auto* plan_import = plan_cmd->add_subcommand("import", "导入工作方案，创建专项行动（含可识别责任单位的任务）");
    std::string plan_name, plan_start, plan_end;
    plan_import->add_option("FILE", plan_file, "方案文件")->required();
    plan_import->add_option("--name", plan_name, "专项行动名称（默认：方案标题）");
    plan_import->add_option("--start", plan_start, "开始日期 YYYY-MM-DD（默认：今天）");
    plan_import->add_option("--end", plan_end, "结束日期 YYYY-MM-DD（默认：开始当年 12 月 31 日）");

    auto* children_cmd = cli.add_subcommand("children", "重点儿童台账");
    children_cmd->require_subcommand(1);
    auto* children_import = children_cmd->add_subcommand(
        "import", "从 .csv/.xlsx 导入儿童台账（表头：姓名, 性别, 身份证号, 村（社区）, 类别；可选 学校, 班级, 监护人, 监护人性别, 监护人电话, 父母务工地）");
    std::string children_file;
    bool skip_bad = false;
    children_import->add_option("FILE", children_file, "台账文件")->required();
    children_import->add_flag("--skip-bad", skip_bad, "跳过被拒绝的行，导入其余行");
    auto* children_archive = children_cmd->add_subcommand("archive-adults", "将已满18周岁的儿童移出在册台账（归档，不删除）");
    auto* children_assign = children_cmd->add_subcommand("assign-teams", "按规则自动分配四位一体关爱团队，输出 JSON");
    std::string assign_village;
    bool assign_dry_run = false;
    children_assign->add_option("--village", assign_village, "只分配该村（社区）（名称、别名或编码）");
    children_assign->add_flag("--dry-run", assign_dry_run, "只计算，不写入");
    auto* children_teams = children_cmd->add_subcommand("teams", "输出每名儿童的关爱团队（JSON）");
    auto* children_due = children_cmd->add_subcommand("visits-due", "输出走访已逾期或即将到期的在册儿童（JSON，最逾期的在前）");
    std::string due_village;
    children_due->add_option("--village", due_village, "只看该村（社区）（名称、别名或编码）");

    auto* care_cmd = cli.add_subcommand("care", "关爱责任人");
    care_cmd->require_subcommand(1);
    auto* care_import = care_cmd->add_subcommand("import", "从 .csv/.xlsx 导入关爱责任人（表头：姓名, 性别, 角色, 单位, 手机）");
    std::string care_file;
    care_import->add_option("FILE", care_file, "责任人表文件")->required();

    auto* registry_cmd = cli.add_subcommand("registry", "性侵违法犯罪人员信息库（公安）");
    registry_cmd->require_subcommand(1);
    auto* registry_import = registry_cmd->add_subcommand(
        "import", "从 .csv/.xlsx 导入信息库记录（表头：姓名, 性别, 身份证号, 出生日期, 记录类型, 决定日期, 决定机关, 犯罪时未成年）；有任何一行被拒绝则全部不导入");
    std::string registry_file;
    registry_import->add_option("FILE", registry_file, "信息库表文件")->required();

    auto* screening_cmd = cli.add_subcommand("screening", "从业查询");
    screening_cmd->require_subcommand(1);
    auto* screening_check = screening_cmd->add_subcommand(
        "check", "按 .csv/.xlsx 人员表（表头：姓名, 身份证号, 岗位，可选 是否在职）查询，输出用人单位所见的结果（JSON）");
    std::string screening_unit, screening_file;
    bool screening_consent = false, screening_hired = false;
    screening_check->add_option("--unit", screening_unit, "受查单位（名称、别名或编码）")->required();
    screening_check->add_flag("--consent-confirmed", screening_consent, "确认已取得被查询人的书面同意（必需）");
    screening_check->add_flag("--hired", screening_hired, "表中人员为在职人员（无“是否在职”列时）");
    screening_check->add_option("FILE", screening_file, "人员表文件")->required();
    auto* screening_alerts =
        screening_cmd->add_subcommand("alerts", "列出未关闭的持续监测预警（JSON；姓名脱敏，不含记录内容）");

    auto* audit_cmd = cli.add_subcommand("audit", "审计日志");
    audit_cmd->require_subcommand(1);
    auto* audit_verify = audit_cmd->add_subcommand("verify", "校验审计日志哈希链");
    cli.add_subcommand("version", "显示版本");

    CLI11_PARSE(cli, argc, argv);
    umask(0077);  // the database, its WAL and the key file are readable by the service account only
    try {
        if (cli.got_subcommand("version")) {
            std::cout << "hulei " << HULEI_VERSION << "\n";
            return 0;
        }
        if (migrate->parsed()) {
            auto db = db::Database::open(config.db_url, 1);
            const int n = db::migrate(*db);
            std::cout << nlohmann::json{{"applied", n}}.dump() << "\n";
            return 0;
        }
        if (plan_parse->parsed()) {
            // No database: parsing is pure. The text goes to the parser as read (a .docx as its paragraphs).
            std::string bytes;
            try {
                bytes = read_file(plan_file);
            } catch (const core::Error& e) {
                std::cerr << "错误：" << e.message() << "\n";
                return 2;
            }
            std::string text;
            try {
                text = plan::plan_text_of(bytes, plan_file);
            } catch (const core::Error& e) {
                std::cerr << "错误：" << (e.code() == "empty_file" ? "文件为空或没有正文" : e.message()) << "：" << plan_file << "\n";
                return 2;
            }
            std::cout << plan::to_json(plan::parse_plan(text)) << "\n";
            return 0;
        }
        if (audit_verify->parsed()) {
            auto db = db::Database::open(config.db_url, 1);
            const auto r = audit::verify(*db);
            std::cout << nlohmann::json{{"ok", r.ok},
                                        {"entries", r.entries},
                                        {"first_bad_id", r.first_bad_id ? nlohmann::json(*r.first_bad_id) : nlohmann::json(nullptr)},
                                        {"reason", r.reason},
                                        {"head_hash", r.head_hash}}
                             .dump()
                      << "\n";
            if (!r.ok) std::cerr << "审计日志校验失败 / audit chain broken at entry " << *r.first_bad_id << ": " << r.reason << "\n";
            return r.ok ? 0 : 1;
        }

        // Refused before the database is even opened: nothing is written without the consent confirmation.
        if (screening_check->parsed() && !screening_consent)
            throw core::Error::validation("consent_required", "须确认已取得被查询人的书面同意（--consent-confirmed）",
                                          "consent_confirmed");
        app::App a(config);
        if (serve->parsed()) {
            http::ServerOptions opts;
            const auto colon = config.listen.rfind(':');
            if (colon == std::string::npos) throw core::Error::validation("listen", "监听地址应为 host:port", "listen");
            opts.host = config.listen.substr(0, colon);
            opts.port = static_cast<unsigned short>(std::stoi(config.listen.substr(colon + 1)));
            opts.io_threads = config.threads;
            if (const char* v = std::getenv("HULEI_ACCESS_LOG")) opts.access_log = std::string(v) != "0";
            opts.trust_proxy = trust_proxy;
            http::Server server(a.router(), opts);
            const auto port = server.start();
            std::cout << "护蕾 Hulei 已启动 / listening on http://" << opts.host << ":" << port << "  (数据库 " << config.db_url
                      << ")" << std::endl;
            // Children who turned 18 leave the active ledger at start and every children.archive_interval_hours.
            const auto archiving = app::start_archive_schedule(a);
            server.wait();
            archiving->stop();  // a run in progress finishes before the database closes
            return 0;
        }
        if (demo->parsed()) {
            if (app::has_units(a)) {
                if (!if_empty) throw core::Error::conflict("not_empty", "数据库中已有单位，演示数据只能写入空数据库");
                std::cout << "使用已有数据库 / reusing the existing database: " << config.db_url << "\n";
                print_demo_accounts();
                return 0;
            }
            const auto users = app::seed_demo(a, {extra_villages, true, !no_screening_history, true});
            std::cout << "已创建演示乡镇与 " << users.size() << " 个演示账户 / demo township created: " << config.db_url << "\n";
            print_demo_accounts();
            return 0;
        }
        if (units_import->parsed()) {
            const auto sheet = io::read_sheet(read_file(units_file), units_file);
            const auto s = app::org_service(a).import_units(org::OrgService::system_principal(), sheet);
            nlohmann::json rejected = nlohmann::json::array();
            for (const auto& r : s.rejected) rejected.push_back({{"row", r.row}, {"reason", r.reason}});
            std::cout << nlohmann::json{{"created", s.created}, {"updated", s.updated}, {"rejected", rejected}}.dump() << "\n";
            return s.rejected.empty() ? 0 : 2;
        }
        if (children_import->parsed()) {
            const auto r = app::children_service(a).import_ledger(children::ChildrenService::system_principal(),
                                                                  read_file(children_file), children_file, true, skip_bad);
            nlohmann::json rejected = nlohmann::json::array();
            for (const auto& row : r.rows)
                if (row.action == "reject") rejected.push_back({{"row", row.row}, {"reason", row.reason}});
            const bool ok = r.committed;
            std::cout << nlohmann::json{{"created", ok ? r.created : 0}, {"updated", ok ? r.updated : 0}, {"rejected", rejected}}.dump()
                      << "\n";
            return ok ? 0 : 2;
        }
        if (children_archive->parsed()) {
            const auto n = app::children_service(a).archive_adults(children::ChildrenService::system_principal());
            std::cout << nlohmann::json{{"archived", n}}.dump() << "\n";
            return 0;
        }
        if (care_import->parsed()) {
            const auto s = app::care_service(a).import_persons(children::ChildrenService::system_principal(),
                                                               read_file(care_file), care_file);
            nlohmann::json rejected = nlohmann::json::array();
            for (const auto& r : s.rejected) rejected.push_back({{"row", r.row}, {"reason", r.reason}});
            std::cout << nlohmann::json{{"created", s.created}, {"rejected", rejected}}.dump() << "\n";
            return s.rejected.empty() ? 0 : 2;
        }
        if (registry_import->parsed()) {
            const auto s = app::registry_service(a).import_sheet(registry::RegistryService::system_principal(),
                                                                 read_file(registry_file), registry_file);
            nlohmann::json rejected = nlohmann::json::array();
            for (const auto& r : s.rejected) rejected.push_back({{"row", r.row}, {"reason", r.reason}});
            std::cout << nlohmann::json{{"created", s.created}, {"updated", s.updated}, {"rejected", rejected}}.dump()
                      << "\n";
            return s.committed ? 0 : 2;
        }
        if (screening_check->parsed()) {
            auto unit = app::org_service(a).resolve_unit(screening_unit);
            if (!unit) throw core::Error::validation("invalid_unit", "单位不存在：" + screening_unit, "unit");
            const auto out = app::screening_service(a).check_sheet(screening::ScreeningService::system_principal(),
                                                                   {unit->id, true}, read_file(screening_file),
                                                                   screening_file, screening_hired);
            std::cout << screening::outcomes_json(out).dump() << "\n";
            return 0;
        }
        if (screening_alerts->parsed()) {
            nlohmann::json items = nlohmann::json::array();
            for (const auto& al : app::screening_monitor(a).alerts(screening::ScreeningService::system_principal()))
                items.push_back({{"alert_id", al.id},
                                 {"unit", al.unit_name},
                                 {"person", al.person_name},
                                 {"kind", al.kind},
                                 {"created_at", al.created_at}});
            std::cout << items.dump() << "\n";
            return 0;
        }
        // --village NAME|ALIAS|CODE of the children commands: the village's id, none when not given.
        auto village_option = [&](const std::string& name) -> std::optional<std::int64_t> {
            if (name.empty()) return std::nullopt;
            auto unit = app::org_service(a).resolve_unit(name);
            if (!unit || unit->kind != "village")
                throw core::Error::validation("invalid_village", "村（社区）不存在：" + name, "village");
            return unit->id;
        };
        if (children_assign->parsed()) {
            const auto r = app::care_service(a).assign_teams(children::ChildrenService::system_principal(),
                                                             village_option(assign_village), assign_dry_run);
            std::cout << children::outcome_json(r).dump() << "\n";
            return 0;
        }
        if (children_due->parsed()) {
            nlohmann::json items = nlohmann::json::array();
            for (const auto& d : app::visit_service(a).due(children::ChildrenService::system_principal(),
                                                            village_option(due_village)))
                items.push_back(children::due_item_json(d));
            std::cout << items.dump() << "\n";
            return 0;
        }
        if (children_teams->parsed()) {
            const auto t = app::care_service(a).teams(children::ChildrenService::system_principal(), std::nullopt);
            std::cout << children::teams_json(t).dump() << "\n";
            return 0;
        }
        if (plan_import->parsed()) {
            plan::ImportOptions options;
            if (!plan_name.empty()) options.name = plan_name;
            if (!plan_start.empty()) options.period_start = plan_start;
            if (!plan_end.empty()) options.period_end = plan_end;
            const auto r = app::plan_service(a).import_document(plan::PlanService::system_principal(),
                                                                read_file(plan_file), plan_file, options);
            std::cout << nlohmann::json{{"campaign_id", r.campaign_id}, {"name", r.name}, {"tasks", r.tasks},
                                        {"tasks_with_units", r.tasks_with_units}, {"skipped_items", r.skipped},
                                        {"unknown_units", r.unknown}}
                             .dump()
                      << "\n";
            return 0;
        }
        if (user_add->parsed()) {
            auto& org = app::org_service(a);
            const auto sys = org::OrgService::system_principal();
            auto unit = org.resolve_unit(u_unit);
            if (!unit) throw core::Error::validation("invalid_unit", "单位不存在：" + u_unit, "unit");
            if (!u_role.empty() && !security::find_role(u_role))
                throw core::Error::validation("invalid_role", "未知角色：" + u_role, "role");
            if (!security::parse_scope(u_scope) || u_scope == "units")
                throw core::Error::validation("invalid_scope", "命令行的数据范围应为 own_unit 或 township", "scope");
            org::UserInput in;
            in.username = u_name;
            in.display_name = u_display;
            in.unit_id = unit->id;
            in.initial_password = read_password_from_stdin();
            in.must_change_password = !u_no_force;
            const auto created = org.create_user(sys, in);
            if (!u_role.empty()) org.add_grant(sys, created.id, {u_role, u_scope, {}});
            std::cout << nlohmann::json{{"id", created.id}, {"username", created.username}}.dump() << "\n";
            return 0;
        }
        if (user_passwd->parsed()) {
            const auto id = user_id_by_name(a, u_name);
            app::org_service(a).reset_password(org::OrgService::system_principal(), id, read_password_from_stdin());
            std::cout << nlohmann::json{{"id", id}, {"username", u_name}, {"must_change_password", true}}.dump() << "\n";
            return 0;
        }
    } catch (const core::Error& e) {
        std::cerr << "错误 / error [" << e.code() << "]: " << e.message() << (e.field().empty() ? "" : " (" + e.field() + ")")
                  << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "错误 / error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
