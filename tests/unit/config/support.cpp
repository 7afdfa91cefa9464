#include "support.hpp"

namespace braid::config::test {

const std::string kMinimal =
    "[[network]]\n"
    "name = \"a\"\n"
    "broadcast = \"10.1.0.255\"\n"
    "[[host]]\n"
    "name = \"h1\"\n"
    "addresses = { a = \"10.1.0.1\" }\n";

Environment machine_named(std::string hostname) { return Environment{std::move(hostname), {}, std::nullopt}; }

Environment plain_machine() { return machine_named("h1"); }

LoadResult load(std::string_view text) { return load(text, plain_machine()); }

LoadResult load(std::string_view text, const Environment& environment) {
    return load_string(text, kSource, environment);
}

std::vector<std::string> errors(std::string_view text) { return errors(text, plain_machine()); }

std::vector<std::string> errors(std::string_view text, const Environment& environment) {
    std::vector<std::string> out;
    for (const auto& d : load(text, environment).errors) out.push_back(d.to_string());
    return out;
}

}  // namespace braid::config::test
