// Helpers shared by the converter's tests: a fake name service and short
// ways to convert a text and to read the errors as printed.
#pragma once

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "config/legacy/converter.hpp"

namespace braid::config::legacy::testing {

// Names the tests resolve; anything else fails like an unknown host.
inline Resolver fake_resolver() {
    return [](const std::string& name) {
        static const std::map<std::string, std::vector<std::string>> kHosts = {
            {"foo", {"10.1.0.1", "10.2.0.1"}},
            {"bar", {"10.1.0.2"}},
            {"fubar", {"10.1.0.3", "10.2.0.3"}},
            {"loner", {"10.9.0.9"}},
        };
        Resolution r;
        auto it = kHosts.find(name);
        if (it == kHosts.end()) {
            r.error = "Name or service not known";
            return r;
        }
        for (const auto& a : it->second) r.addresses.push_back(*Ipv4Address::parse(a));
        return r;
    };
}

inline ConversionResult convert(const std::string& text) {
    return convert_spread_conf(text, "t.conf", fake_resolver());
}

// Every error as braidctl prints it, for a file named t.conf.
inline std::vector<std::string> errors_of(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& e : convert(text).errors) out.push_back(e.format("t.conf"));
    return out;
}

inline std::string read_sample(const std::string& name) {
    std::ifstream in(std::string(BRAID_LEGACY_SAMPLES) + "/" + name);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace braid::config::legacy::testing
