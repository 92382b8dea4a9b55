#include <algorithm>
#include <collab/store/atomic_file.hpp>
#include <collab/store/log_segments.hpp>
#include <collab/store/record_folder.hpp>
#include <collab/store/recovery.hpp>
#include <collab/store/workspace.hpp>
#include <collab/time/calendar_file.hpp>
#include <collab/yaml/map_reader.hpp>
#include <system_error>
#include <tuple>

namespace collab::store {

namespace fs = std::filesystem;
using i18n::msg;

std::optional<fs::path> Workspace::find_root(const fs::path& start) {
    std::error_code ec;
    auto dir = fs::absolute(start, ec);
    if (ec) {
        return std::nullopt;
    }
    while (true) {
        if (fs::is_regular_file(dir / k_config_file, ec)) {
            return dir;
        }
        if (!dir.has_parent_path() || dir.parent_path() == dir) {
            return std::nullopt;
        }
        dir = dir.parent_path();
    }
}

Workspace::Workspace(fs::path root, model::Config config, model::Roster roster,
                     time::Calendar calendar, time::Zone zone)
    : m_root(std::move(root)), m_config(std::move(config)), m_roster(std::move(roster)),
      m_calendar(std::move(calendar)), m_zone(std::move(zone)) {}

namespace {

// A file over the read limit; a log says how to split it into segments.
void report_too_large(const std::string& relative, std::size_t size, Diagnostics& out) {
    const yaml::Limits limits;
    const auto at = relative.rfind("/log/");
    const auto log =
        at == std::string::npos ? std::nullopt : parse_log_name(relative.substr(at + 1));
    if (log) {
        out.error({relative, 1, 1}, msg("store.log_too_large", size, limits.max_bytes,
                                        log_segment_name(log->owner, log->segment + 1)));
    } else {
        out.error({relative, 1, 1}, msg("store.too_large", size, limits.max_bytes));
    }
}

} // namespace

std::optional<yaml::Node> parse_record(std::string_view text, const std::string& relative,
                                       Diagnostics& out) {
    const yaml::Limits limits;
    if (text.size() > limits.max_bytes) {
        report_too_large(relative, text.size(), out);
        return std::nullopt;
    }
    Diagnostics parse_problems;
    auto node = yaml::parse(text, relative, parse_problems, limits);
    out.append(parse_problems);
    if (parse_problems.has_errors()) {
        return std::nullopt;
    }
    return node;
}

TextTooLarge::TextTooLarge(std::string field, std::size_t size)
    : std::runtime_error("text too large: " + field), m_field(std::move(field)), m_size(size) {}

namespace {

void check_text_sizes_at(const yaml::Node& node, const std::string& path) {
    if (node.is_scalar()) {
        if (node.scalar().size() > k_max_text_bytes) {
            throw TextTooLarge(path, node.scalar().size());
        }
    } else if (node.is_map()) {
        for (const auto& [key, value] : node.entries()) {
            check_text_sizes_at(value, path.empty() ? key.scalar() : path + "." + key.scalar());
        }
    } else if (node.is_sequence()) {
        std::size_t index = 0;
        for (const auto& item : node.items()) {
            check_text_sizes_at(item, path + "." + std::to_string(++index));
        }
    }
}

constexpr std::string_view k_yaml_suffix = ".yaml";
constexpr int k_max_segment = 99999;

} // namespace

void check_text_sizes(const yaml::Node& node) {
    check_text_sizes_at(node, "");
}

std::optional<LogName> parse_log_name(std::string_view name) {
    if (name.rfind("log/", 0) != 0 || name.size() <= 4 + k_yaml_suffix.size() ||
        name.substr(name.size() - k_yaml_suffix.size()) != k_yaml_suffix) {
        return std::nullopt;
    }
    auto stem = name.substr(4, name.size() - 4 - k_yaml_suffix.size());
    LogName log;
    if (const auto plus = stem.find('+'); plus != std::string_view::npos) {
        const auto digits = stem.substr(plus + 1);
        if (digits.empty() || digits.size() > 5 || digits.front() == '0' ||
            digits.find_first_not_of("0123456789") != std::string_view::npos) {
            return std::nullopt;
        }
        log.segment = std::stoi(std::string(digits));
        if (log.segment < 2 || log.segment > k_max_segment) {
            return std::nullopt;
        }
        stem = stem.substr(0, plus);
    }
    if (!model::is_valid_id(stem)) {
        return std::nullopt;
    }
    log.owner = std::string(stem);
    return log;
}

std::string log_segment_name(const std::string& owner, int segment) {
    return segment <= 1 ? "log/" + owner + ".yaml"
                        : "log/" + owner + "+" + std::to_string(segment) + ".yaml";
}

// Lists every file in log/ but temporary ones: the logs by owner, each owner's
// segments in order, then any name that is no log name (read_request refuses it).
std::vector<std::string> record_names(const RecordFolder& folder, const std::string& request_dir) {
    std::vector<std::string> names;
    const auto files = folder.list(request_dir, false);
    const auto logs = request_dir.empty() ? std::string("log") : request_dir + "/log";
    for (const char* name : {"request.yaml", "tasks.yaml"}) {
        if (std::binary_search(files.begin(), files.end(), std::string(name))) {
            names.emplace_back(name);
        }
    }
    // Each owner's segments in order, so that a log is read as one, entry after entry.
    std::vector<std::tuple<bool, std::string, int, std::string>> found;
    for (const auto& file : folder.list(logs, false)) {
        if (is_temp_name(file)) {
            continue; // a killed write's leftover: `collab check` and `doctor` report it
        }
        auto name = "log/" + file;
        const auto log = parse_log_name(name);
        found.emplace_back(!log, log ? log->owner : name, log ? log->segment : 0, std::move(name));
    }
    std::sort(found.begin(), found.end());
    for (auto& entry : found) {
        names.push_back(std::move(std::get<3>(entry)));
    }
    return names;
}

std::optional<model::Request> read_request(const std::string& id,
                                           const std::vector<RecordText>& files,
                                           const time::Zone& zone, Diagnostics& out) {
    model::Request request;
    request.id = id;
    request.dir = std::string(k_requests_dir) + "/" + id;
    request.form_path = request.dir + "/request.yaml";
    Diagnostics problems;
    bool has_form = false;
    std::string last_owner;
    int last_segment = 0;
    for (const auto& file : files) {
        const auto relative = request.dir + "/" + file.name;
        if (file.name == "request.yaml") {
            has_form = true;
            if (auto node = parse_record(file.text, relative, problems)) {
                if (auto form = model::read_request_form(*node, relative, problems)) {
                    request.form = std::move(*form);
                }
            }
        } else if (file.name == "tasks.yaml") {
            if (auto node = parse_record(file.text, relative, problems)) {
                request.tasks = model::read_task_table(*node, relative, problems);
            }
        } else if (file.name.rfind("log/", 0) == 0) {
            const auto log = parse_log_name(file.name);
            if (!log) {
                problems.error({relative, 0, 0}, msg("store.bad_log_name"));
                continue;
            }
            // Segments follow one another: +2 after the first, +3 after +2, ...
            const bool follows = log->segment == 1
                                     ? log->owner != last_owner
                                     : log->owner == last_owner && log->segment == last_segment + 1;
            last_owner = log->owner;
            last_segment = log->segment;
            if (!follows) {
                problems.error({relative, 0, 0},
                               msg("store.log_segment_gap", log_segment_name(log->owner, 1)));
                continue;
            }
            if (auto node = parse_record(file.text, relative, problems)) {
                auto events = model::read_log(*node, relative, log->owner, zone,
                                              model::event_action_keys(), problems);
                request.events.insert(request.events.end(), std::make_move_iterator(events.begin()),
                                      std::make_move_iterator(events.end()));
            }
        }
    }
    if (!has_form) {
        problems.error({request.dir, 0, 0}, msg("store.no_form"));
    }
    model::sort_events(request.events);
    out.append(problems);
    if (problems.has_errors()) {
        return std::nullopt;
    }
    return request;
}

namespace {

// A record file's text; problems reading it are reported.
std::optional<std::string> read_record(const fs::path& root, const std::string& relative,
                                       Diagnostics& out) {
    const auto path = root / relative;
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec) {
        out.error({relative, 0, 0}, msg("store.cannot_read", ec.message()));
        return std::nullopt;
    }
    const yaml::Limits limits;
    if (size > limits.max_bytes) {
        // Refuse before reading: the file may be huge.
        report_too_large(relative, size, out);
        return std::nullopt;
    }
    try {
        return read_file(path);
    } catch (const std::system_error& error) {
        out.error({relative, 0, 0}, msg("store.cannot_read", error.code().message()));
        return std::nullopt;
    }
}

std::optional<yaml::Node> read_yaml_at(const fs::path& root, const std::string& relative,
                                       Diagnostics& out, std::string* text_out = nullptr) {
    auto text = read_record(root, relative, out);
    if (!text) {
        return std::nullopt;
    }
    auto node = parse_record(*text, relative, out);
    if (text_out != nullptr) {
        *text_out = std::move(*text);
    }
    return node;
}

} // namespace

