#include <algorithm>
#include <collab/model/request.hpp>

namespace collab::model {

long long Request::next_seq() const {
    long long largest = 0;
    for (const auto& event : events) {
        largest = std::max(largest, event.seq);
    }
    // Seqs are bounded when read (k_max_seq); never past the bound, even in memory.
    return largest < k_max_seq ? largest + 1 : k_max_seq + 1;
}

std::string Request::log_path(const std::string& person) const {
    return dir + "/log/" + person + ".yaml";
}

} // namespace collab::model
