// libFuzzer target for the plan parser: any bytes must parse and serialise without crashing or throwing.
// Build and run from the repository root (new inputs go to the first, scratch corpus directory; the samples
// only seed it):
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
//       -Iserver/src server/src/modules/plan/plan_parser.cpp server/fuzz/plan_parser_fuzz.cpp \
//       -o /tmp/plan_parser_fuzz
//   mkdir -p /tmp/plan_fuzz_corpus
//   /tmp/plan_parser_fuzz -max_total_time=20 -max_len=8192 -artifact_prefix=/tmp/ /tmp/plan_fuzz_corpus \
//       server/tests/plan_samples
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "modules/plan/plan_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const hulei::plan::ParsedPlan plan = hulei::plan::parse_plan(text);
    (void)hulei::plan::to_json(plan);
    return 0;
}
