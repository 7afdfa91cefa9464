#include "config/legacy/converter.hpp"

namespace braid::config::legacy {

ConversionResult convert_spread_conf(std::string_view text, const std::string& source,
                                     const Resolver& resolver) {
    ConversionResult result;
    SpreadConf conf = parse_spread_conf(text, result.errors);
    ConvertedConfig converted;
    converted.source = source;
    // Options first: their notes then precede the per-host ones in the output.
    convert_options(conf, converted, result.errors);
    convert_segments(conf, resolver, converted, result.errors);
    if (!result.errors.empty()) {
        result.errors = sorted_errors(std::move(result.errors));
        return result;
    }
    result.toml = write_toml(converted);
    return result;
}

}  // namespace braid::config::legacy
