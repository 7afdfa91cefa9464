// Tokens of a classic Spread configuration file (spread.conf).
//
// The classic format is a sequence of words, braces, '=' signs and quoted
// strings; '#' starts a comment that runs to the end of the line. Host
// entries inside a Spread_Segment are one per line, so every token keeps its
// line: the parser uses it to tell where an entry ends. The lexer never
// stops on bad input: an unterminated string is reported and the rest of
// the line taken as the string; a token that is not valid UTF-8 or holds a
// control character is reported, since braid.toml could not carry it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/legacy/error.hpp"

namespace braid::config::legacy {

enum class TokenKind {
    word,         // a run of characters other than space, braces, '=', '"' and '#'
    string,       // "quoted text", without the quotes
    open_brace,   // {
    close_brace,  // }
    equals,       // =
};

struct Token {
    TokenKind kind = TokenKind::word;
    std::string text;  // the word or the string's contents; the sign itself for punctuation
    SourcePos pos;     // first character (the opening quote for a string)
};

// Splits `text` into tokens; lexical errors (unterminated strings) are
// appended to `errors`.
std::vector<Token> tokenize(std::string_view text, ConvertErrors& errors);

// Strict UTF-8 (no overlong forms, no surrogates): braid.toml is UTF-8 and
// a file the converter writes must load, so every token is checked.
bool is_valid_utf8(std::string_view text);

// How a token is named in messages: 'word', "string", '{'.
std::string describe(const Token& token);

}  // namespace braid::config::legacy
