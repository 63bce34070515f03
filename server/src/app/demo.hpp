#pragma once
// The demo township: synthetic units modelled on the seed plan's structure, one demo user per role,
// default policies. Never a real person's data.
#include <string>
#include <vector>

#include "app/app.hpp"

namespace hulei::app {

/// The password of every demo user (printed by `make run`); demo users need not change it.
inline constexpr const char* kDemoPassword = "Hulei@Demo2026";

struct DemoUser {
    std::string username;
    std::string role;
    std::string unit;
};

struct DemoOptions {
    int extra_villages = 0;   ///< more synthetic villages (bench: township/county scale)
    /// Past visits (some overdue, one urgent follow-up) so the console's dashboard and to-do lists have
    /// something to show; `hulei demo` turns it on, the test fixture leaves it off (its scenarios count visits).
    bool visit_history = false;
    /// Registry records, the central primary school's checked staff (one possible match, one hit applicant, one
    /// invalid ID number) and a monitoring alert; `hulei demo` turns it on, the test fixture leaves it off.
    bool screening_history = false;
    /// A teacher's late report turned into a case with an unscreened suspect (a 倒查 with failures) and a
    /// village's fresh report; `hulei demo` turns it on, the test fixture leaves it off.
    bool case_history = false;
};

/// Creates the demo township in an empty database; throws core::Error(Conflict) when units exist.
/// Returns the demo users created.
std::vector<DemoUser> seed_demo(App& app, const DemoOptions& options = {});
/// Whether the database already holds units (a second `make run` reuses it).
bool has_units(App& app);

}  // namespace hulei::app
