#include "config/loader.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "config/read.hpp"

// Debian's libtomlplusplus is a shared library built with exceptions (its
// symbols live in toml::v3::ex; there is no noex variant to link with), so
// TOML_EXCEPTIONS must stay 1 here. The only throwing call, toml::parse, is
// wrapped below: no exception leaves the loader.
static_assert(TOML_EXCEPTIONS, "libtomlplusplus from Debian is built with exceptions");

namespace braid::config {

namespace {

// Reads the whole file; nullopt with `error` set when it cannot.
std::optional<std::string> read_whole_file(const std::string& path, std::string& error) {
    struct stat info {};
    if (stat(path.c_str(), &info) != 0) {
        error = std::string("cannot read: ") + std::strerror(errno);
        return std::nullopt;
    }
    if (!S_ISREG(info.st_mode)) {
        error = "cannot read: not a regular file";
        return std::nullopt;
    }
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) {
        error = std::string("cannot read: ") + std::strerror(errno);
        return std::nullopt;
    }
    std::string text;
    char buffer[8192];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, got);
    bool failed = std::ferror(file) != 0;
    int saved = errno;
    std::fclose(file);
    if (failed) {
        error = std::string("cannot read: ") + std::strerror(saved);
        return std::nullopt;
    }
    return text;
}

void read_document(const toml::table& root, Config& config, detail::ReadContext& context) {
    detail::TableReader document(root, "", "", context);
    // Order matters: [daemon] clients default to the cluster port, and the
    // checks below need every section read.
    detail::read_cluster(document, config);
    detail::read_networks(document, config);
    detail::read_hosts(document, config);
    detail::read_daemon(document, config);
    detail::read_multipath(document, config);
    detail::read_timeouts(document, config);
    detail::read_logging(document, config);
    detail::read_security(document, config);
    detail::read_limits(document, config);
    document.finish();
}

}  // namespace

LoadResult load_string(std::string_view text, const std::string& source_name,
                       const Environment& environment) {
    Diagnostics diagnostics(source_name);
    toml::table root;
    try {
        root = toml::parse(text, std::string_view(source_name));
    } catch (const toml::parse_error& error) {
        const auto& begin = error.source().begin;
        diagnostics.add(Position{static_cast<int>(begin.line), static_cast<int>(begin.column)},
                        "TOML syntax: " + std::string(error.description()));
        return LoadResult{std::nullopt, diagnostics.sorted()};
    }

    detail::SourceMap source_map;
    detail::ReadContext context{diagnostics, source_map};
    Config config;
    config.source = source_name;
    read_document(root, config, context);
    detail::check_topology(config, context);
    detail::resolve_daemon_host(config, environment, context);
    detail::resolve_timings(config, context);
    detail::resolve_multipath(config, context);
    detail::resolve_security(config, context);
    detail::check_limits(config, context);

    if (!diagnostics.empty()) return LoadResult{std::nullopt, diagnostics.sorted()};
    return LoadResult{std::move(config), {}};
}

LoadResult load_file(const std::string& path, const Environment& environment) {
    std::string error;
    auto text = read_whole_file(path, error);
    if (!text) return LoadResult{std::nullopt, {Diagnostic{path, 0, 0, error}}};
    return load_string(*text, path, environment);
}

const std::vector<std::string>& default_config_search_path() {
    static const std::vector<std::string> search_path{"./braid.toml", "/etc/braid/braid.toml"};
    return search_path;
}

std::optional<std::string> find_config_file(const std::optional<std::string>& explicit_path,
                                            const std::vector<std::string>& search_path) {
    if (explicit_path) return explicit_path;
    for (const auto& candidate : search_path) {
        struct stat info {};
        if (stat(candidate.c_str(), &info) == 0) return candidate;
    }
    return std::nullopt;
}

std::optional<std::string> find_config_file(const std::optional<std::string>& explicit_path) {
    return find_config_file(explicit_path, default_config_search_path());
}

}  // namespace braid::config
