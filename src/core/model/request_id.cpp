#include <algorithm>
#include <cctype>
#include <collab/model/request_id.hpp>

namespace collab::model {

namespace {

constexpr std::string_view k_alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t k_id_chars = 6;

// Upper-cases and maps Crockford look-alikes to the characters they stand for.
std::string normalise(std::string_view text) {
    std::string out;
    for (char c : text) {
        auto upper = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (upper == 'O') {
            upper = '0';
        } else if (upper == 'I' || upper == 'L') {
            upper = '1';
        }
        out += upper;
    }
    return out;
}

// The random part of an id: what follows the last '-'.
std::string_view random_part(std::string_view id) {
    const auto dash = id.rfind('-');
    return dash == std::string_view::npos ? id : id.substr(dash + 1);
}

} // namespace

std::string make_request_id(std::string_view prefix, std::uint32_t random_bits) {
    std::string id(prefix);
    id += '-';
    for (std::size_t i = 0; i < k_id_chars; ++i) {
        const auto shift = 5 * (k_id_chars - 1 - i);
        id += k_alphabet[(random_bits >> shift) & 31u];
    }
    return id;
}

std::string make_short_id(std::string_view prefix, std::uint32_t random_bits) {
    std::string id(prefix);
    id += '-';
    for (std::size_t i = 0; i < 4; ++i) {
        const auto shift = 5 * (3 - i);
        id += k_alphabet[(random_bits >> shift) & 31u];
    }
    return id;
}

bool is_request_id(std::string_view text) {
    const auto dash = text.rfind('-');
    if (dash == std::string_view::npos || dash == 0 || dash > 8) {
        return false;
    }
    const auto prefix = text.substr(0, dash);
    const auto body = text.substr(dash + 1);
    const bool prefix_ok = std::all_of(prefix.begin(), prefix.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    });
    const bool body_ok =
        body.size() == k_id_chars && std::all_of(body.begin(), body.end(), [](char c) {
            return k_alphabet.find(c) != std::string_view::npos;
        });
    return prefix_ok && body_ok;
}

IdMatch match_request_id(std::string_view typed, const std::vector<std::string>& ids) {
    const auto wanted = normalise(typed);
    if (wanted.empty()) {
        return IdNotFound{};
    }
    std::vector<std::string> found;
    for (const auto& id : ids) {
        const auto whole = normalise(id);
        if (whole == wanted) {
            return id; // an exact id always wins over longer ids it prefixes
        }
        const auto body = normalise(random_part(id));
        if (whole.rfind(wanted, 0) == 0 || body.rfind(wanted, 0) == 0) {
            found.push_back(id);
        }
    }
    if (found.empty()) {
        return IdNotFound{};
    }
    if (found.size() > 1) {
        std::sort(found.begin(), found.end());
        return IdAmbiguous{found};
    }
    return found.front();
}

} // namespace collab::model