Diagnostics scan_request_files(const fs::path& root) {
    Diagnostics out;
    const RecordFolder folder(root);
    for (const auto& id : folder.list(k_requests_dir, true)) {
        const auto dir = std::string(k_requests_dir) + "/" + id;
        const auto names = record_names(folder, dir);
        if (names.empty() || names.front() != "request.yaml") {
            out.error({dir, 0, 0}, msg("store.no_form"));
            continue;
        }
        for (const auto& name : names) {
            read_yaml_at(root, dir + "/" + name, out);
        }
    }
    return out;
}

std::optional<Workspace> Workspace::open(const fs::path& root, Diagnostics& out) {
    Diagnostics problems;
    util::KeyBuilder settings;
    std::string text;
    std::optional<model::Config> config;
    if (auto node = read_yaml_at(root, k_config_file, problems, &text)) {
        config = model::read_config(*node, k_config_file, problems);
    }
    settings.add(k_config_file).add(text);
    std::optional<model::Roster> roster;
    if (auto node = read_yaml_at(root, k_roster_file, problems, &text)) {
        roster = model::read_roster(*node, k_roster_file, problems);
    }
    settings.add(k_roster_file).add(text);
    std::vector<time::CalendarYear> years;
    if (config) {
        for (const auto& relative : config->calendars) {
            if (auto node = read_yaml_at(root, relative, problems, &text)) {
                settings.add(relative).add(text);
                if (auto year = time::read_calendar_year(*node, relative, problems)) {
                    years.push_back(std::move(*year));
                }
            }
        }
        for (std::size_t i = 0; i < years.size(); ++i) {
            for (std::size_t j = 0; j < i; ++j) {
                if (years[i].year == years[j].year && years[i].region == years[j].region) {
                    problems.error({years[i].path, 1, 1},
                                   msg("store.calendar_twice", years[i].year, years[j].path));
                }
            }
        }
    }
    out.append(problems);
    if (problems.has_errors() || !config || !roster) {
        return std::nullopt;
    }
    auto zone = time::Zone::locate(config->time_zone).value_or(time::Zone::utc());
    time::Calendar calendar(config->work_week, std::move(years), config->uncovered_years);
    Workspace workspace(root, std::move(*config), std::move(*roster), std::move(calendar),
                        std::move(zone));
    workspace.m_settings_key = settings.key();
    return workspace;
}

