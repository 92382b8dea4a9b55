#include <algorithm>
#include <array>
#include <collab/model/config.hpp>
#include <collab/time/timestamp.hpp>
#include <collab/util/relative_path.hpp>
#include <collab/yaml/map_reader.hpp>

namespace collab::model {

using i18n::msg;

const std::vector<std::string>& rule_ids() {
    static const std::vector<std::string> ids = {
        "form",     "submit", "review", "meeting", "signoff", "frozen",   "split",
        "progress", "sync",   "change", "deliver", "accept",  "feedback", "customer"};
    return ids;
}

std::optional<int> parse_weekday(std::string_view text) {
    // Indexed like date::weekday::c_encoding: Sunday is 0.
    static const std::array<std::array<std::string_view, 3>, 7> names = {{
        {"sun", "sunday", "周日"},
        {"mon", "monday", "周一"},
        {"tue", "tuesday", "周二"},
        {"wed", "wednesday", "周三"},
        {"thu", "thursday", "周四"},
        {"fri", "friday", "周五"},
        {"sat", "saturday", "周六"},
    }};
    for (std::size_t i = 0; i < names.size(); ++i) {
        for (auto name : names[i]) {
            if (text == name) {
                return static_cast<int>(i);
            }
        }
    }
    return std::nullopt;
}

namespace {

void read_work_week(yaml::MapReader& reader, Config& config) {
    const auto* node = reader.optional("work_week");
    if (node == nullptr) {
        return;
    }
    if (!node->is_sequence()) {
        reader.diagnostics().error(yaml::location(reader.path(), *node),
                                   msg("config.work_week_list"));
        return;
    }
    time::WorkWeek week{};
    for (const auto& item : node->items()) {
        const auto day = item.is_scalar() ? parse_weekday(item.scalar()) : std::nullopt;
        if (!day) {
            reader.diagnostics().error(yaml::location(reader.path(), item),
                                       msg("config.bad_weekday", item.scalar()));
            continue;
        }
        week[static_cast<std::size_t>(*day)] = true;
    }
    config.work_week = week;
}

void read_clock(yaml::MapReader& reader, std::string_view key, int& minutes) {
    const auto* node = reader.optional(key);
    if (node == nullptr) {
        return;
    }
    const auto parsed = node->is_scalar() ? time::parse_clock(node->scalar()) : std::nullopt;
    if (!parsed) {
        reader.diagnostics().error(yaml::location(reader.path(), *node),
                                   msg("config.bad_clock", key, node->scalar()));
        return;
    }
    minutes = *parsed;
}

void read_positive(yaml::MapReader& reader, std::string_view key, int& number) {
    const auto* node = reader.optional(key);
    if (node == nullptr) {
        return;
    }
    long long value = 0;
    bool ok = node->is_scalar() && !node->scalar().empty();
    if (ok) {
        try {
            std::size_t used = 0;
            value = std::stoll(node->scalar(), &used);
            ok = used == node->scalar().size() && value >= 0 && value <= 10000;
        } catch (const std::exception&) {
            ok = false;
        }
    }
    if (!ok) {
        reader.diagnostics().error(yaml::location(reader.path(), *node),
                                   msg("config.bad_number", key, node->scalar()));
        return;
    }
    number = static_cast<int>(value);
}

// Reads one rule's settings: its severity and the numbers it owns.
void read_rule(const std::string& id, const yaml::Node& node, const std::string& path,
               Diagnostics& out, Config& config) {
    yaml::MapReader rule(node, path, out);
    if (!rule.is_map()) {
        return;
    }
    if (auto severity = rule.optional_string("severity")) {
        if (*severity == "error") {
            config.severities[id] = RuleSeverity::error;
        } else if (*severity == "warning") {
            config.severities[id] = RuleSeverity::warning;
        } else if (*severity == "off") {
            config.severities[id] = RuleSeverity::off;
        } else {
            out.error(yaml::location(path, *rule.optional("severity")),
                      msg("config.bad_severity", *severity));
        }
    }
    auto& n = config.numbers;
    if (id == "review") {
        read_positive(rule, "days", n.review_days);
    } else if (id == "customer") {
        read_positive(rule, "days", n.customer_review_days);
    } else if (id == "progress") {
        read_positive(rule, "stale_after_days", n.stale_after_days);
    } else if (id == "sync") {
        read_positive(rule, "every_days", n.sync_every_days);
        read_positive(rule, "max_minutes", n.sync_max_minutes);
    } else if (id == "accept") {
        read_positive(rule, "reaccept_within_days", n.reaccept_within_days);
    } else if (id == "feedback") {
        read_positive(rule, "window_days", n.feedback_window_days);
    }
    rule.finish();
}

void read_rules(yaml::MapReader& reader, Config& config) {
    const auto* node = reader.optional("rules");
    if (node == nullptr) {
        return;
    }
    yaml::MapReader rules(*node, reader.path(), reader.diagnostics());
    if (!rules.is_map()) {
        return;
    }
    for (const auto& id : rule_ids()) {
        if (const auto* rule = rules.optional(id)) {
            read_rule(id, *rule, reader.path(), reader.diagnostics(), config);
        }
    }
    rules.finish();
}

// The calendar files: paths inside the workspace, made normal. A path that leads
// outside (absolute, or climbing with "..") is refused at its line and never read,
// so nothing of a file outside the workspace can reach the output.
void read_calendar_paths(yaml::MapReader& reader, Config& config) {
    const auto paths = reader.string_list("calendars");
    const yaml::Node* node = reader.optional("calendars");
    for (std::size_t i = 0; i < paths.size(); ++i) {
        if (auto normal = util::normal_relative_path(paths[i])) {
            config.calendars.push_back(std::move(*normal));
            continue;
        }
        const yaml::Node* item = node;
        if (node != nullptr && node->is_sequence()) {
            // string_list skips items that are not text; find this one by its text.
            for (const auto& candidate : node->items()) {
                if (candidate.is_scalar() && candidate.scalar() == paths[i]) {
                    item = &candidate;
                    break;
                }
            }
        }
        reader.diagnostics().error(yaml::location(reader.path(), *item),
                                   msg("config.calendar_outside", "calendars", paths[i]));
    }
}

// `site_url:`: an http(s) URL with a host, nothing after its path.
void read_site_url(yaml::MapReader& reader, Config& config) {
    const auto url = reader.optional_string("site_url");
    if (!url) {
        return;
    }
    std::string text = *url;
    while (!text.empty() && text.back() == '/') {
        text.pop_back();
    }
    const auto scheme = text.rfind("https://", 0) == 0 ? 8 : text.rfind("http://", 0) == 0 ? 7 : 0;
    const auto host_end = text.find('/', scheme);
    const auto host =
        text.substr(scheme, host_end == std::string::npos ? std::string::npos : host_end - scheme);
    const bool plain = std::none_of(text.begin(), text.end(), [](char c) {
        return static_cast<unsigned char>(c) <= ' ' || c == '?' || c == '#' || c == '"' ||
               c == '<' || c == '>' || c == '\\' || c == 0x7f;
    });
    if (scheme == 0 || host.empty() || host.front() == ':' || !plain) {
        reader.diagnostics().error(yaml::location(reader.path(), *reader.optional("site_url")),
                                   msg("config.bad_site_url", *url));
        return;
    }
    config.site_url = text;
}

} // namespace

std::optional<Config> read_config(const yaml::Node& root, const std::string& path,
                                  Diagnostics& out) {
    const auto errors_before = out.has_errors();
    yaml::MapReader reader(root, path, out);
    if (!reader.is_map()) {
        return std::nullopt;
    }
    Config config;
    if (auto name = reader.required_string("name")) {
        config.name = *name;
    }
    if (auto lang = reader.optional_string("language")) {
        if (auto parsed = i18n::parse_language(*lang)) {
            config.language = *parsed;
        } else {
            out.error(yaml::location(path, *reader.optional("language")),
                      msg("config.bad_language", *lang));
        }
    }
    if (auto zone = reader.optional_string("time_zone")) {
        if (time::Zone::locate(*zone)) {
            config.time_zone = *zone;
        } else {
            out.error(yaml::location(path, *reader.optional("time_zone")),
                      msg("config.bad_time_zone", *zone));
        }
    }
    read_work_week(reader, config);
    read_clock(reader, "work_day_start", config.work_day_start);
    read_clock(reader, "work_day_end", config.work_day_end);
    read_calendar_paths(reader, config);
    if (auto policy = reader.optional_string("uncovered_years")) {
        if (*policy == "error") {
            config.uncovered_years = time::UncoveredYears::error;
        } else if (*policy == "weekends-only") {
            config.uncovered_years = time::UncoveredYears::weekends_only;
        } else {
            out.error(yaml::location(path, *reader.optional("uncovered_years")),
                      msg("config.bad_uncovered", *policy));
        }
    }
    if (auto prefix = reader.optional_string("id_prefix")) {
        config.id_prefix = *prefix;
        const bool valid = !prefix->empty() && prefix->size() <= 8 &&
                           std::all_of(prefix->begin(), prefix->end(), [](char c) {
                               return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                           });
        if (!valid) {
            out.error(yaml::location(path, *reader.optional("id_prefix")),
                      msg("config.bad_prefix", *prefix));
        }
    }
    if (auto policy = reader.optional_string("signatures")) {
        if (*policy == "required") {
            config.signatures = SignaturePolicy::required;
        } else if (*policy == "optional") {
            config.signatures = SignaturePolicy::optional;
        } else if (*policy == "off") {
            config.signatures = SignaturePolicy::off;
        } else {
            out.error(yaml::location(path, *reader.optional("signatures")),
                      msg("config.bad_signatures", *policy));
        }
    }
    read_rules(reader, config);
    if (const auto* notify = reader.optional("notify")) {
        config.notify = read_notify_settings(*notify, path, out);
    }
    read_site_url(reader, config);
    reader.finish();
    if (out.has_errors() && !errors_before) {
        return std::nullopt;
    }
    return config;
}

std::string request_page(const Config& config, const std::string& request_id) {
    return config.site_url.empty() ? std::string()
                                   : config.site_url + "/requests/" + request_id + ".html";
}

std::string person_page(const Config& config, const std::string& person_id) {
    return config.site_url.empty() ? std::string()
                                   : config.site_url + "/people/" + person_id + ".html";
}

} // namespace collab::model
