#include <algorithm>
#include <cerrno>
#include <collab/model/entry_chain.hpp>
#include <collab/store/atomic_file.hpp>
#include <collab/store/contained.hpp>
#include <collab/store/ssh_signatures.hpp>
#include <collab/util/sha256.hpp>
#include <collab/util/text.hpp>
#include <cstdlib>
#include <date/date.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <memory>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace collab::store {

namespace fs = std::filesystem;

namespace {

constexpr const char* k_namespace = "collab";

// The file's text, or "" when it cannot be read.
std::string slurp(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec) || fs::file_size(path, ec) > 65536) {
        return {};
    }
    try {
        return read_file(path);
    } catch (const std::system_error&) {
        return {};
    }
}

// The registered key of `person` matching a public key line, valid at `now`.
const model::PersonKey* registered(const model::Person& person, std::string_view line,
                                   time::Timestamp now) {
    const auto key = model::parse_public_key(util::trim(line));
    if (!key) {
        return nullptr;
    }
    for (const auto& mine : person.keys) {
        if (mine.blob == key->blob && mine.valid_at(now)) {
            return &mine;
        }
    }
    return nullptr;
}

std::string home_ssh() {
    const char* home = std::getenv("HOME");
    return home != nullptr && *home != '\0' ? std::string(home) + "/.ssh" : std::string();
}

// ~/.ssh/id_*.pub, sorted.
std::vector<fs::path> home_public_keys() {
    std::vector<fs::path> found;
    const auto dir = home_ssh();
    std::error_code ec;
    if (dir.empty()) {
        return found;
    }
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const auto name = it->path().filename().string();
        if (name.rfind("id_", 0) == 0 && name.size() > 4 &&
            name.compare(name.size() - 4, 4, ".pub") == 0) {
            found.push_back(it->path());
        }
    }
    std::sort(found.begin(), found.end());
    return found;
}

fs::path expand_home(const std::string& path) {
    if (path.rfind("~/", 0) == 0) {
        if (const char* home = std::getenv("HOME"); home != nullptr) {
            return fs::path(home) / path.substr(2);
        }
    }
    return path;
}

constexpr std::size_t k_max_remembered = 200000;

// The verified-signature cache's text; "" when missing or too large.
std::string slurp_cache(const fs::path& root, const std::string& relative) {
    if (root.empty()) {
        return {};
    }
    try {
        // Bounded before reading: a cache, never worth reading a huge file for.
        const int root_fd = open_root(root);
        const Opened opened = open_file_below(root_fd, relative, O_RDONLY);
        ::close(root_fd);
        if (opened.fd < 0) {
            return {};
        }
        // Closed however the read ends: read_descriptor throws on an I/O error.
        const std::unique_ptr<const int, void (*)(const int*)> closer(
            &opened.fd, [](const int* fd) { ::close(*fd); });
        struct stat info {};
        std::string text;
        if (::fstat(opened.fd, &info) == 0 &&
            static_cast<std::size_t>(info.st_size) <= k_max_remembered * 65) {
            text = read_descriptor(opened.fd, root / relative);
        }
        return text.size() > k_max_remembered * 65 ? std::string() : text;
    } catch (const std::exception&) {
        return {};
    }
}

std::string git_signing_key(const fs::path& dir) {
    const auto result = run_program({"git", "-C", dir.string(), "config", "user.signingkey"});
    return result.status == 0 ? util::trim(result.output) : std::string();
}

} // namespace

TempFolder::TempFolder() {
    std::error_code ec;
    auto base = fs::temp_directory_path(ec);
    if (ec) {
        base = "/tmp";
    }
    auto pattern = (base / "collab-ssh-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) {
        m_path = pattern;
    }
}

