// Recursive descent over the token list of lexer.cpp. Recovery after an
// error: a misplaced brace block is skipped as a whole, anything else skips
// one token, so later mistakes are still found.
#include <strings.h>

#include <optional>

#include "config/legacy/spread_conf.hpp"

namespace braid::config::legacy {

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

class Parser {
public:
    Parser(std::vector<Token> tokens, ConvertErrors& errors)
        : tokens_(std::move(tokens)), errors_(errors) {}

    SpreadConf run() {
        SpreadConf conf;
        while (!at_end()) {
            const Token& t = peek();
            switch (t.kind) {
            case TokenKind::word:
                if (iequals(t.text, "Spread_Segment"))
                    conf.segments.push_back(segment());
                else
                    conf.options.push_back(option());
                break;
            case TokenKind::close_brace:
                error(t.pos, "unbalanced braces: '}' without a matching '{'");
                next();
                break;
            case TokenKind::open_brace:
                error(t.pos, "unexpected '{' outside a Spread_Segment");
                skip_block();
                break;
            case TokenKind::equals:
            case TokenKind::string:
                error(t.pos, "unexpected " + describe(t) + ": expected a keyword or Spread_Segment");
                next();
                break;
            }
        }
        return conf;
    }

private:
    bool at_end() const { return index_ >= tokens_.size(); }
    const Token& peek() const { return tokens_[index_]; }
    const Token& next() { return tokens_[index_++]; }
    bool next_is(TokenKind kind) const { return !at_end() && peek().kind == kind; }
    void error(SourcePos pos, std::string message) {
        errors_.push_back({pos, std::move(message)});
    }

    // At a '{': consumes it and everything up to its matching '}'.
    void skip_block() {
        const Token& open = next();
        int depth = 1;
        while (!at_end()) {
            TokenKind kind = next().kind;
            if (kind == TokenKind::open_brace) ++depth;
            if (kind == TokenKind::close_brace && --depth == 0) return;
        }
        error(open.pos, "unbalanced braces: this '{' is never closed");
    }

    // Consumes the rest of a line; a brace block that starts on it is
    // consumed whole, so its '}' does not close the enclosing block.
    void skip_line(int line) {
        while (!at_end() && peek().pos.line == line) {
            if (peek().kind == TokenKind::open_brace) skip_block();
            else if (peek().kind == TokenKind::close_brace) return;
            else next();
        }
    }

    Option option() {
        std::size_t errors_before = errors_.size();
        Option opt = option_body();
        opt.damaged = errors_.size() != errors_before;
        return opt;
    }

    Option option_body() {
        Option opt;
        opt.keyword = next();
        if (!next_is(TokenKind::equals)) {
            // A bare keyword ends at the end of its line.
            opt.has_value = false;
            if (!at_end() && peek().pos.line == opt.keyword.pos.line) {
                error(peek().pos, "expected '=' after '" + opt.keyword.text + "', found " +
                                      describe(peek()));
                if (peek().kind == TokenKind::open_brace) skip_block(); else next();
            }
            return opt;
        }
        const Token& eq = next();
        opt.has_value = true;
        if (next_is(TokenKind::open_brace)) {
            const Token& open = next();
            opt.braced = true;
            while (!at_end() && peek().kind != TokenKind::close_brace) {
                const Token& t = peek();
                if (t.kind == TokenKind::word || t.kind == TokenKind::string) {
                    opt.values.push_back(next());
                } else if (t.kind == TokenKind::open_brace) {
                    error(t.pos, "unexpected '{' inside the value of '" + opt.keyword.text + "'");
                    skip_block();
                } else {
                    error(t.pos, "unexpected " + describe(t) + " inside the value of '" +
                                     opt.keyword.text + "'");
                    next();
                }
            }
            if (at_end())
                error(open.pos, "unbalanced braces: this '{' is never closed");
            else
                next();
            return opt;
        }
        if (next_is(TokenKind::word) || next_is(TokenKind::string)) {
            opt.values.push_back(next());
            return opt;
        }
        error(eq.pos, "'" + opt.keyword.text + " =' needs a value");
        return opt;
    }

