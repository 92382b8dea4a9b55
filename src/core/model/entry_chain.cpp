#include <algorithm>
#include <array>
#include <charconv>
#include <collab/model/entry_chain.hpp>
#include <collab/util/base64.hpp>
#include <collab/util/sha256.hpp>
#include <cstdint>

namespace collab::model {

namespace {

constexpr std::string_view k_entry_tag = "collab-entry-v1";
constexpr std::string_view k_genesis_tag = "collab-log-genesis-v1";
constexpr std::string_view k_armor_begin = "-----BEGIN SSH SIGNATURE-----";
constexpr std::string_view k_armor_end = "-----END SSH SIGNATURE-----";

// `number` in decimal, written into `digits`: this runs for every key and value of
// every entry of every log, and std::to_string would allocate each time.
std::string_view decimal(std::array<char, 24>& digits, std::size_t number) {
    const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), number).ptr;
    return {digits.data(), static_cast<std::size_t>(end - digits.data())};
}

// "<length>:<text>", so that no two sequences of parts encode alike.
void append_part(std::string& out, std::string_view text) {
    std::array<char, 24> digits{};
    out += decimal(digits, text.size());
    out += ':';
    out += text;
}

// A count, written as a part of its decimal digits.
void append_count(std::string& out, std::size_t count) {
    std::array<char, 24> digits{};
    append_part(out, decimal(digits, count));
}

using Entry = std::pair<yaml::Node, yaml::Node>;

void append_value(std::string& out, const yaml::Node& node);

// m (map: count, then key and value pairs in the order of `sorted`).
void append_sorted_map(std::string& out, const std::vector<const Entry*>& sorted) {
    out += 'm';
    append_count(out, sorted.size());
    for (const auto* entry : sorted) {
        append_part(out, entry->first.scalar());
        append_value(out, entry->second);
    }
}

// A value, tagged by its kind: n (null), s (scalar), l (list: count, items),
// m (map: count, then key and value pairs sorted by key).
void append_value(std::string& out, const yaml::Node& node) {
    switch (node.kind()) {
    case yaml::Node::Kind::null:
        out += 'n';
        return;
    case yaml::Node::Kind::scalar:
        out += 's';
        append_part(out, node.scalar());
        return;
    case yaml::Node::Kind::sequence:
        out += 'l';
        append_count(out, node.items().size());
        for (const auto& item : node.items()) {
            append_value(out, item);
        }
        return;
    case yaml::Node::Kind::map: {
        std::vector<const Entry*> entries;
        entries.reserve(node.entries().size());
        for (const auto& entry : node.entries()) {
            entries.push_back(&entry);
        }
        std::sort(entries.begin(), entries.end(), [](const auto* a, const auto* b) {
            return a->first.scalar() < b->first.scalar();
        });
        append_sorted_map(out, entries);
        return;
    }
    }
}

// The entry's keys but `sig`, sorted, read in place. These bytes were first made from
// a copy of the entry built with Node::set, which keeps one entry per key (the last
// value); neither the parser nor Node::set makes a map with a key twice, but should
// one ever come, its bytes stay what they were: the last value of each key counts.
std::vector<const Entry*> keys_but_sig(const yaml::Node& entry) {
    std::vector<const Entry*> kept;
    kept.reserve(entry.entries().size());
    for (const auto& pair : entry.entries()) {
        if (pair.first.scalar() != "sig") {
            kept.push_back(&pair);
        }
    }
    // Sorted by key, then file order (the entries' addresses, in one vector): as a
    // stable sort would, without the buffer std::stable_sort allocates.
    std::sort(kept.begin(), kept.end(), [](const Entry* a, const Entry* b) {
        const int order = a->first.scalar().compare(b->first.scalar());
        return order != 0 ? order < 0 : a < b;
    });
    // Of a run of one key, the last (in file order) takes the run's place.
    std::size_t kept_count = 0;
    for (const auto* pair : kept) {
        if (kept_count > 0 && kept[kept_count - 1]->first.scalar() == pair->first.scalar()) {
            kept[kept_count - 1] = pair;
        } else {
            kept[kept_count++] = pair;
        }
    }
    kept.resize(kept_count);
    return kept;
}

