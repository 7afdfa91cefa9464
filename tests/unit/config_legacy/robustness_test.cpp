// Whatever the file holds, the converter answers with errors or with TOML
// that parses and that Braid's loader accepts: mutated copies of the
// samples, from fixed seeds.
#include <gtest/gtest.h>

#include <random>

#include <toml++/toml.h>

#include "config/loader.hpp"
#include "legacy_test_support.hpp"

namespace braid::config::legacy {
namespace {

TEST(LegacyRobustness, MutatedSamplesNeverCrashAndOutputParses) {
    const char* samples[] = {"fig2-4-one-site.conf", "fig2-6-four-sites.conf",
                             "fig2-7-options-enabled.conf", "multipath-nested.conf",
                             "multipath-classic.conf"};
    const std::string alphabet = "{}=#\"\n :.!x09CDM\t\xc3\xff";
    int converted = 0;
    int refused = 0;
    for (const char* name : samples) {
        std::string original = testing::read_sample(name);
        ASSERT_FALSE(original.empty()) << name;
        for (unsigned seed = 1; seed <= 300; ++seed) {
            std::mt19937 rng(seed);
            std::string text = original;
            int edits = 1 + static_cast<int>(rng() % 4);
            for (int e = 0; e < edits; ++e) {
                std::size_t at = rng() % (text.size() + 1);
                switch (rng() % 3) {
                case 0: if (at < text.size()) text.erase(at, 1 + rng() % 8); break;
                case 1: text.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
                default: if (at < text.size()) text[at] = alphabet[rng() % alphabet.size()]; break;
                }
            }
            auto result = testing::convert(text);
            if (!result.ok()) {
                ++refused;
                EXPECT_TRUE(result.toml.empty());
                continue;
            }
            ++converted;
            try {
                toml::table t = toml::parse(result.toml);
                // And Braid's loader accepts it, running as the first host.
                std::string first = t["host"][0]["name"].value_or(std::string());
                Environment env{"unrelated-machine", {}, first};
                LoadResult loaded = load_string(result.toml, "converted.toml", env);
                for (const auto& d : loaded.errors)
                    ADD_FAILURE() << name << " seed " << seed << ": " << d.to_string() << "\n--- input\n"
                                  << text;
            } catch (const toml::parse_error& err) {
                ADD_FAILURE() << name << " seed " << seed << ": " << err.description() << "\n--- input\n"
                              << text << "\n--- output\n" << result.toml;
            }
        }
    }
    // Both outcomes occur, so both branches above were exercised.
    EXPECT_GT(converted, 0);
    EXPECT_GT(refused, 0);
}

}  // namespace
}  // namespace braid::config::legacy
