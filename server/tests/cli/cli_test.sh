#!/usr/bin/env bash
# Scenario tests of the `hulei` command line: demo, units import (CSV and .xlsx, all or nothing),
# user add / passwd, audit verify detecting a tampered row, migrate, version, plan parse (.txt, .docx,
# empty, missing, a directory), children import (all or nothing, --skip-bad), children archive-adults (and by `serve` at start), care import, children assign-teams / teams / visits-due, registry import (all or nothing, corrections, no plain ID), screening check (statuses only, consent required) and plan import of the seed plan (from ../shared beside the repository).
# Usage: cli_test.sh PATH/TO/hulei
set -uo pipefail
bin=${1:?usage: cli_test.sh PATH/TO/hulei}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HULEI_DB="sqlite:$tmp/cli.db" HULEI_KEY_FILE="$tmp/master.key"
passed=0
failed=0
check() {  # check NAME CONDITION-EXIT-STATUS
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "ok   $1"; else failed=$((failed + 1)); echo "FAIL $1"; fi
}
count() { sqlite3 "$tmp/cli.db" "$1"; }

"$bin" version | grep -q '^hulei '; check "version prints the version" $?

# The registry and screening checks below start from an empty registry: no demo screening history here.
"$bin" demo --no-screening-history > "$tmp/demo.out"; check "demo creates the township" $?
grep -q 'Hulei@Demo2026' "$tmp/demo.out"; check "demo prints the demo password" $?
[ "$(count "SELECT p.name || ':' || u.username FROM care_persons p JOIN users u ON u.id = p.user_id ORDER BY p.id" | tr '\n' ' ')" = "田晓岚:village 罗春燕:village2 " ]
check "demo links the village care persons to the demo village accounts" $?
"$bin" demo --if-empty | grep -q '已有数据库\|reusing'; check "demo --if-empty reuses the database" $?
"$bin" demo >/dev/null 2>&1; test $? -eq 2; check "demo refuses a non-empty database (exit 2)" $?
[ "$(stat -c %a "$tmp/master.key")" = 600 ]; check "key file is created 0600" $?
[ "$(stat -c %a "$tmp/cli.db")" = 600 ]; check "database file is created 0600" $?

units_before=$(count "SELECT count(*) FROM units")
printf '名称,类型,上级单位,编码,别名\n红星村,村（社区）,五团镇,WT-V90,红星\n红星小学,学校,红星村,WT-S90,\n' > "$tmp/good.csv"
out=$("$bin" units import "$tmp/good.csv"); rc=$?
check "units import of a good CSV exits 0" $rc
echo "$out" | grep -q '"created":2'; check "units import summary counts 2 created" $?
[ "$(count "SELECT count(*) FROM units")" -eq $((units_before + 2)) ]; check "two units written" $?
[ "$(count "SELECT p.name FROM units u JOIN units p ON p.id = u.parent_id WHERE u.name = '红星小学'")" = 红星村 ]
check "parent resolved from an earlier row" $?

printf '名称,类型,上级单位,编码,别名\n蓝天村,村,五团镇,WT-V91,\n坏类型单位,医院X,五团镇,WT-X91,\n无上级单位,学校,不存在的镇,WT-X92,\n' > "$tmp/bad.csv"
out=$("$bin" units import "$tmp/bad.csv"); rc=$?
test $rc -eq 2; check "units import with bad rows exits 2" $?
echo "$out" | grep -q '"row":3'; check "the bad kind is reported at sheet row 3" $?
echo "$out" | grep -q '"created":0'; check "nothing counted as created" $?
[ "$(count "SELECT count(*) FROM units WHERE name = '蓝天村'")" -eq 0 ]; check "all or nothing: the good row was not written" $?

