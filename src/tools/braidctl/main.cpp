// braidctl: the Braid operator's command-line tool (see command.hpp).
#include <iostream>

#include "tools/braidctl/command.hpp"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    return braid::braidctl::run_braidctl(args, {std::cout, std::cerr});
}