TempFolder::~TempFolder() {
    if (!m_path.empty()) {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
}

fs::path TempFolder::write(const std::string& name, std::string_view content) const {
    const auto path = m_path / name;
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        return {};
    }
    std::size_t done = 0;
    while (done < content.size()) {
        const auto wrote = ::write(fd, content.data() + done, content.size() - done);
        if (wrote < 0 && errno == EINTR) {
            continue;
        }
        if (wrote <= 0) {
            ::close(fd);
            return {};
        }
        done += static_cast<std::size_t>(wrote);
    }
    ::close(fd);
    return path;
}

std::string ssh_time(time::Timestamp at) {
    return date::format("%Y%m%d%H%M%SZ", at);
}

std::string allowed_signers(const model::Roster& roster) {
    std::string out;
    for (const auto& person : roster.people()) {
        for (const auto& key : person.keys) {
            std::string options = fmt::format("namespaces=\"{}\"", k_namespace);
            if (key.valid_from) {
                options += ",valid-after=\"" + ssh_time(date::sys_days(*key.valid_from)) + "\"";
            }
            if (key.valid_until) {
                options += ",valid-before=\"" +
                           ssh_time(date::sys_days(*key.valid_until) + date::days(1)) + "\"";
            }
            out += fmt::format("{} {} {}\n", person.id, options, key.public_key());
        }
    }
    return out;
}

SignatureVerifier::SignatureVerifier(const model::Roster& roster, model::SignaturePolicy policy,
                                     fs::path root, std::string cache_file)
    : m_roster(roster), m_policy(policy), m_allowed(allowed_signers(roster)),
      m_allowed_hash(util::sha256_hex(m_allowed)), m_root(std::move(root)),
      m_cache_file(std::move(cache_file)) {}

SignatureVerifier::~SignatureVerifier() {
    if (!m_cache_changed || m_root.empty() || m_cache_file.empty()) {
        return;
    }
    std::string text;
    for (const auto& hash : m_verified) {
        text += hash + "\n";
    }
    try {
        std::error_code ec;
        fs::create_directories(m_root, ec);
        write_file_atomically(m_root, m_cache_file, text, false);
    } catch (const std::exception&) {
        // A cache: the next run verifies again.
    }
}

bool SignatureVerifier::remembered(const std::string& hash) const {
    const std::lock_guard lock(m_mutex);
    if (!m_cache_loaded) {
        m_cache_loaded = true;
        const auto text = m_cache_file.empty() ? std::string() : slurp_cache(m_root, m_cache_file);
        for (std::size_t at = 0; at + 64 <= text.size(); at += 65) {
            m_verified.insert(text.substr(at, 64));
        }
    }
    return m_verified.count(hash) != 0;
}

void SignatureVerifier::remember(const std::string& hash) const {
    const std::lock_guard lock(m_mutex);
    if (m_verified.size() < k_max_remembered) {
        m_cache_changed = m_verified.insert(hash).second || m_cache_changed;
    }
}

model::SignatureStatus SignatureVerifier::status(const std::string& request_id,
                                                 const model::Event& event) const {
    using model::SignatureStatus;
    if (m_policy == model::SignaturePolicy::off) {
        return SignatureStatus::unchecked;
    }
    const auto* sig = event.data.find("sig");
    if (sig == nullptr || sig->is_null()) {
        return SignatureStatus::missing;
    }
    const auto signer =
        sig->is_scalar() ? model::signature_public_key(sig->scalar()) : std::nullopt;
    if (!signer) {
        return SignatureStatus::invalid;
    }
    const auto* person = m_roster.find(event.by);
    const bool known = person != nullptr &&
                       std::any_of(person->keys.begin(), person->keys.end(), [&](const auto& key) {
                           return key.blob == *signer && key.valid_at(event.at);
                       });
    if (!known) {
        return SignatureStatus::unknown_key;
    }
    const auto bytes = model::canonical_entry_bytes(request_id, event.by, event.data);
    const auto remembered_as =
        util::sha256_hex(m_allowed_hash + "\n" + event.by + "\n" + ssh_time(event.at) + "\n" +
                         sig->scalar() + "\n" + bytes);
    if (remembered(remembered_as)) {
        return SignatureStatus::verified;
    }
    const TempFolder folder;
    if (!folder.ok()) {
        return SignatureStatus::invalid;
    }
    const auto allowed = folder.write("allowed_signers", m_allowed);
    const auto data = folder.write("entry", bytes);
    const auto signature = folder.write("entry.sig", sig->scalar());
    if (allowed.empty() || data.empty() || signature.empty()) {
        return SignatureStatus::invalid;
    }
    const auto result =
        run_program({"ssh-keygen", "-Y", "verify", "-f", allowed.string(), "-I", event.by, "-n",
                     k_namespace, "-s", signature.string(), "-Overify-time=" + ssh_time(event.at)},
                    data.string());
    if (result.spawn_error != 0) {
        throw FileError(std::error_code(result.spawn_error, std::generic_category()),
                        i18n::msg("store.io.ssh_keygen"));
    }
    if (result.status != 0) {
        return SignatureStatus::invalid;
    }
    remember(remembered_as);
    return SignatureStatus::verified;
}