printf '名称,类型,上级单位,编码,别名\n绿野村,村（社区）,五团镇,WT-V92,"绿野、绿野社区"\n' > "$tmp/sheet.csv"
(cd "$tmp" && libreoffice --headless -env:UserInstallation="file://$tmp/lo" --infilter="CSV:44,34,76" --convert-to xlsx sheet.csv >/dev/null 2>&1)
"$bin" units import "$tmp/sheet.xlsx" | grep -q '"created":1'; check "units import reads an .xlsx saved by LibreOffice" $?
[ "$(count "SELECT count(*) FROM unit_aliases a JOIN units u ON u.id = a.unit_id WHERE u.name = '绿野村'")" -eq 2 ]
check "aliases split on 、" $?

printf 'garbage' > "$tmp/broken.xlsx"
"$bin" units import "$tmp/broken.xlsx" 2> "$tmp/err"; test $? -eq 2; check "a broken .xlsx exits 2" $?
grep -q 'bad_file' "$tmp/err"; check "a broken .xlsx names the error" $?

echo 'Cli#Admin2026x' | "$bin" user add --username cli.admin --name 命令行管理员 --unit 党政办 --role sysadmin --scope township >/dev/null
check "user add reads the password from stdin" $?
[ "$(count "SELECT must_change_password FROM users WHERE username = 'cli.admin'")" = 1 ]; check "a new user must change the password" $?
echo 'weak' | "$bin" user add --username cli.weak --name 弱密码 --unit 党政办 >/dev/null 2>&1; test $? -eq 2
check "user add refuses a weak password" $?
echo 'Cli#Other2026x' | "$bin" user add --username cli.norole --name 无角色 --unit 党政办 --role nosuchrole >/dev/null 2>&1; test $? -eq 2
check "user add refuses an unknown role" $?
[ "$(count "SELECT count(*) FROM users WHERE username IN ('cli.weak', 'cli.norole')")" -eq 0 ]; check "refused users were not written" $?
echo 'Cli#Reset2026y' | "$bin" user passwd coordinator >/dev/null; check "user passwd resets a password" $?
[ "$(count "SELECT must_change_password FROM users WHERE username = 'coordinator'")" = 1 ]; check "after passwd the user must change it" $?

"$bin" audit verify > "$tmp/verify.json"; check "audit verify passes on an untouched log" $?
grep -q '"ok":true' "$tmp/verify.json"; check "audit verify reports ok" $?
count "UPDATE audit_log SET detail = '{\"name\":\"篡改\"}' WHERE id = 5" >/dev/null
"$bin" audit verify > "$tmp/verify.json" 2> "$tmp/verify.err"; test $? -ne 0; check "audit verify fails after a row is edited" $?
grep -q '"first_bad_id":5' "$tmp/verify.json"; check "audit verify names the edited entry" $?

"$bin" migrate | grep -q '"applied":0'; check "migrate is idempotent" $?

# plan parse / plan import on the seed plan (../shared beside the repository, as CI has it).
root=$(cd "$(dirname "$0")/../../.." && pwd)
seed="$root/../shared/seed/000_a50c034196861ed9.txt"
if [ -f "$seed" ]; then
  "$bin" plan parse "$seed" > "$tmp/plan.json"; check "plan parse reads the seed plan" $?
  python3 - "$tmp/plan.json" <<'PY'; check "plan parse: title and 四/（二）/3 with its units and lead" $?
import json, sys
plan = json.load(open(sys.argv[1]))
items = {i["number"]: i for i in plan["items"]}
ok = plan["title"] == "五团镇“利剑护蕾·雷霆行动”工作方案"
ok &= items["四/（二）/3"]["units"] == ["五团镇派出所", "司法所"] and items["四/（二）/3"]["lead"] == "五团镇派出所"
ok &= items["四/（一）"]["units"][-1] == "各村（社区）" and items["四/（一）"]["deadline"] is None
ok &= sum(1 for i in plan["items"] if i["units"]) == 9
sys.exit(0 if ok else 1)
PY
  # A minimal Word document: one paragraph per line of the plan, split into two runs each.
  python3 - "$seed" "$tmp/seed.docx" <<'PY'