    Segment segment() {
        std::size_t errors_before = errors_.size();
        Segment seg = segment_body();
        seg.damaged = errors_.size() != errors_before;
        return seg;
    }

    Segment segment_body() {
        Segment seg;
        const Token& keyword = next();
        seg.pos = keyword.pos;
        if (!next_is(TokenKind::word)) {
            SourcePos where = at_end() ? keyword.pos : peek().pos;
            error(where, "Spread_Segment needs an address: ADDRESS[:PORT]");
        } else {
            seg.header = next();
        }
        if (!next_is(TokenKind::open_brace)) {
            SourcePos where = at_end() ? keyword.pos : peek().pos;
            error(where, "expected '{' to open the Spread_Segment");
            return seg;
        }
        const Token& open = next();
        while (!at_end()) {
            const Token& t = peek();
            switch (t.kind) {
            case TokenKind::close_brace:
                next();
                return seg;
            case TokenKind::open_brace:
                seg.networks.push_back(inner_block());
                break;
            case TokenKind::word:
                if (auto entry = host_entry(false)) seg.hosts.push_back(std::move(*entry));
                break;
            case TokenKind::equals:
            case TokenKind::string:
                error(t.pos, "unexpected " + describe(t) +
                                 " in a Spread_Segment (options belong outside segments)");
                next();
                break;
            }
        }
        error(open.pos, "unbalanced braces: this '{' is never closed");
        return seg;
    }

    InnerBlock inner_block() {
        std::size_t errors_before = errors_.size();
        InnerBlock block = inner_block_body();
        block.damaged = errors_.size() != errors_before;
        return block;
    }

    InnerBlock inner_block_body() {
        InnerBlock block;
        const Token& open = next();
        block.pos = open.pos;
        while (!at_end()) {
            const Token& t = peek();
            switch (t.kind) {
            case TokenKind::close_brace:
                next();
                return block;
            case TokenKind::open_brace:
                error(t.pos, "unexpected '{': network blocks of a segment do not nest");
                skip_block();
                break;
            case TokenKind::word:
                if (auto entry = host_entry(true)) block.hosts.push_back(std::move(*entry));
                break;
            case TokenKind::equals:
            case TokenKind::string:
                error(t.pos, "unexpected " + describe(t) + " in a network block");
                next();
                break;
            }
        }
        error(open.pos, "unbalanced braces: this '{' is never closed");
        return block;
    }

    // A host name and the words after it on its line. A '{' on that line
    // would be Spread 4's per-host interface block, which Braid cannot
    // express; the host itself is kept so that no error follows from its
    // absence. A '=' makes the line a misplaced option, which is dropped.
    std::optional<HostEntry> host_entry(bool in_block) {
        HostEntry entry;
        entry.name = next();
        int line = entry.name.pos.line;
        while (!at_end() && peek().pos.line == line && peek().kind == TokenKind::word)
            entry.args.push_back(next());
        if (!at_end() && peek().pos.line == line && peek().kind == TokenKind::equals) {
            error(entry.name.pos, "'" + entry.name.text + " =' inside a Spread_Segment: options "
                                  "belong outside segments");
            skip_line(line);
            return std::nullopt;
        }
        if (!at_end() && peek().pos.line == line && peek().kind == TokenKind::open_brace) {
            if (in_block)
                error(peek().pos, "unexpected '{': network blocks of a segment do not nest");
            else
                error(peek().pos, "host '" + entry.name.text +
                                      "': a per-host interface block has no Braid equivalent "
                                      "(write one address per network in its own Spread_Segment)");
            skip_block();
        }
        return entry;
    }

    std::vector<Token> tokens_;
    std::size_t index_ = 0;
    ConvertErrors& errors_;
};

}  // namespace

SpreadConf parse_spread_conf(std::string_view text, ConvertErrors& errors) {
    std::vector<Token> tokens = tokenize(text, errors);
    return Parser(std::move(tokens), errors).run();
}

}  // namespace braid::config::legacy
