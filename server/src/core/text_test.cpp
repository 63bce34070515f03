// The text helpers shared by the modules: trimming, splitting, LIKE escaping, control characters, name keys.
#include "core/text.hpp"

#include <gtest/gtest.h>

namespace hulei::core {
namespace {

TEST(Text, TrimRemovesWhitespaceAndIdeographicSpacesAtBothEnds) {
    EXPECT_EQ(trim("  张三\t\n"), "张三");
    EXPECT_EQ(trim(""), "");
    EXPECT_EQ(trim(" \t "), "");
    EXPECT_EQ(trim("\u3000张三\u3000"), "张三");
}

TEST(Text, SplitNonemptyDropsEmptyParts) {
    EXPECT_EQ(split_nonempty("a,,b,", ','), (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(split_nonempty("", ',').empty());
}

TEST(Text, EscapeLikeEscapesWildcards) {
    EXPECT_EQ(escape_like("100%_x\\"), "100\\%\\_x\\\\");
    EXPECT_EQ(escape_like("张三"), "张三");
}

TEST(Text, ControlCharactersAreFoundButLineBreaksAndTabsAreNot) {
    EXPECT_TRUE(has_control_characters(std::string("a\x01") + "b"));
    EXPECT_TRUE(has_control_characters("a\x7f"));
    EXPECT_FALSE(has_control_characters("第一行\n第二行\t完"));
}

TEST(Text, WithoutSpacesMakesOneNameOfSpacedVariants) {
    EXPECT_EQ(without_spaces("张 三"), "张三");
    EXPECT_EQ(without_spaces("张\t三"), "张三");
    EXPECT_EQ(without_spaces("张\u3000三"), "张三");
    EXPECT_EQ(without_spaces(" 欧阳 娜娜 "), "欧阳娜娜");
    EXPECT_EQ(without_spaces(""), "");
}

}  // namespace
}  // namespace hulei::core
