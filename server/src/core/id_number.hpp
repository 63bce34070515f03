#pragma once
// Chinese resident ID numbers (GB 11643-1999): normalisation, validation, 15→18 conversion, masking.
#include <optional>
#include <string>
#include <string_view>

namespace hulei::core {

struct IdNumber {
    std::string value;        ///< normalised 18 characters, upper-case X
    std::string birth_date;   ///< YYYY-MM-DD
    char sex = 'M';           ///< 'M' or 'F' (17th digit odd → M)
    std::string region;       ///< first six digits
};

/// Why an ID number was rejected: a stable code and a Chinese message.
struct IdNumberError {
    std::string code;         ///< empty | bad_length | bad_characters | bad_region | bad_date | bad_checksum
    std::string message;
};

/// Normalises (full-width digits and X, spaces, lower-case x, 15-digit numbers → 18 with "19" century)
/// and validates (length, characters, region not 000000, a real birth date not after `today`
/// (YYYY-MM-DD; "" skips that check), ISO 7064 MOD 11-2 checksum for 18-digit input).
/// Returns the number or the error.
std::optional<IdNumber> parse_id_number(std::string_view raw, IdNumberError* error = nullptr,
                                        std::string_view today = "");
/// The check character ('0'-'9' or 'X') for the first 17 digits.
char id_checksum(std::string_view first17);
/// For lists: first 4 and last 4 shown, the rest '*' (e.g. 1101**********123X).
std::string mask_id_number(std::string_view normalised);

}  // namespace hulei::core
