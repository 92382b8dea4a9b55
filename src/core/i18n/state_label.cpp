#include <collab/i18n/state_label.hpp>

namespace collab::i18n {

std::string state_label(Language lang, std::string_view state) {
    const std::string id = "state." + std::string(state);
    return has_message(id) ? text(lang, id) : std::string(state);
}

} // namespace collab::i18n
