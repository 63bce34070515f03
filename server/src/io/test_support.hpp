#pragma once
// Helpers for the io/ tests only: building zip archives in memory and asserting on core::Error.
#include <gtest/gtest.h>
#include <zip.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace hulei::io::test_support {

/// A zip archive, as bytes, holding `entries` (name, content) deflated, in order.
inline std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    zip_error_fini(&error);
    if (archive == nullptr) return {};
    zip_source_keep(buffer);
    for (const auto& [name, content] : entries) {
        zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
        zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    }
    zip_close(archive);
    std::string bytes;
    zip_stat_t stat;
    if (zip_source_open(buffer) == 0 && zip_source_stat(buffer, &stat) == 0) {
        bytes.resize(static_cast<std::size_t>(stat.size));
        zip_source_read(buffer, bytes.data(), stat.size);
        zip_source_close(buffer);
    }
    zip_source_free(buffer);
    return bytes;
}

/// Runs `action` and expects a core::Error of kind Validation with `code`.
template <class Action>
void expect_validation(Action&& action, std::string_view code) {
    try {
        action();
        ADD_FAILURE() << "expected validation error " << code;
    } catch (const core::Error& error) {
        EXPECT_EQ(error.kind(), core::ErrorKind::Validation) << error.message();
        EXPECT_EQ(error.code(), code) << error.message();
        EXPECT_FALSE(error.message().empty());
    }
}

}  // namespace hulei::io::test_support
