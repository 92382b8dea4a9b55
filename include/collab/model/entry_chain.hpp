#pragma once

#include <collab/yaml/node.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace collab::model {

// What an entry's signature was found to be. Plain data: store/ssh_signatures works
// it out (it runs ssh-keygen), the rules decide what it means under the workspace's
// `signatures:` policy (rules/signature_policy).
enum class SignatureStatus {
    unchecked,   // not looked at (policy off)
    verified,    // made by a key registered for the log's owner, valid at the entry's time
    missing,     // no `sig`
    invalid,     // a registered key, but the signature does not match the entry
    unknown_key, // made by a key not registered for the owner at the entry's time
};

// The bytes an entry's signature covers and the next entry's `prev` hashes: a domain
// tag, the request id, the log's owner, then every key of the entry except `sig`,
// sorted, each length-prefixed, values encoded recursively (scalars, lists, maps).
// Comments, layout, quoting and key order do not change them; any change of a value,
// of a key or of where the entry belongs does.
std::string canonical_entry_bytes(std::string_view request_id, std::string_view owner,
                                  const yaml::Node& entry);

// Hex SHA-256 of canonical_entry_bytes: the `prev` of the entry that follows it.
std::string entry_hash(std::string_view request_id, std::string_view owner,
                       const yaml::Node& entry);

// The `prev` of the first entry of a log: the hash of a fixed genesis string with the
// request id and the owner, so a log cannot be moved to another request or person.
std::string genesis_hash(std::string_view request_id, std::string_view owner);

// The `prev` a new entry appended after `entries` (one log, file order) carries.
std::string next_prev(std::string_view request_id, std::string_view owner,
                      const std::vector<yaml::Node>& entries);

// The indexes of the entries (one log, file order) whose `prev` does not match the
// entry before them: a wrong hash, or none once an earlier entry of the log carried
// one. Entries before the first `prev` (written by older releases) are accepted.
std::vector<std::size_t> chain_breaks(std::string_view request_id, std::string_view owner,
                                      const std::vector<yaml::Node>& entries);

// The public key that made an armored SSH signature ("-----BEGIN SSH SIGNATURE-----"),
// as the base64 blob of an authorized_keys line; nullopt when the text is not one.
std::optional<std::string> signature_public_key(std::string_view armored);

// Reads an SSH wire string (uint32 big-endian length, then the bytes) at `pos` and
// moves past it; nullopt when the data ends first.
std::optional<std::string_view> read_ssh_string(std::string_view data, std::size_t& pos);

} // namespace collab::model
