#include <algorithm>
#include <collab/store/atomic_file.hpp>
#include <collab/store/workspace.hpp>
#include <collab/time/calendar_file.hpp>
#include <collab/yaml/map_reader.hpp>
#include <system_error>

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

std::optional<yaml::Node> read_yaml_at(const fs::path& root, const std::string& relative,
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
        out.error({relative, 1, 1}, msg("store.too_large", size, limits.max_bytes));
        return std::nullopt;
    }
    std::string text;
    try {
        text = read_file(path);
    } catch (const std::system_error& error) {
        out.error({relative, 0, 0}, msg("store.cannot_read", error.code().message()));
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

} // namespace

Diagnostics scan_request_files(const fs::path& root) {
    Diagnostics out;
    std::error_code ec;
    std::vector<fs::path> folders;
    for (fs::directory_iterator it(root / k_requests_dir, ec), end; !ec && it != end;
         it.increment(ec)) {
        if (it->is_directory(ec)) {
            folders.push_back(it->path());
        }
    }
    std::sort(folders.begin(), folders.end());
    for (const auto& folder : folders) {
        const auto relative = std::string(k_requests_dir) + "/" + folder.filename().string();
        if (!fs::is_regular_file(folder / "request.yaml", ec)) {
            out.error({relative, 0, 0}, msg("store.no_form"));
            continue;
        }
        std::vector<std::string> files = {relative + "/request.yaml"};
        if (fs::is_regular_file(folder / "tasks.yaml", ec)) {
            files.push_back(relative + "/tasks.yaml");
        }
        std::vector<std::string> logs;
        for (fs::directory_iterator it(folder / "log", ec), end; !ec && it != end;
             it.increment(ec)) {
            if (it->path().extension() == ".yaml") {
                logs.push_back(relative + "/log/" + it->path().filename().string());
            }
        }
        std::sort(logs.begin(), logs.end());
        files.insert(files.end(), logs.begin(), logs.end());
        for (const auto& file : files) {
            read_yaml_at(root, file, out);
        }
    }
    return out;
}

std::optional<Workspace> Workspace::open(const fs::path& root, Diagnostics& out) {
    Diagnostics problems;
    std::optional<model::Config> config;
    if (auto node = read_yaml_at(root, k_config_file, problems)) {
        config = model::read_config(*node, k_config_file, problems);
    }
    std::optional<model::Roster> roster;
    if (auto node = read_yaml_at(root, k_roster_file, problems)) {
        roster = model::read_roster(*node, k_roster_file, problems);
    }
    std::vector<time::CalendarYear> years;
    if (config) {
        for (const auto& relative : config->calendars) {
            if (auto node = read_yaml_at(root, relative, problems)) {
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
    return Workspace(root, std::move(*config), std::move(*roster), std::move(calendar),
                     std::move(zone));
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
    model::Request request;
    request.id = id;
    request.dir = std::string(k_requests_dir) + "/" + id;
    request.form_path = request.dir + "/request.yaml";
    Diagnostics problems;
    if (auto node = read_yaml(request.form_path, problems)) {
        if (auto form = model::read_request_form(*node, request.form_path, problems)) {
            request.form = std::move(*form);
        }
    }
    if (exists(request.tasks_path())) {
        if (auto node = read_yaml(request.tasks_path(), problems)) {
            request.tasks = model::read_task_table(*node, request.tasks_path(), problems);
        }
    }
    std::error_code ec;
    std::vector<fs::path> logs;
    for (fs::directory_iterator it(m_root / request.dir / "log", ec), end; !ec && it != end;
         it.increment(ec)) {
        if (it->path().extension() == ".yaml") {
            logs.push_back(it->path());
        }
    }
    std::sort(logs.begin(), logs.end());
    for (const auto& log : logs) {
        const auto owner = log.stem().string();
        const auto relative = request.dir + "/log/" + log.filename().string();
        if (auto node = read_yaml(relative, problems)) {
            auto events = model::read_log(*node, relative, owner, m_zone,
                                          model::event_action_keys(), problems);
            request.events.insert(request.events.end(), std::make_move_iterator(events.begin()),
                                  std::make_move_iterator(events.end()));
        }
    }
    model::sort_events(request.events);
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
    const auto relative = request.log_path(event.by);
    std::string text;
    if (exists(relative)) {
        text = read_text(relative);
        if (!text.empty() && text.back() != '\n') {
            text += '\n';
        }
    } else {
        text = model::log_header(event.by, request.id);
    }
    text += model::format_event(event, extra);
    write(relative, text);
}

fs::path Workspace::lock_path() const {
    return m_root / k_state_dir / "lock";
}

} // namespace collab::store
