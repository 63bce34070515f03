#include "io/ooxml.hpp"

#include <zip.h>

#include <algorithm>
#include <array>
#include <pugixml.hpp>

#include "core/error.hpp"

namespace hulei::io::ooxml {
namespace {

constexpr std::string_view kTooLarge = "无法读取该文件：压缩包中的内容过大";
constexpr std::string_view kTooManyEntries = "无法读取该文件：压缩包中的条目过多";

struct ZipFileCloser {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};

/// "xl/workbook.xml" → "xl/"; "" → "".
std::string_view directory_of(std::string_view part) {
    auto slash = part.rfind('/');
    return slash == std::string_view::npos ? std::string_view{} : part.substr(0, slash + 1);
}

/// A relationship target (relative to the source part's folder, or absolute from the package root) as an
/// entry name, with "." and ".." segments applied.
std::string resolve(std::string_view source_part, std::string_view target) {
    std::string joined;
    if (target.starts_with('/')) {
        joined = target.substr(1);
    } else {
        joined = directory_of(source_part);
        joined += target;
    }
    std::vector<std::string> segments;
    std::size_t begin = 0;
    while (begin <= joined.size()) {
        auto end = joined.find('/', begin);
        if (end == std::string::npos) end = joined.size();
        auto segment = joined.substr(begin, end - begin);
        if (segment == "..") {
            if (!segments.empty()) segments.pop_back();
        } else if (!segment.empty() && segment != ".") {
            segments.push_back(std::move(segment));
        }
        begin = end + 1;
    }
    std::string out;
    for (const auto& segment : segments) {
        if (!out.empty()) out += '/';
        out += segment;
    }
    return out;
}

}  // namespace

struct Package::Impl {
    zip_t* archive = nullptr;
    std::string bad_file_message;

    ~Impl() {
        if (archive != nullptr) zip_discard(archive);
    }
};

Package::Package(std::string_view bytes, std::string bad_file_message) : impl_(std::make_unique<Impl>()) {
    impl_->bad_file_message = std::move(bad_file_message);
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) {
        zip_error_fini(&error);
        fail();
    }
    impl_->archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    zip_error_fini(&error);
    if (impl_->archive == nullptr) {
        zip_source_free(source);
        fail();
    }
    if (zip_get_num_entries(impl_->archive, 0) > kMaxEntries) fail(kTooManyEntries);
}

Package::~Package() = default;

void Package::fail(std::string_view message) const {
    throw core::Error::validation("bad_file", message.empty() ? impl_->bad_file_message : std::string(message),
                                  "file");
}

std::optional<std::string> Package::read(std::string_view name) const {
    const std::string entry(name);
    zip_int64_t index = zip_name_locate(impl_->archive, entry.c_str(), 0);
    if (index < 0) index = zip_name_locate(impl_->archive, entry.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return std::nullopt;

    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(impl_->archive, static_cast<zip_uint64_t>(index), 0, &stat) != 0) fail();
    if ((stat.valid & ZIP_STAT_SIZE) != 0 && stat.size > kMaxEntryBytes) fail(kTooLarge);

    std::unique_ptr<zip_file_t, ZipFileCloser> file(
        zip_fopen_index(impl_->archive, static_cast<zip_uint64_t>(index), 0));
    if (!file) fail();
    std::string content;
    if ((stat.valid & ZIP_STAT_SIZE) != 0) content.reserve(static_cast<std::size_t>(stat.size));
    // The declared size may lie: count what actually comes out of the decompressor.
    std::array<char, 64 * 1024> buffer;
    for (;;) {
        zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
        if (n < 0) fail();
        if (n == 0) break;
        if (content.size() + static_cast<std::size_t>(n) > kMaxEntryBytes) fail(kTooLarge);
        content.append(buffer.data(), static_cast<std::size_t>(n));
    }
    return content;
}

std::vector<Relationship> relationships(const Package& package, std::string_view part) {
    std::string rels_name(directory_of(part));
    rels_name += "_rels/";
    rels_name += part.substr(directory_of(part).size());
    rels_name += ".rels";
    auto text = package.read(rels_name);
    if (!text) return {};
    pugi::xml_document doc;
    parse_xml(package, doc, *text);
    std::vector<Relationship> out;
    for (auto node : doc.document_element().children()) {
        if (local_name(node.name()) != "Relationship") continue;
        if (std::string_view(node.attribute("TargetMode").value()) == "External") continue;
        out.push_back({node.attribute("Id").value(), node.attribute("Type").value(),
                       resolve(part, node.attribute("Target").value())});
    }
    return out;
}

std::string main_part(const Package& package, std::string_view fallback) {
    for (const auto& relationship : relationships(package, "")) {
        if (has_type(relationship, "officeDocument")) return relationship.target;
    }
    return std::string(fallback);
}

bool has_type(const Relationship& relationship, std::string_view kind) {
    std::string_view type = relationship.type;
    return type.size() > kind.size() && type.ends_with(kind) && type[type.size() - kind.size() - 1] == '/';
}

void parse_xml(const Package& package, pugi::xml_document& doc, std::string& text) {
    // parse_ws_pcdata_single keeps <t xml:space="preserve"> </t>; pugixml expands no external entities.
    auto result = doc.load_buffer_inplace(text.data(), text.size(),
                                          pugi::parse_default | pugi::parse_ws_pcdata_single);
    if (!result || !doc.document_element()) package.fail();
}

std::string_view local_name(const char* qualified_name) {
    std::string_view name(qualified_name);
    auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

}  // namespace hulei::io::ooxml
