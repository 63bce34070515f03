#include "io/upload.hpp"

#include <gtest/gtest.h>

#include "io/test_support.hpp"

namespace hulei::io {
namespace {

using namespace std::string_literals;
using test_support::expect_validation;

TEST(SniffImage, RecognisesJpegPngAndWebpBySignature) {
    EXPECT_EQ(sniff_image("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"s), "image/jpeg");
    EXPECT_EQ(sniff_image("\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR"s), "image/png");
    EXPECT_EQ(sniff_image("RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00"s), "image/webp");
    EXPECT_EQ(sniff_image("RIFF\x24\x00\x00\x00WEBPVP8L\x18\x00\x00\x00"s), "image/webp");
}

TEST(SniffImage, RefusesWhatIsNotAnImageWhateverItClaims) {
    EXPECT_FALSE(sniff_image(""));
    EXPECT_FALSE(sniff_image("\xFF\xD8"s));            // too short for a JPEG
    EXPECT_FALSE(sniff_image("not an image at all"));  // text labelled image/jpeg
    EXPECT_FALSE(sniff_image("%PDF-1.7\n"));
    EXPECT_FALSE(sniff_image("GIF89a\x01\x00\x01\x00"s));                        // an image, but not an accepted one
    EXPECT_FALSE(sniff_image("RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00"s));  // RIFF, but audio
    EXPECT_FALSE(sniff_image("\x89PNG\r\n"s));                                   // truncated signature
    EXPECT_FALSE(sniff_image("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
}

TEST(CleanFilename, KeepsTheLastPathComponentWithoutControlCharacters) {
    EXPECT_EQ(clean_filename("../../院落会照片.jpg"), "院落会照片.jpg");
    EXPECT_EQ(clean_filename("C:\\photos\\a\"b\x01.png"), "ab.png");
    EXPECT_EQ(clean_filename("  走访.webp  "), "走访.webp");
}

TEST(CleanFilename, RefusesEmptyInvalidAndLongNames) {
    expect_validation([] { clean_filename(""); }, "required");
    expect_validation([] { clean_filename("dir/.."); }, "required");
    expect_validation([] { clean_filename("\xFF\xFE.jpg"); }, "invalid_utf8");
    expect_validation([] { clean_filename(std::string(11, 'a'), 10); }, "too_long");
    EXPECT_EQ(clean_filename(std::string(10, 'a'), 10), std::string(10, 'a'));
}

TEST(CleanContentType, LowerCasesAndDropsParameters) {
    EXPECT_EQ(clean_content_type("Image/JPEG; charset=binary"), "image/jpeg");
    EXPECT_EQ(clean_content_type(""), "application/octet-stream");
    EXPECT_EQ(clean_content_type("text"), "application/octet-stream");
    EXPECT_EQ(clean_content_type("a/b/c"), "application/octet-stream");
    EXPECT_EQ(clean_content_type("image/<script>"), "application/octet-stream");
}

}  // namespace
}  // namespace hulei::io