import sys, zipfile
from xml.sax.saxutils import escape
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
def para(line):
    half = len(line) // 2
    return "<w:p><w:r><w:t xml:space=\"preserve\">%s</w:t></w:r><w:r><w:t xml:space=\"preserve\">%s</w:t></w:r></w:p>" % (
        escape(line[:half]), escape(line[half:]))
body = "".join(para(l) for l in lines)
ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    z.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="%s"><w:body>%s</w:body></w:document>' % (ns, body))
PY
  "$bin" plan parse "$tmp/seed.docx" > "$tmp/plan_docx.json"; check "plan parse reads a .docx" $?
  python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); sys.exit(0 if a["items"]==b["items"] else 1)' \
    "$tmp/plan.json" "$tmp/plan_docx.json"; check "the .docx gives the same items as the .txt" $?
  "$bin" plan import "$seed" --name 命令行导入 --start 2024-02-27 --end 2024-12-31 > "$tmp/import.json"
  check "plan import creates a campaign" $?
  [ "$(count "SELECT count(*) FROM campaigns WHERE name = '命令行导入'")" -eq 1 ]; check "the imported campaign is stored" $?
else
  check "the seed plan is at ../shared/seed (CI lays it beside the repository)" 1
fi
: > "$tmp/empty.txt"
"$bin" plan parse "$tmp/empty.txt" >/dev/null 2>&1; test $? -eq 2; check "plan parse of an empty file exits 2" $?
"$bin" plan parse "$tmp/no-such-file.txt" >/dev/null 2>&1; test $? -eq 2; check "plan parse of a missing file exits 2" $?
"$bin" plan parse "$tmp" >/dev/null 2>&1; test $? -eq 2; check "plan parse of a directory exits 2" $?
printf '\0\0\1\2\0' > "$tmp/controls.txt"
"$bin" plan parse "$tmp/controls.txt" >/dev/null 2>&1; test $? -eq 2; check "plan parse of control characters only exits 2" $?

