#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace collab::model {

// Request ids look like "R-7KQ2XM": the workspace's prefix and six characters of
// Crockford base32 (no I, L, O or U, so nothing is misread). The six characters
// come from 30 random bits: two people creating requests at the same moment on two
// branches collide with odds of about one in a billion, with no coordination.
// Any unique prefix of the six characters (or of the whole id) names a request.
std::string make_request_id(std::string_view prefix, std::uint32_t random_bits);

// Ids of things inside a request (blockers "B-7KQ2", risks "RK-7KQ2", change requests
// "CR-7KQ2", sync action items "A-7KQ2"): a kind prefix and four Crockford base32
// characters from 20 random bits, unique within a request without coordination.
std::string make_short_id(std::string_view prefix, std::uint32_t random_bits);

// Is this text a well-formed request id?
bool is_request_id(std::string_view text);

struct IdNotFound {};
struct IdAmbiguous {
    std::vector<std::string> candidates;
};
using IdMatch = std::variant<std::string, IdNotFound, IdAmbiguous>;

// Finds the one id among `ids` that `typed` names: the whole id or a prefix of it,
// with or without the "R-" part, in any case; Crockford's look-alikes (O for 0, I
// and L for 1) are read as the digits they stand for.
IdMatch match_request_id(std::string_view typed, const std::vector<std::string>& ids);

} // namespace collab::model
