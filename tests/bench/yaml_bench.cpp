// collab-yaml-bench: the YAML readers on real files, in memory.
//
//   collab-yaml-bench [--check] [--rounds N] DIR...
//
// Reads every .yaml file under the folders into memory, then
//   --check   parses each with yaml::parse (the subset reader, then libyaml),
//             yaml::parse_libyaml and yaml::parse_reference (yaml-cpp) and exits 1,
//             showing the first differences, unless all give the same tree (kinds,
//             text, quoted flags, marks) or the same refusal; it also counts the files
//             the subset reader reads itself;
//   otherwise times N rounds of each reader over all the texts, one core, and prints
//             the throughput in MB/s.
#include "../unit/yaml_describe.hpp"
#include "yaml/readers.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using collab::yaml::Node;

int usage() {
    fmt::print(stderr, "usage: collab-yaml-bench [--check] [--rounds N] DIR...\n");
    return 2;
}

struct Texts {
    std::vector<std::string> paths;
    std::vector<std::string> texts;
    std::size_t bytes = 0;
};

Texts read_yaml_files(const std::vector<std::string>& folders) {
    std::vector<fs::path> paths;
    for (const auto& folder : folders) {
        for (const auto& entry : fs::recursive_directory_iterator(folder)) {
            if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
                paths.push_back(entry.path());
            }
        }
    }
    std::sort(paths.begin(), paths.end());
    Texts texts;
    for (const auto& path : paths) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        texts.paths.push_back(path.string());
        texts.texts.push_back(text.str());
        texts.bytes += texts.texts.back().size();
    }
    return texts;
}

int check(const Texts& texts) {
    using collab::yaml::testing::describe_outcome;
    int differ = 0;
    int by_subset = 0;
    for (std::size_t i = 0; i < texts.texts.size(); ++i) {
        const auto& text = texts.texts[i];
        const auto expected = describe_outcome(collab::yaml::parse_reference, text);
        const std::pair<const char*, std::string> answers[] = {
            {"subset first", describe_outcome(collab::yaml::parse, text)},
            {"libyaml", describe_outcome(collab::yaml::parse_libyaml, text)}};
        for (const auto& [reader, actual] : answers) {
            if (actual != expected && ++differ <= 5) {
                fmt::print("{}: the readers differ\n  {}: {}\n  reference: {}\n", texts.paths[i],
                           reader, actual, expected);
            }
        }
        by_subset +=
            collab::yaml::reader::read_subset(text, collab::yaml::Limits{}.max_depth) ? 1 : 0;
    }
    fmt::print("{} files, {} read by the subset reader, {} differ\n", texts.texts.size(), by_subset,
               differ);
    return differ == 0 ? 0 : 1;
}

template <typename Parse>
double megabytes_per_second(Parse parse, const Texts& texts, int rounds) {
    const auto start = std::chrono::steady_clock::now();
    std::size_t nodes = 0;
    for (int round = 0; round < rounds; ++round) {
        for (const auto& text : texts.texts) {
            collab::Diagnostics diagnostics;
            nodes += parse(text, "f.yaml", diagnostics, collab::yaml::Limits{}) ? 1 : 0;
        }
    }
    const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
    if (nodes == 0) {
        fmt::print(stderr, "nothing parsed\n");
    }
    return static_cast<double>(texts.bytes) * rounds / 1e6 / seconds.count();
}

} // namespace

int main(int argc, char** argv) {
    bool check_only = false;
    int rounds = 3;
    std::vector<std::string> folders;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--check") {
            check_only = true;
        } else if (arg == "--rounds" && i + 1 < argc) {
            rounds = std::max(1, std::atoi(argv[++i]));
        } else if (!arg.empty() && arg[0] != '-') {
            folders.push_back(arg);
        } else {
            return usage();
        }
    }
    if (folders.empty()) {
        return usage();
    }
    const auto texts = read_yaml_files(folders);
    if (check_only) {
        return check(texts);
    }
    fmt::print("{} files, {:.1f} MB, {} rounds\n", texts.texts.size(),
               static_cast<double>(texts.bytes) / 1e6, rounds);
    fmt::print("subset reader (parse):             {:.1f} MB/s\n",
               megabytes_per_second(collab::yaml::parse, texts, rounds));
    fmt::print("libyaml reader (parse_libyaml):    {:.1f} MB/s\n",
               megabytes_per_second(collab::yaml::parse_libyaml, texts, rounds));
    fmt::print("yaml-cpp reader (parse_reference): {:.1f} MB/s\n",
               megabytes_per_second(collab::yaml::parse_reference, texts, rounds));
    return 0;
}
