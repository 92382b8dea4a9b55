#include <algorithm>
#include <cerrno>
#include <collab/model/entry_chain.hpp>
#include <collab/model/request_id.hpp>
#include <collab/rules/signature_policy.hpp>
#include <collab/store/atomic_file.hpp>
#include <collab/store/contained.hpp>
#include <collab/store/disk.hpp>
#include <collab/store/git_history.hpp>
#include <collab/store/log_segments.hpp>
#include <collab/store/record_folder.hpp>
#include <collab/store/recovery.hpp>
#include <collab/store/ssh_signatures.hpp>
#include <collab/store/workspace.hpp>
#include <collab/time/calendar_file.hpp>
#include <collab/util/relative_path.hpp>
#include <collab/util/utf8.hpp>
#include <collab/yaml/map_reader.hpp>
#include <collab/yaml/writer.hpp>
#include <cstdlib>
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

Workspace::Workspace(std::shared_ptr<const Disk> disk, model::Config config, model::Roster roster,
                     time::Calendar calendar, time::Zone zone)
    : m_disk(std::move(disk)), m_root(m_disk->root()), m_config(std::move(config)),
      m_roster(std::move(roster)), m_calendar(std::move(calendar)), m_zone(std::move(zone)) {}

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
std::vector<std::string> record_names(const Disk& folder, const std::string& request_dir,
                                      bool* temp_seen) {
    std::vector<std::string> names;
    const auto files = folder.list(request_dir, false);
    bool temp = std::any_of(files.begin(), files.end(),
                            [](const std::string& file) { return is_temp_name(file); });
    const auto logs = request_dir.empty() ? std::string("log") : request_dir + "/log";
    for (const char* name : {"request.yaml", "tasks.yaml"}) {
        if (std::binary_search(files.begin(), files.end(), std::string(name))) {
            names.emplace_back(name);
        }
    }
    // A log folder that is a link (or not a folder) is named, so that reading it
    // reports why rather than its logs silently going missing.
    const auto log_kind = folder.kind(logs);
    if (log_kind != EntryKind::missing && log_kind != EntryKind::folder) {
        names.emplace_back("log");
        if (temp_seen != nullptr) {
            *temp_seen = true; // not known: let the scan look
        }
        return names;
    }
    // Each owner's segments in order, so that a log is read as one, entry after entry.
    std::vector<std::tuple<bool, std::string, int, std::string>> found;
    for (const auto& file : folder.list(logs, false)) {
        if (is_temp_name(file)) {
            temp = true;
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
    if (temp_seen != nullptr) {
        *temp_seen = temp;
    }
    return names;
}

std::optional<model::Request> read_request(const std::string& id,
                                           const std::vector<RecordText>& files,
                                           const time::Zone& zone, Diagnostics& out,
                                           const SignatureVerifier* verifier) {
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
            const auto& owner = log->owner;
            // A log names its request and person: a folder copied under another id, or
            // a log moved from another folder, does not replay there.
            const auto header = model::read_log_header(file.text);
            if (header && header->request_id != id) {
                problems.error({relative, 1, 1},
                               msg("store.log_wrong_request", header->request_id, id));
                continue;
            }
            if (header && header->person != owner) {
                problems.error({relative, 1, 1},
                               msg("store.log_wrong_person", header->person, owner));
                continue;
            }
            // collab writes whole lines and never an empty log: a log that ends inside
            // a line, or holds no entry, was cut short (or emptied) and says so itself.
            if (!file.text.empty() && file.text.back() != '\n') {
                const auto lines = std::count(file.text.begin(), file.text.end(), '\n');
                problems.error({relative, static_cast<int>(lines) + 1, 1}, msg("store.log_cut"));
                continue;
            }
            if (auto node = parse_record(file.text, relative, problems)) {
                if (node->is_null()) {
                    problems.error({relative, 1, 1}, msg("store.log_empty"));
                    continue;
                }
                auto events = model::read_log(std::move(*node), relative, id, owner, zone,
                                              model::event_action_keys(), problems);
                for (auto& event : events) {
                    if (verifier != nullptr) {
                        event.signature = verifier->status(id, event);
                    }
                }
                request.events.insert(request.events.end(), std::make_move_iterator(events.begin()),
                                      std::make_move_iterator(events.end()));
            }
        }
    }
    if (!has_form) {
        problems.error({request.dir, 0, 0}, msg("store.no_form"));
    }
    model::sort_events(request.events);
    if (verifier != nullptr) {
        rules::set_aside_untrusted(request, verifier->policy());
    }
    out.append(problems);
    if (problems.has_errors()) {
        return std::nullopt;
    }
    return request;
}

