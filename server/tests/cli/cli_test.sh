#!/usr/bin/env bash
# Scenario tests of the `hulei` command line: demo, units import (CSV and .xlsx, all or nothing),
# user add / passwd, audit verify detecting a tampered row, migrate, version.
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

"$bin" demo > "$tmp/demo.out"; check "demo creates the township" $?
grep -q 'Hulei@Demo2026' "$tmp/demo.out"; check "demo prints the demo password" $?
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

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