# children import: all or nothing unless --skip-bad; a summary in JSON.
children_before=$(count "SELECT count(*) FROM children")
printf '姓名,性别,身份证号,村（社区）,类别,监护人电话\n命令甲,男,110101201503071010,青石村,留守儿童、单亲家庭,13900001111\n命令乙,女,110101201503072022,青石村,困境,\n命令丙,男,110101201604123035,火星村,留守儿童,\n' > "$tmp/children_bad.csv"
out=$("$bin" children import "$tmp/children_bad.csv"); rc=$?
test $rc -eq 2; check "children import with bad rows exits 2" $?
echo "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if d["created"]==0 and d["updated"]==0 and [r["row"] for r in d["rejected"]]==[3,4] else 1)'
check "children import reports rejected rows 3 and 4 and creates nothing" $?
[ "$(count "SELECT count(*) FROM children")" -eq "$children_before" ]; check "children import wrote nothing" $?
out=$("$bin" children import --skip-bad "$tmp/children_bad.csv"); rc=$?
check "children import --skip-bad exits 0" $rc
echo "$out" | grep -q '"created":1'; check "children import --skip-bad creates the good row" $?
[ "$(count "SELECT count(*) FROM children")" -eq $((children_before + 1)) ]; check "one child written" $?
[ "$(count "SELECT count(*) FROM children WHERE id_number_enc LIKE '%110101201503071010%'")" -eq 0 ]; check "the ID number is not stored in plain" $?
printf '姓名,性别,身份证号,村（社区）,类别\n命令丁,女,110101201503072021,白沙社区,流动儿童\n' > "$tmp/children_good.csv"
"$bin" children import "$tmp/children_good.csv" | grep -q '"created":1'; check "children import of a good sheet exits 0 and creates it" $?
"$bin" children archive-adults | grep -q '"archived":1'; check "children archive-adults archives the demo adult" $?
[ "$(count "SELECT count(*) FROM children WHERE status = 'archived'")" -eq 1 ]; check "the adult is archived, not deleted" $?
# care import (all or nothing) and team assignment: a dry run writes nothing; every team keeps the rules.
persons_before=$(count "SELECT count(*) FROM care_persons")
printf '姓名,性别,角色,单位,手机\n命令师甲,女,教师,青溪小学,13900002222\n命令警乙,男,民警,派出所,\n命令丙,男,教师,青石村,\n命令丁,女,厨师,青石村,\n' > "$tmp/care_bad.csv"
out=$("$bin" care import "$tmp/care_bad.csv"); rc=$?
test $rc -eq 2; check "care import with bad rows exits 2" $?
echo "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if d["created"]==0 and [r["row"] for r in d["rejected"]]==[4,5] else 1)'
check "care import reports the teacher of a village (row 4) and the unknown role (row 5)" $?
[ "$(count "SELECT count(*) FROM care_persons")" -eq "$persons_before" ]; check "care import wrote nothing" $?
printf '姓名,性别,角色,单位,手机\n命令戊,女,儿童主任,红星村,13900003333\n命令己,男,民警,五团镇派出所,\n' > "$tmp/care_good.csv"
"$bin" care import "$tmp/care_good.csv" | grep -q '"created":2,"rejected":\[\]'; check "care import of a good sheet creates 2" $?
[ "$(count "SELECT count(*) FROM care_persons WHERE phone_enc LIKE '%13900003333%'")" -eq 0 ]; check "a care person's phone is not stored in plain" $?
[ "$(count "SELECT seat FROM care_persons WHERE name = '命令戊'")" = village ]; check "儿童主任 fills the village seat" $?
"$bin" children assign-teams --dry-run | grep -q '"dry_run":true'; check "assign-teams --dry-run prints its result" $?
[ "$(count "SELECT count(*) FROM care_assignments")" -eq 0 ]; check "assign-teams --dry-run writes nothing" $?
"$bin" children assign-teams --village WT-V01 > "$tmp/assign.json"; check "assign-teams --village exits 0" $?
[ "$(count "SELECT count(*) FROM care_assignments a JOIN children c ON c.id = a.child_id JOIN units u ON u.id = c.village_unit_id WHERE u.code <> 'WT-V01'")" -eq 0 ]
check "assign-teams --village touches that village only" $?
"$bin" children assign-teams > "$tmp/assign.json"; check "assign-teams exits 0" $?
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["assigned"]>0 and set(d)>={"assigned","incomplete","shortfalls"} else 1)' "$tmp/assign.json"
check "assign-teams prints assigned, incomplete and shortfalls" $?
"$bin" children visits-due > "$tmp/due.json"; check "children visits-due exits 0" $?
python3 - "$tmp/due.json" <<'PY'; check "visits-due lists the demo history's overdue children first (last visit 100 days ago), each overdue or due soon" $?
import json, sys
items = json.load(open(sys.argv[1]))
ok = len(items) > 0 and all(i["status"] in ("overdue", "due_soon") for i in items)
ok &= items[0]["status"] == "overdue" and items[0]["days_left"] < 0
ok &= [i["days_left"] for i in items] == sorted(i["days_left"] for i in items)
sys.exit(0 if ok else 1)
PY
"$bin" children visits-due --village WT-V01 | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if d and all(i["village"]["name"]=="青石村" for i in d) else 1)'
check "visits-due --village lists that village only" $?
"$bin" children visits-due --village 不存在村 >/dev/null 2>&1; test $? -ne 0; check "visits-due --village of an unknown village fails" $?
"$bin" children teams > "$tmp/teams.json"; check "children teams exits 0" $?
python3 - "$tmp/teams.json" <<'PY'; check "every team keeps the rules: a woman on each full team, <=5 girls and <=20 children per person" $?
import json, sys
from collections import Counter
teams = json.load(open(sys.argv[1]))
children, girls = Counter(), Counter()
ok = len(teams) > 0 and all(set(t) >= {"child_id", "name", "sex", "village", "members"} for t in teams)
full = 0
for t in teams:
    persons = [m for m in t["members"] if m["person_id"] is not None]
    guardian = [m for m in t["members"] if m["role"] == "监护人"]
    ok &= all(m["person_id"] is None for m in guardian)
    ok &= len({m["role"] if m["role"] not in ("村干部", "儿童主任") else "村" for m in persons}) == len(persons)
    for m in persons:
        children[m["person_id"]] += 1
        girls[m["person_id"]] += t["sex"] == "F"
    if len(persons) == 3 and guardian:
        full += 1
        ok &= any(m["sex"] == "F" for m in t["members"])
