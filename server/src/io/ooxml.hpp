#pragma once
// Plumbing shared by the .xlsx and .docx readers: an Office Open XML package (a zip) held in memory, read
// with limits against zip bombs, its relationship parts, and XML parsing. Internal to io/.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pugi {
class xml_document;
}

namespace hulei::io::ooxml {

/// Largest uncompressed entry we agree to read, whatever the archive claims (zip-bomb guard).
inline constexpr std::size_t kMaxEntryBytes = std::size_t{64} << 20;
/// Most entries an archive may hold (zip-bomb guard).
inline constexpr long long kMaxEntries = 10'000;

/// A zip archive over caller-owned bytes; every failure throws validation "bad_file" with the message given.
class Package {
public:
    /// Opens `bytes` (which must outlive the package); `bad_file_message` is what users see if it is unusable.
    Package(std::string_view bytes, std::string bad_file_message);
    ~Package();
    Package(const Package&) = delete;
    Package& operator=(const Package&) = delete;

    /// The uncompressed content of entry `name`; nullopt when the archive has no such entry.
    std::optional<std::string> read(std::string_view name) const;
    /// Throws validation "bad_file" with this package's message, or with `message` when one is given.
    [[noreturn]] void fail(std::string_view message = {}) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// One relationship of a part: its id, its type URI, and its target resolved to an entry name.
struct Relationship {
    std::string id;
    std::string type;
    std::string target;
};

/// The relationships of `part` (read from its `_rels/<name>.rels`); empty when it has none.
std::vector<Relationship> relationships(const Package& package, std::string_view part);
/// The entry name of the package's main part (the officeDocument relationship), else `fallback`.
std::string main_part(const Package& package, std::string_view fallback);
/// Whether a relationship type URI ends with `/kind` (transitional and strict OOXML spell the prefix differently).
bool has_type(const Relationship& relationship, std::string_view kind);
/// Parses `text` in place into `doc` (so `text` must outlive `doc`); a malformed document makes `package` fail.
void parse_xml(const Package& package, pugi::xml_document& doc, std::string& text);
/// The name of an element or attribute without its namespace prefix ("w:t" → "t").
std::string_view local_name(const char* qualified_name);

}  // namespace hulei::io::ooxml
