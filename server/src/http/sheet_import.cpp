#include "http/sheet_import.hpp"

#include "core/error.hpp"

namespace hulei::http {

bool sheet_commit_requested(const Request& req) {
    const std::string commit = req.query_value("commit");
    if (commit != "" && commit != "0" && commit != "1")
        throw core::Error::validation("wrong_type", "commit 应为 0 或 1", "commit");
    return commit == "1";
}

Response sheet_import_answer(Json result, bool commit_requested, bool committed) {
    if (commit_requested && !committed) {
        result["error"] = {{"code", "import_rejected"}, {"message", "有被拒绝的行，未导入任何数据"}, {"field", ""}};
        return json_response(409, result);
    }
    return ok(result);
}

}  // namespace hulei::http
