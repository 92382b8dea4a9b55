#pragma once

#include <collab/rules/request_digest.hpp>
#include <collab/util/binary_io.hpp>
#include <collab/util/diagnostic.hpp>
#include <optional>
#include <vector>

namespace collab::store {

// Which parts of a digest a command reads: check needs the verdicts, inbox the
// steps. The others are skipped undecoded.
struct DigestParts {
    bool verdicts = true;
    bool steps = true;
};

// The byte form of a request's digest and of the warnings its files gave, for the
// digest cache. decode returns nullopt on bytes that are not a digest.
void encode_digest(util::ByteWriter& out, const rules::RequestDigest& digest);
std::optional<rules::RequestDigest> decode_digest(util::ByteReader& in,
                                                  const DigestParts& parts = {});

void encode_diagnostics(util::ByteWriter& out, const std::vector<Diagnostic>& items);
std::optional<std::vector<Diagnostic>> decode_diagnostics(util::ByteReader& in);

} // namespace collab::store