ok &= full > 0 and max(children.values()) <= 20 and max(girls.values()) <= 5
sys.exit(0 if ok else 1)
PY

# registry import: police registry sheets, all or nothing; a row with the same ID number, record type and decision
# date as a stored record corrects it; sex and birth date must agree with the ID number; never a plain ID in the db.
# Synthetic people only (region 990101 does not exist).
printf '姓名,性别,身份证号,出生日期,记录类型,决定日期,决定机关,犯罪时未成年\n测试甲,男,990101198005120018,1980-05-12,猥亵儿童罪,2015-06-01,某县人民法院,否\n测试乙,女,990101199201010021,1992/1/1,强制猥亵、侮辱罪,2009-03-01,某县人民法院,是\n' > "$tmp/registry_good.csv"
out=$("$bin" registry import "$tmp/registry_good.csv"); rc=$?
check "registry import of a good sheet exits 0" $rc
echo "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if d=={"created":2,"updated":0,"rejected":[]} else 1)'
check "registry import prints {created, updated, rejected}" $?
[ "$(count "SELECT count(*) FROM registry_records")" -eq 2 ]; check "registry import wrote two records" $?
[ "$(sqlite3 "$tmp/cli.db" .dump | grep -c '990101198005120018\|990101199201010021\|测试甲\|测试乙')" -eq 0 ]
check "no plain ID number or name anywhere in the database (audit log included)" $?
[ "$(count "SELECT minor_at_offence FROM registry_records WHERE birth_date = '1992-01-01'")" = 1 ]; check "犯罪时未成年 是 is stored as sealed" $?
[ "$(count "SELECT count(*) FROM registry_match_keys k JOIN registry_records r ON r.id = k.record_id WHERE r.minor_at_offence = 1")" -eq 0 ]
check "a sealed record has no match keys" $?
[ "$(count "SELECT count(*) FROM registry_match_keys k JOIN registry_records r ON r.id = k.record_id WHERE r.birth_date = '1980-05-12' AND k.kind = 'exact'")" -eq 1 ]
check "an unsealed record has its exact match key" $?
[ "$(count "SELECT count(*) FROM audit_log WHERE action = 'registry.record.import' AND actor_username = 'system' AND detail LIKE '%\"created\":2%'")" -eq 1 ]
check "registry import is audited as the system" $?
printf '姓名,性别,身份证号,出生日期,记录类型,决定日期,决定机关,犯罪时未成年\n测试甲,男,990101198005120018,1980-05-12,猥亵儿童罪,2015-06-01,某市中级人民法院,否\n测试甲,男,990101198005120018,1980-05-12,强奸罪,2001-02-03,某县人民法院,否\n' > "$tmp/registry_fix.csv"
out=$("$bin" registry import "$tmp/registry_fix.csv"); rc=$?
check "registry import of a correction exits 0" $rc
echo "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if d=={"created":1,"updated":1,"rejected":[]} else 1)'
check "same ID number, record type and decision date is an update; another record type a new record" $?
[ "$(count "SELECT decision_authority FROM registry_records WHERE record_type = 'child_molestation'")" = 某市中级人民法院 ]
check "the correction is stored" $?
before=$(count "SELECT count(*) FROM registry_records")
audit_before=$(count "SELECT count(*) FROM audit_log")
printf '姓名,性别,身份证号,出生日期,记录类型,决定日期,决定机关,犯罪时未成年\n测试丙,男,990101197511200059,1975-11-20,强奸罪,2001-09-01,某县人民法院,否\n测试丁,女,990101198808080072,1988-08-08,强奸罪,2010-01-01,某县人民法院,否\n测试戊,男,990101199001010094,1990-01-02,猥亵儿童罪,2012-05-01,某县人民法院,否\n测试己,男,990101198506060113,1985-06-06,盗窃罪,2012-05-01,某县人民法院,不详\n' > "$tmp/registry_bad.csv"
out=$("$bin" registry import "$tmp/registry_bad.csv"); rc=$?
test $rc -eq 2; check "registry import with bad rows exits 2" $?
echo "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
rows = {r["row"]: r["reason"] for r in d["rejected"]}
ok = d["created"] == 0 and d["updated"] == 0 and sorted(rows) == [3, 4, 5]
ok &= "性别与身份证号不符" in rows[3] and "出生日期与身份证号不符" in rows[4]
ok &= "未知的记录类型" in rows[5] and "犯罪时未成年" in rows[5]
sys.exit(0 if ok else 1)'
check "registry import names rows 3-5 with Chinese reasons (sex, birth date, type, 是/否)" $?
[ "$(count "SELECT count(*) FROM registry_records")" -eq "$before" ]; check "all or nothing: the good row was not written" $?
[ "$(count "SELECT count(*) FROM audit_log")" -eq "$audit_before" ]; check "a refused import writes no audit entry" $?
printf '姓名,身份证号,记录类型\n测试丙,990101197511200059,强奸罪\n' > "$tmp/registry_headers.csv"
out=$("$bin" registry import "$tmp/registry_headers.csv"); rc=$?
test $rc -eq 2; check "registry import of a sheet missing headers exits 2" $?
echo "$out" | grep -q '"row":1' && echo "$out" | grep -q '出生日期'; check "the missing headers are named at row 1" $?
"$bin" registry import "$tmp/nonexistent.csv" >/dev/null 2>&1; test $? -eq 2; check "registry import of a missing file exits 2" $?
printf '姓名,性别,身份证号,出生日期,记录类型,决定日期,决定机关,犯罪时未成年\n测试丙,男,990101197511200059,1975-11-20,强奸罪,2001-09-01,某县人民法院,否\n' > "$tmp/registry_sheet.csv"
# The ID number column is text (as officials must keep it: an 18-digit number cell loses its last digits).
(cd "$tmp" && libreoffice --headless -env:UserInstallation="file://$tmp/lo" --infilter="CSV:44,34,76,1,3/2" --convert-to xlsx registry_sheet.csv >/dev/null 2>&1)
"$bin" registry import "$tmp/registry_sheet.xlsx" | grep -q '"created":1'; check "registry import reads an .xlsx saved by LibreOffice" $?
[ "$(count "SELECT count(*) FROM registry_records WHERE birth_date = '1975-11-20' AND decision_date = '2001-09-01'")" -eq 1 ]
check "the .xlsx dates are read as dates" $?