// canonical_entry_bytes into `out` (cleared first): one buffer serves a whole log.
void write_canonical_entry(std::string& out, std::string_view request_id, std::string_view owner,
                           const yaml::Node& entry) {
    out.assign(k_entry_tag);
    out += '\n';
    append_part(out, request_id);
    append_part(out, owner);
    if (entry.is_map()) {
        append_sorted_map(out, keys_but_sig(entry));
    } else {
        append_value(out, entry);
    }
}

} // namespace

std::optional<std::string_view> read_ssh_string(std::string_view data, std::size_t& pos) {
    if (data.size() - pos < 4) {
        return std::nullopt;
    }
    std::size_t length = 0;
    for (int i = 0; i < 4; ++i) {
        length =
            (length << 8) | static_cast<unsigned char>(data[pos + static_cast<std::size_t>(i)]);
    }
    pos += 4;
    if (data.size() - pos < length) {
        return std::nullopt;
    }
    const auto out = data.substr(pos, length);
    pos += length;
    return out;
}

std::string canonical_entry_bytes(std::string_view request_id, std::string_view owner,
                                  const yaml::Node& entry) {
    std::string out;
    write_canonical_entry(out, request_id, owner, entry);
    return out;
}

std::string entry_hash(std::string_view request_id, std::string_view owner,
                       const yaml::Node& entry) {
    return util::sha256_hex(canonical_entry_bytes(request_id, owner, entry));
}

std::string genesis_hash(std::string_view request_id, std::string_view owner) {
    std::string out(k_genesis_tag);
    out += '\n';
    append_part(out, request_id);
    append_part(out, owner);
    return util::sha256_hex(out);
}

std::string next_prev(std::string_view request_id, std::string_view owner,
                      const std::vector<yaml::Node>& entries) {
    return entries.empty() ? genesis_hash(request_id, owner)
                           : entry_hash(request_id, owner, entries.back());
}

std::vector<std::size_t> chain_breaks(std::string_view request_id, std::string_view owner,
                                      const std::vector<yaml::Node>& entries) {
    std::vector<std::size_t> breaks;
    bool chained = false;
    std::string expected = genesis_hash(request_id, owner);
    std::string bytes;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto* prev = entries[i].is_map() ? entries[i].find("prev") : nullptr;
        if (prev != nullptr) {
            if (!prev->is_scalar() || prev->scalar() != expected) {
                breaks.push_back(i);
            }
            chained = true;
        } else if (chained) {
            breaks.push_back(i);
        }
        write_canonical_entry(bytes, request_id, owner, entries[i]);
        expected = util::sha256_hex(bytes);
    }
    return breaks;
}

std::optional<std::string> signature_public_key(std::string_view armored) {
    const auto begin = armored.find(k_armor_begin);
    const auto end = armored.find(k_armor_end);
    if (begin == std::string_view::npos || end == std::string_view::npos || end < begin) {
        return std::nullopt;
    }
    std::string body;
    for (const char c :
         armored.substr(begin + k_armor_begin.size(), end - begin - k_armor_begin.size())) {
        if (c != '\n' && c != '\r' && c != ' ' && c != '\t') {
            body += c;
        }
    }
    const auto blob = util::base64_decode(body);
    if (!blob || blob->size() < 10 || blob->compare(0, 6, "SSHSIG") != 0) {
        return std::nullopt;
    }
    std::size_t pos = 10; // magic and version
    const auto key = read_ssh_string(*blob, pos);
    if (!key || key->empty()) {
        return std::nullopt;
    }
    return util::base64_encode(*key);
}

} // namespace collab::model
