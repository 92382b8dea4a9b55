#include <algorithm>
#include <collab/rules/signature_policy.hpp>

namespace collab::rules {

std::optional<std::string> signature_rule(model::SignatureStatus status,
                                          model::SignaturePolicy policy) {
    using model::SignatureStatus;
    if (policy == model::SignaturePolicy::off) {
        return std::nullopt;
    }
    switch (status) {
    case SignatureStatus::unchecked:
    case SignatureStatus::verified:
        return std::nullopt;
    case SignatureStatus::missing:
        return policy == model::SignaturePolicy::required
                   ? std::optional<std::string>("signature.missing")
                   : std::nullopt;
    case SignatureStatus::invalid:
        return "signature.invalid";
    case SignatureStatus::unknown_key:
        return "signature.unknown_key";
    }
    return std::nullopt;
}

void set_aside_untrusted(model::Request& request, model::SignaturePolicy policy) {
    auto& events = request.events;
    const auto distrusted = [&](const model::Event& event) {
        return signature_rule(event.signature, policy).has_value();
    };
    for (const auto& event : events) {
        if (distrusted(event)) {
            request.untrusted.push_back(event);
        }
    }
    std::erase_if(events, distrusted);
}

bool may_act_without_key(model::SignaturePolicy policy) {
    return policy != model::SignaturePolicy::required;
}

} // namespace collab::rules