# screening check: a school's staff sheet against the registry imported above; the output is exactly what the
# employer sees ([{row, name, status}]), never a record; without --consent-confirmed nothing is written.
# 测试甲 990101198005120018 is in the registry (unsealed), 测试乙 990101199201010021 only sealed.
printf '姓名,身份证号,岗位\n测试甲,９９０１０１ １９８００５１２００１８,教师\n测试乙,990101199201010021,保育员\n测试庚,990101198005120019,门卫\n測試甲,990102198005120030,司机\n' > "$tmp/staff.csv"
checks_before=$(count "SELECT count(*) FROM screening_checks")
"$bin" screening check --unit WT-S01 "$tmp/staff.csv" >/dev/null 2>"$tmp/err"; test $? -eq 2
check "screening check without --consent-confirmed exits 2" $?
grep -q 'consent_required' "$tmp/err"; check "the refusal names consent_required" $?
[ "$(count "SELECT count(*) FROM screening_checks")" -eq "$checks_before" ]; check "a refused check writes nothing" $?
"$bin" screening check --unit 不存在的单位 --consent-confirmed "$tmp/staff.csv" >/dev/null 2>&1; test $? -eq 2
check "screening check of an unknown unit exits 2" $?
out=$("$bin" --db "sqlite:$tmp/cli.db" screening check --unit WT-S01 --consent-confirmed "$tmp/staff.csv"); rc=$?
check "screening check exits 0" $rc
echo "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
want = [{"row": 2, "name": "测试甲", "status": "hit"}, {"row": 3, "name": "测试乙", "status": "clear"},
        {"row": 4, "name": "测试庚", "status": "invalid_id"}, {"row": 5, "name": "測試甲", "status": "pending_review"}]
