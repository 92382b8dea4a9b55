#include <algorithm>
#include <collab/util/edit_distance.hpp>

namespace collab::util {

namespace {

// Like edit_distance, but swapping two neighbouring characters costs 1, not 2:
// "deu" for "due" is the commonest typo and should get a hint even in a short word.
int typo_distance(std::string_view a, std::string_view b) {
    const std::size_t width = b.size() + 1;
    // Three rows of the table: two rows back (for swaps), the previous one and this one.
    std::vector<int> before(width);
    std::vector<int> previous(width);
    std::vector<int> current(width);
    for (std::size_t j = 0; j < width; ++j) {
        previous[j] = static_cast<int>(j);
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = static_cast<int>(i);
        for (std::size_t j = 1; j < width; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                current[j] = std::min(current[j], before[j - 2] + 1);
            }
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[b.size()];
}

} // namespace

int edit_distance(std::string_view a, std::string_view b) {
    // One row of the classic table is enough: each cell needs only its left,
    // upper and upper-left neighbours.
    std::vector<int> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = static_cast<int>(j);
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = static_cast<int>(i);
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            const int substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
    const int limit = std::max(1, static_cast<int>(word.size()) / 3);
    const std::string* best = nullptr;
    int best_distance = limit + 1;
    // Ties go to the earlier candidate, so a hint depends only on the order the
    // caller gave.
    for (const auto& candidate : candidates) {
        const int distance = typo_distance(word, candidate);
        if (distance < best_distance) {
            best = &candidate;
            best_distance = distance;
        }
    }
    if (best == nullptr) {
        return std::nullopt;
    }
    return *best;
}

} // namespace collab::util
