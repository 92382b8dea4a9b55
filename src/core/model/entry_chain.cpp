#include <algorithm>
#include <array>
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

// "<length>:<text>", so that no two sequences of parts encode alike.
void append_part(std::string& out, std::string_view text) {
    out += std::to_string(text.size());
    out += ':';
    out += text;
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
        append_part(out, std::to_string(node.items().size()));
        for (const auto& item : node.items()) {
            append_value(out, item);
        }
        return;
    case yaml::Node::Kind::map: {
        std::vector<const std::pair<yaml::Node, yaml::Node>*> entries;
        for (const auto& entry : node.entries()) {
            entries.push_back(&entry);
        }
        std::sort(entries.begin(), entries.end(), [](const auto* a, const auto* b) {
            return a->first.scalar() < b->first.scalar();
        });
        out += 'm';
        append_part(out, std::to_string(entries.size()));
        for (const auto* entry : entries) {
            append_part(out, entry->first.scalar());
            append_value(out, entry->second);
        }
        return;
    }
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
    std::string out(k_entry_tag);
    out += '\n';
    append_part(out, request_id);
    append_part(out, owner);
    auto without_sig = yaml::Node::make_map();
    for (const auto& [key, value] : entry.entries()) {
        if (key.scalar() != "sig") {
            without_sig.set(key.scalar(), value);
        }
    }
    append_value(out, entry.is_map() ? without_sig : entry);
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
        expected = entry_hash(request_id, owner, entries[i]);
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