sys.exit(0 if d == want else 1)'
check "screening check prints hit (full-width), clear (sealed), invalid_id, pending_review (traditional name, same birth and sex)" $?
echo "$out" | grep -q '猥亵\|强奸\|record\|法院'; test $? -ne 0; check "the employer's output reveals no record" $?
[ "$(sqlite3 "$tmp/cli.db" .dump | grep -c '测试庚\|990101198005120019\|990102198005120030')" -eq 0 ]
check "no plain staff name or ID number in the database" $?
[ "$(count "SELECT count(*) FROM screening_persons WHERE hired = 0")" -eq 4 ]; check "without --hired the staff are applicants" $?
printf '姓名,身份证号,岗位\n测试甲,990101198005120018,教师\n' > "$tmp/staff_one.csv"
"$bin" screening check --unit 五团镇中心小学 --consent-confirmed --hired "$tmp/staff_one.csv" | grep -q '"status":"hit"'
check "screening check --hired by unit name" $?
[ "$(count "SELECT hired FROM screening_persons WHERE last_status = 'hit'")" = 1 ]; check "--hired marks the person employed" $?
[ "$(count "SELECT count(*) FROM audit_log WHERE action = 'screening.check.create' AND actor_username = 'system'")" -eq 5 ]
check "every check is audited" $?

# screening alerts (continuous monitoring): a registry import matching a person already screened as employed
# raises an alert at once; `screening alerts` lists it with the name masked and no record content.
"$bin" screening alerts | grep -qx '\[\]'; check "screening alerts prints [] before any new record" $?
printf '姓名,身份证号,岗位\n测试壬,990101198808080611,厨师\n' > "$tmp/staff_monitor.csv"
"$bin" screening check --unit WT-S01 --consent-confirmed --hired "$tmp/staff_monitor.csv" | grep -q '"status":"clear"'
check "a hired person is clear before the record" $?
printf '姓名,性别,身份证号,出生日期,记录类型,决定日期,决定机关,犯罪时未成年\n测试壬,男,990101198808080611,1988-08-08,猥亵儿童罪,2016-06-01,某县人民法院,否\n' > "$tmp/registry_monitor.csv"
"$bin" registry import "$tmp/registry_monitor.csv" | grep -q '"created":1'; check "registry import after the check" $?
out=$("$bin" screening alerts); rc=$?
check "screening alerts exits 0" $rc
echo "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
ok = len(d) == 1 and d[0]["kind"] == "hit" and d[0]["person"] == "测**" and d[0]["unit"] == "五团镇中心小学" \
    and sorted(d[0]) == ["alert_id", "created_at", "kind", "person", "unit"]
