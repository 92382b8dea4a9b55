// The calendars compiled into collab (templates/calendars/cn-YYYY.yaml, imported
// from the official data with `collab calendar import`), offered by `init
// --calendars` and `calendar import --shipped`.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace collab::cli {

// The years shipped, in order.
std::vector<int> shipped_calendar_years();

// "calendars/cn-2026.yaml": the template's name, and the path in a workspace.
std::string shipped_calendar_path(int year);

// Reads a list of years: "all", "2024-2026", "2019,2020" or a mix ("2008,2019-2020").
// nullopt when the text is not such a list; `unshipped` then stays empty. A year
// that is not shipped makes it nullopt too, with that year in `unshipped`.
std::optional<std::vector<int>> parse_shipped_years(const std::string& spec,
                                                    std::vector<int>& unshipped);

} // namespace collab::cli