std::optional<SigningKey> find_signing_key(const model::Person& person, time::Timestamp now,
                                           const fs::path& dir) {
    if (const char* sock = std::getenv("SSH_AUTH_SOCK"); sock != nullptr && *sock != '\0') {
        const auto listed = run_program({"ssh-add", "-L"});
        if (listed.status == 0) {
            std::size_t start = 0;
            while (start < listed.output.size()) {
                auto end = listed.output.find('\n', start);
                if (end == std::string::npos) {
                    end = listed.output.size();
                }
                const auto line = std::string_view(listed.output).substr(start, end - start);
                if (const auto* key = registered(person, line, now)) {
                    return SigningKey{key->public_key(), {}};
                }
                start = end + 1;
            }
        }
    }
    const auto configured = git_signing_key(dir);
    if (configured.rfind("key::", 0) == 0) {
        // A literal public key: only the agent can sign with it, and it did not.
    } else if (!configured.empty()) {
        const auto file = expand_home(configured);
        const auto is_pub = file.extension() == ".pub";
        const auto pub = is_pub ? file : fs::path(file.string() + ".pub");
        const auto priv = is_pub ? file.parent_path() / file.stem() : file;
        if (const auto* key = registered(person, slurp(pub), now)) {
            std::error_code ec;
            return SigningKey{key->public_key(),
                              fs::exists(priv, ec) ? priv.string() : pub.string()};
        }
    }
    for (const auto& pub : home_public_keys()) {
        if (const auto* key = registered(person, slurp(pub), now)) {
            const auto priv = pub.parent_path() / pub.stem();
            std::error_code ec;
            if (fs::exists(priv, ec)) {
                return SigningKey{key->public_key(), priv.string()};
            }
        }
    }
    return std::nullopt;
}

std::string default_public_key(const fs::path& dir) {
    const auto configured = git_signing_key(dir);
    if (configured.rfind("key::", 0) == 0) {
        return util::trim(configured.substr(5));
    }
    if (!configured.empty() && expand_home(configured).extension() == ".pub") {
        return util::trim(slurp(expand_home(configured)));
    }
    for (const auto& pub : home_public_keys()) {
        if (auto text = util::trim(slurp(pub)); !text.empty()) {
            return text;
        }
    }
    return {};
}

std::optional<std::string> sign_bytes(const SigningKey& key, const std::string& bytes) {
    const TempFolder folder;
    if (!folder.ok()) {
        return std::nullopt;
    }
    auto file = key.file;
    if (file.empty()) {
        file = folder.write("key.pub", key.public_key + "\n").string();
    }
    const auto data = folder.write("entry", bytes);
    if (file.empty() || data.empty()) {
        return std::nullopt;
    }
    const auto result = run_program(
        {"ssh-keygen", "-q", "-Y", "sign", "-n", k_namespace, "-f", file, data.string()}, {}, true);
    auto signature = slurp(data.string() + ".sig");
    if (result.status != 0 || signature.empty()) {
        return std::nullopt;
    }
    return signature;
}

} // namespace collab::store