sys.exit(0 if ok else 1)'
check "screening alerts lists the new hit (masked name, unit, kind)" $?
echo "$out" | grep -q '990101\|猥亵\|测试壬\|法院'; test $? -ne 0; check "the alert output reveals no ID number or record" $?
[ "$(count "SELECT last_status FROM screening_persons WHERE last_status = 'hit' AND id = (SELECT max(id) FROM screening_persons)")" = hit ]
check "the monitored person is now hit" $?
[ "$(count "SELECT count(*) FROM supervision_actions WHERE title LIKE '从业查询发现记录%'")" -eq 1 ]; check "a supervision action is opened for the unit" $?

# serve: children who turned 18 leave the active ledger at start (then every children.archive_interval_hours),
# audited as the system; SIGTERM stops the server and the schedule cleanly.
HULEI_DB="sqlite:$tmp/serve.db" "$bin" demo >/dev/null; check "demo for serve" $?
HULEI_DB="sqlite:$tmp/serve.db" "$bin" screening alerts | python3 -c '
import json, sys
d = json.load(sys.stdin)
sys.exit(0 if len(d) == 1 and d[0]["kind"] == "hit" and d[0]["person"] == "岳**" and d[0]["unit"] == "五团镇中心小学" else 1)'
check "the demo's screening history leaves one open alert (a record added after a hired teacher was checked)" $?
[ "$(sqlite3 "$tmp/serve.db" "SELECT count(*) FROM registry_records WHERE minor_at_offence = 1")" -eq 1 ] &&
    [ "$(sqlite3 "$tmp/serve.db" "SELECT count(*) FROM screening_reviews WHERE status = 'open'")" -eq 1 ]
check "the demo registry has a sealed record and the demo school's staff one review waiting for the police" $?
[ "$(sqlite3 "$tmp/serve.db" "SELECT count(*) FROM reports WHERE late = 1 AND status = 'handling'")" -eq 1 ] &&
    [ "$(sqlite3 "$tmp/serve.db" "SELECT count(*) FROM reports WHERE status = 'received'")" -eq 1 ] &&
    [ "$(sqlite3 "$tmp/serve.db" "SELECT count(*) FROM cases WHERE stage = 'filed'")" -eq 1 ] &&
    [ "$(sqlite3 "$tmp/serve.db" "SELECT count(*) FROM reports WHERE narrative_enc LIKE '%淤青%'")" -eq 0 ]
check "the demo has a late report turned into a case, a fresh report for the police, and no plain narrative" $?
HULEI_DB="sqlite:$tmp/serve.db" HULEI_ACCESS_LOG=0 "$bin" serve --listen 127.0.0.1:0 > "$tmp/serve.out" 2>&1 &
serve_pid=$!
archived=0
for _ in $(seq 1 100); do  # at most 10 s
  [ "$(sqlite3 "$tmp/serve.db" "SELECT count(*) FROM children WHERE status = 'archived'" 2>/dev/null)" = 1 ] && { archived=1; break; }
  sleep 0.1
done
test $archived -eq 1; check "serve archives the demo adult at start" $?
[ "$(sqlite3 "$tmp/serve.db" "SELECT count(*) FROM audit_log WHERE action = 'children.child.archive' AND actor_username = 'system'")" -eq 1 ]
check "the scheduled archiving is audited as the system" $?
kill -TERM "$serve_pid"; wait "$serve_pid"; check "serve stops cleanly on SIGTERM" $?

# The per-unit daily limit is on units' accounts (API); the command line on the server is not limited.
sqlite3 "$tmp/cli.db" "UPDATE policies SET value = '1' WHERE key = 'screening.max_checks_per_unit_per_day'"
printf '姓名,身份证号,岗位\n限额甲,990101198507070030,教师\n限额乙,990101198507070049,保育员\n' > "$tmp/staff_limit.csv"
"$bin" screening check --unit 五团镇中心小学 --consent-confirmed "$tmp/staff_limit.csv" > /dev/null
check "the per-unit daily limit binds units' accounts, not the command line" $?
echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
