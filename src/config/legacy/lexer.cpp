#include "config/legacy/lexer.hpp"

#include <cstdint>

namespace braid::config::legacy {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

bool ends_word(char c) {
    return is_space(c) || c == '\n' || c == '{' || c == '}' || c == '=' || c == '"' || c == '#';
}

bool has_control(std::string_view s) {
    for (char c : s)
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) return true;
    return false;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto b = static_cast<unsigned char>(s[i]);
        std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > s.size()) return false;
        std::uint32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
        for (std::size_t k = 1; k < len; ++k) {
            auto c = static_cast<unsigned char>(s[i + k]);
            if ((c >> 6) != 0x2) return false;
            cp = (cp << 6) | (c & 0x3F);
        }
        static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += len;
    }
    return true;
}

std::vector<Token> tokenize(std::string_view text, ConvertErrors& errors) {
    std::vector<Token> tokens;
    int line = 1;
    std::size_t line_start = 0;  // offset of the current line's first byte
    std::size_t i = 0;
    auto here = [&](std::size_t at) {
        return SourcePos{line, static_cast<int>(at - line_start) + 1};
    };
    while (i < text.size()) {
        char c = text[i];
        if (c == '\n') {
            ++line;
            line_start = ++i;
        } else if (is_space(c)) {
            ++i;
        } else if (c == '#') {
            while (i < text.size() && text[i] != '\n') ++i;
        } else if (c == '{' || c == '}' || c == '=') {
            TokenKind kind = c == '{'   ? TokenKind::open_brace
                             : c == '}' ? TokenKind::close_brace
                                        : TokenKind::equals;
            tokens.push_back(Token{kind, std::string(1, c), here(i)});
            ++i;
        } else if (c == '"') {
            // Spread's strings have no escapes and end on the same line.
            SourcePos start = here(i);
            std::size_t end = i + 1;
            while (end < text.size() && text[end] != '"' && text[end] != '\n') ++end;
            std::string contents(text.substr(i + 1, end - i - 1));
            if (end >= text.size() || text[end] != '"') {
                errors.push_back({start, "unterminated string: a '\"' is missing on this line"});
                i = end;
            } else {
                i = end + 1;
            }
            tokens.push_back(Token{TokenKind::string, std::move(contents), start});
        } else {
            std::size_t end = i;
            while (end < text.size() && !ends_word(text[end])) ++end;
            tokens.push_back(Token{TokenKind::word, std::string(text.substr(i, end - i)), here(i)});
            i = end;
        }
    }
    for (const Token& t : tokens) {
        if (!is_valid_utf8(t.text))
            errors.push_back({t.pos, "this " + std::string(t.kind == TokenKind::string ? "string" : "word") +
                                         " is not valid UTF-8"});
        else if (has_control(t.text))
            errors.push_back({t.pos, "this " + std::string(t.kind == TokenKind::string ? "string" : "word") +
                                         " holds a control character"});
    }
    return tokens;
}

std::string describe(const Token& token) {
    if (token.kind == TokenKind::string) return "\"" + token.text + "\"";
    return "'" + token.text + "'";
}

}  // namespace braid::config::legacy