std::vector<std::string> Workspace::request_ids() const {
    std::vector<std::string> ids;
    std::error_code ec;
    const auto dir = m_root / k_requests_dir;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_directory(ec) && fs::is_regular_file(it->path() / "request.yaml", ec)) {
            ids.push_back(it->path().filename().string());
        }
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::optional<yaml::Node> Workspace::read_yaml(const std::string& relative,
                                               Diagnostics& out) const {
    return read_yaml_at(m_root, relative, out);
}

bool Workspace::exists(const std::string& relative) const {
    std::error_code ec;
    return fs::exists(m_root / relative, ec);
}

std::string Workspace::read_text(const std::string& relative) const {
    return read_file(m_root / relative);
}

std::optional<model::Request> Workspace::load_request(const std::string& id,
                                                      Diagnostics& out) const {
    const auto dir = std::string(k_requests_dir) + "/" + id;
    const RecordFolder folder(m_root);
    std::vector<RecordText> files;
    Diagnostics problems;
    for (auto& name : record_names(folder, dir)) {
        if (auto text = read_record(m_root, dir + "/" + name, problems)) {
            files.push_back({std::move(name), std::move(*text)});
        }
    }
    auto request = read_request(id, files, m_zone, problems);
    out.append(problems);
    if (problems.has_errors()) {
        return std::nullopt;
    }
    return request;
}

void Workspace::write(const std::string& relative, std::string_view content) const {
    write_file_atomically(m_root / relative, content);
}

void Workspace::append_event(const model::Request& request, const model::Event& event,
                             const yaml::Node& extra) const {
    // Past k_log_segment_bytes the log goes on in the next segment, with the same header.
    check_text_sizes(extra);
    // The person's last segment: the highest number that follows on from the first.
    int segment = 1;
    while (exists(request.dir + "/" + log_segment_name(event.by, segment + 1))) {
        ++segment;
    }
    auto relative = request.dir + "/" + log_segment_name(event.by, segment);
    const auto entry = model::format_event(event, extra);
    std::string text;
    if (exists(relative)) {
        text = read_text(relative);
        if (!text.empty() && text.back() != '\n') {
            text += '\n';
        }
        if (text.size() + entry.size() > k_log_segment_bytes) {
            relative = request.dir + "/" + log_segment_name(event.by, segment + 1);
            text.clear();
        }
    }
    if (text.empty()) {
        text = model::log_header(event.by, request.id);
    }
    text += entry;
    write(relative, text);
}

fs::path Workspace::lock_path() const {
    return m_root / k_state_dir / "lock";
}

} // namespace collab::store