// A record file's text, opened without following links (store/contained); problems
// reading it are reported.
std::optional<std::string> read_record(const Disk& disk, const std::string& relative,
                                       Diagnostics& out) {
    auto result = disk.read(relative, yaml::Limits{}.max_bytes);
    switch (result.failure) {
    case DiskRead::Failure::none:
        return std::move(result.text);
    case DiskRead::Failure::open:
        if (const char* id = opened_attempt(result.error, ""); *id != '\0') {
            out.error({relative, 0, 0}, msg(id, result.failed));
            return std::nullopt;
        }
        break;
    case DiskRead::Failure::too_large:
        report_too_large(relative, result.size, out);
        return std::nullopt;
    case DiskRead::Failure::root:
    case DiskRead::Failure::read:
        break;
    }
    out.error({relative, 0, 0},
              msg("store.cannot_read", std::generic_category().message(result.error)));
    return std::nullopt;
}

namespace {

std::optional<yaml::Node> read_yaml_at(const Disk& disk, const std::string& relative,
                                       Diagnostics& out, std::string* text_out = nullptr) {
    auto text = read_record(disk, relative, out);
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

Diagnostics check_request_entries(const fs::path& root) {
    return check_request_entries(*contained_disk(root));
}

Diagnostics check_request_entries(const Disk& folder) {
    Diagnostics out;
    const auto requests_kind = folder.kind(k_requests_dir);
    if (requests_kind == EntryKind::link || requests_kind == EntryKind::other) {
        out.error({k_requests_dir, 0, 0},
                  msg(requests_kind == EntryKind::link ? "store.io.link" : "store.io.not_regular",
                      k_requests_dir));
        return out;
    }
    for (const auto& [name, kind] : folder.entries(k_requests_dir)) {
        if (name.front() == '.') {
            continue; // hidden: .gitkeep and the like
        }
        const auto path = std::string(k_requests_dir) + "/" + name;
        if (!model::is_request_id(name)) {
            out.warning({path, 0, 0}, msg("store.not_request", path));
        } else if (kind != EntryKind::folder) {
            out.error({path, 0, 0}, msg("store.request_not_folder", path));
        }
    }
    return out;
}

std::vector<std::string> request_folder_names(const Disk& folder) {
    auto names = folder.list(k_requests_dir, true);
    names.erase(std::remove_if(names.begin(), names.end(),
                               [](const std::string& name) { return !model::is_request_id(name); }),
                names.end());
    return names;
}

Diagnostics scan_request_files(const fs::path& root) {
    return scan_request_files(*contained_disk(root));
}

Diagnostics scan_request_files(const Disk& folder) {
    Diagnostics out = check_request_entries(folder);
    for (const auto& id : request_folder_names(folder)) {
        const auto dir = std::string(k_requests_dir) + "/" + id;
        const auto names = record_names(folder, dir);
        if (names.empty() || names.front() != "request.yaml") {
            out.error({dir, 0, 0}, msg("store.no_form"));
            continue;
        }
        for (const auto& name : names) {
            read_yaml_at(folder, dir + "/" + name, out);
        }
    }
    return out;
}

std::optional<Workspace> Workspace::open(const fs::path& root, Diagnostics& out,
                                         const GitBase* trusted) {
    // Verified signatures are remembered in the user's cache, never in the workspace:
    // a pull request could commit a .collab/ whose "verified" list vouches for a forgery.
    return open(contained_disk(root), out, trusted, user_cache_dir());
}

std::optional<Workspace> Workspace::open(std::shared_ptr<const Disk> disk, Diagnostics& out,
                                         const GitBase* trusted, const fs::path& signature_cache) {
    Diagnostics problems;
    // The settings files from the working tree, or from the trusted commit.
    const auto read_settings = [&](const std::string& relative, std::string* text_out) {
        if (trusted == nullptr) {
            return read_yaml_at(*disk, relative, problems, text_out);
        }
        const auto named = trusted->ref() + ":" + relative;
        auto text = trusted->read_at_ref(relative);
        if (!text) {
            problems.error({named, 0, 0}, msg("trust.missing_at_ref", relative, trusted->ref()));
            return std::optional<yaml::Node>();
        }
        auto node = parse_record(*text, named, problems);
        *text_out = std::move(*text);
        return node;
    };
    util::KeyBuilder settings;
    std::string text;
    std::optional<model::Config> config;
    if (auto node = read_settings(k_config_file, &text)) {
        config = model::read_config(*node, k_config_file, problems);
    }
    settings.add(k_config_file).add(text);
    std::optional<model::Roster> roster;
    if (auto node = read_settings(k_roster_file, &text)) {
        roster = model::read_roster(*node, k_roster_file, problems);
    }
    settings.add(k_roster_file).add(text);
    std::vector<time::CalendarYear> years;
    if (config) {
        for (const auto& relative : config->calendars) {
            if (!util::normal_relative_path(relative)) {
                continue; // reported by read_config; never read
            }
            if (auto node = read_settings(relative, &text)) {
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
    Workspace workspace(std::move(disk), std::move(*config), std::move(*roster),
                        std::move(calendar), std::move(zone));
    workspace.m_settings_key = settings.key();
    workspace.m_verifier = std::make_shared<const SignatureVerifier>(
        workspace.m_roster, workspace.m_config.signatures, signature_cache,
        signature_cache.empty() ? "" : "signatures");
    return workspace;
}

fs::path user_cache_dir() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/') {
        return fs::path(xdg) / "collab";
    }
    if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/') {
        return fs::path(home) / ".cache" / "collab";
    }
    return {};
}

std::vector<std::string> Workspace::request_ids() const {
    std::vector<std::string> ids;
    // The root opened once for the whole listing (else each call opens it again).
    const auto pinned = m_disk->below("");
    const Disk& disk = pinned ? *pinned : *m_disk;
    for (auto& id : request_folder_names(disk)) {
        // A request.yaml that is a link is kept, so that reading it says why.
        if (disk.kind(std::string(k_requests_dir) + "/" + id + "/request.yaml") !=
            EntryKind::missing) {
            ids.push_back(std::move(id));
        }
    }
    return ids;
}

bool Workspace::has_request(const std::string& id) const {
    const auto dir = std::string(k_requests_dir) + "/" + id;
    return model::is_request_id(id) && m_disk->kind(dir) == EntryKind::folder &&
           m_disk->kind(dir + "/request.yaml") != EntryKind::missing;
}

std::optional<yaml::Node> Workspace::read_yaml(const std::string& relative,
                                               Diagnostics& out) const {
    return read_yaml_at(*m_disk, relative, out);
}

bool Workspace::exists(const std::string& relative) const {
    // A link counts as there: reading or replacing it is then refused.
    return m_disk->kind(relative) != EntryKind::missing;
}

std::string Workspace::read_text(const std::string& relative) const {
    auto result = m_disk->read(relative, static_cast<std::size_t>(-1));
    if (!result.text) {
        throw_read_failure(result, *m_disk, relative);
    }
    return std::move(*result.text);
}

std::optional<model::Request> Workspace::load_request(const std::string& id,
                                                      Diagnostics& out) const {
    const auto dir = std::string(k_requests_dir) + "/" + id;
    const auto pinned = m_disk->below("");
    const Disk& disk = pinned ? *pinned : *m_disk;
    std::vector<RecordText> files;
    Diagnostics problems;
    for (auto& name : record_names(disk, dir)) {
        if (auto text = read_record(disk, dir + "/" + name, problems)) {
            files.push_back({std::move(name), std::move(*text)});
        }
    }
    auto request = read_request(id, files, m_zone, problems, m_verifier.get());
    out.append(problems);
    if (problems.has_errors()) {
        return std::nullopt;
    }
    return request;
}

void Workspace::write(const std::string& relative, std::string_view content) const {
    // The one way records are written: text that the reader would refuse is refused
    // here, so collab never writes a file it cannot read back.
    if (const auto bad = util::first_text_problem(content)) {
        throw FileError(
            std::error_code(EILSEQ, std::generic_category()),
            msg(bad->fault == util::TextFault::nul ? "store.io.nul_text" : "store.io.bad_text",
                relative, bad->line, bad->column));
    }
    m_disk->write(relative, content, true);
}

void Workspace::remove(const std::string& relative) const {
    m_disk->remove(relative);
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
    // The entry's text after the given entries of its segment: prev before content,
    // content before sig, so a cut at any line loses content or sig.
    const auto entry_text = [&](const std::vector<yaml::Node>& before) {
        auto fields = extra;
        fields.set("prev", yaml::Node::make_scalar(model::next_prev(request.id, event.by, before)));
        auto entry = model::event_entry(event, fields);
        if (m_signer) {
            // Signed as it will be read back: the emitted text parsed again.
            auto list = yaml::Node::make_sequence();
            list.push_back(entry);
            Diagnostics ignored;
            const auto written = parse_record(yaml::emit(list), relative, ignored);
            const auto signature =
                written && written->is_sequence() && !written->items().empty()
                    ? m_signer(event.by, model::canonical_entry_bytes(request.id, event.by,
                                                                      written->items()[0]))
                    : std::string();
            if (!signature.empty()) {
                entry.set("sig", yaml::Node::make_scalar(signature));
            }
        }
        auto list = yaml::Node::make_sequence();
        list.push_back(std::move(entry));
        return yaml::emit(list);
    };
    std::string text;
    std::vector<yaml::Node> entries;
    if (exists(relative)) {
        text = read_text(relative);
        if (!text.empty() && text.back() != '\n') {
            text += '\n';
        }
        Diagnostics ignored;
        if (auto node = parse_record(text, relative, ignored); node && node->is_sequence()) {
            entries = node->items();
        }
    }
    auto entry = entry_text(entries);
    if (!text.empty() && text.size() + entry.size() > k_log_segment_bytes) {
        // The next segment starts a chain of its own, with the same header.
        relative = request.dir + "/" + log_segment_name(event.by, segment + 1);
        text.clear();
        entry = entry_text({});
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

std::unique_ptr<DiskLock> Workspace::lock(int timeout_ms) const {
    return m_disk->lock(k_lock_file, timeout_ms);
}

} // namespace collab::store
