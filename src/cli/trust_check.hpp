#pragma once

#include "cli/session.hpp"

#include <collab/rules/finding.hpp>
#include <collab/util/diagnostic.hpp>
#include <vector>

namespace collab::cli {

// `collab check --trust-ref REF`: what changed since the trusted base (store::GitBase)
// that a pull request may not do, or that someone must review: logs rewritten or
// deleted (log.rewritten), committed entries dated after their commit
// (event.after-commit), people.yaml and collab.yaml changed (trust.roster-changed,
// trust.config-changed). Problems of the working tree's people.yaml and collab.yaml
// (which the check itself does not use) go to `problems`. Empty without --trust-ref.
std::vector<rules::Finding> trust_findings(Session& session, Diagnostics& problems);

} // namespace collab::cli
