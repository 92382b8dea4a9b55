#include "cli/request_digests.hpp"

#include "cli/terminal.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <collab/store/digest_cache_update.hpp>
#include <collab/store/disk.hpp>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <unistd.h>

namespace collab::cli {

using i18n::msg;

namespace {

// Runs `work(i)` for every i < count on every core. On a terminal, says how far it
// got once it has taken more than a second.
template <typename Work>
void run_on_every_core(std::size_t count, Session& session, Work work) {
    auto cores = std::max(1U, std::thread::hardware_concurrency());
    if (const char* jobs = std::getenv("COLLAB_JOBS"); jobs != nullptr && std::atoi(jobs) > 0) {
        cores = static_cast<unsigned>(std::atoi(jobs));
    }
    const auto workers = static_cast<std::size_t>(std::min<unsigned>(cores, 64));
    if (count < 64 || workers == 1) {
        for (std::size_t i = 0; i < count; ++i) {
            work(i);
        }
        return;
    }
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    std::mutex mutex;
    std::condition_variable finished;
    std::vector<std::thread> pool;
    for (std::size_t w = 0; w < workers; ++w) {
        pool.emplace_back([&] {
            for (std::size_t i = next++; i < count; i = next++) {
                work(i);
                if (++done == count) {
                    const std::lock_guard<std::mutex> lock(mutex);
                    finished.notify_all();
                }
            }
        });
    }
    const auto start = std::chrono::steady_clock::now();
    // Not under a pager, which shares the terminal and would be written over.
    const bool terminal = isatty(STDERR_FILENO) != 0 && !pager_running();
    bool shown = false;
    {
        std::unique_lock<std::mutex> lock(mutex);
        while (!finished.wait_for(lock, std::chrono::milliseconds(100),
                                  [&] { return done.load() == count; })) {
            if (terminal && std::chrono::steady_clock::now() - start > std::chrono::seconds(1)) {
                session.raw_err() << '\r'
                                  << session.tr(msg("cli.reading_records", done.load(), count))
                                  << std::flush;
                shown = true;
            }
        }
    }
    for (auto& thread : pool) {
        thread.join();
    }
    if (shown) {
        session.raw_err() << "\r\033[K" << std::flush;
    }
}

} // namespace

std::vector<std::string> request_folders(const store::Workspace& workspace) {
    return store::request_folder_names(workspace.disk());
}

DigestRun visit_digests(Session& session, const std::vector<std::string>& ids, bool every_request,
                        const DigestOptions& options, const DigestVisitor& visit) {
    const auto& workspace = session.workspace();
    const auto context = session.context();
    const auto secret = store::digest_cache_secret(options);
    const auto previous = store::load_digest_cache(workspace, options, secret);

    std::vector<Diagnostics> problems(ids.size());
    std::vector<char> from_cache(ids.size(), 0);
    std::vector<char> no_temp_files(ids.size(), 0);
    std::vector<std::size_t> files_read(ids.size(), 0);
    std::vector<std::exception_ptr> errors(ids.size());
    store::DigestPolicy policy(workspace, context, previous, options);
    if (options.fallback_cache_file != nullptr && secret) {
        policy.fall_back_on([&] {
            auto other = options;
            other.cache_file = options.fallback_cache_file;
            return store::load_digest_cache(workspace, other, secret);
        });
    }
    // The next cache is written as the digests are worked out, not held to the end.
    std::optional<store::DigestCacheUpdate> next;
    if (secret) {
        next.emplace(workspace.disk(), options.cache_file, *secret, ids, every_request, previous);
    }
    run_on_every_core(ids.size(), session, [&](std::size_t i) {
        try {
            auto outcome = policy.digest(ids[i]);
            if (outcome.digest) {
                visit(i, *outcome.digest);
                outcome.digest.reset();
            }
            problems[i] = std::move(outcome.problems);
            from_cache[i] = outcome.from_cache ? 1 : 0;
            no_temp_files[i] = outcome.no_temp_files ? 1 : 0;
            files_read[i] = outcome.files_read;
            if (next) {
                next->add(i, outcome);
            }
        } catch (...) {
            errors[i] = std::current_exception();
        }
    });

    DigestRun run;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (errors[i]) {
            std::rethrow_exception(errors[i]); // the new cache is dropped, the old one stays
        }
        run.problems.append(problems[i]);
        run.from_cache += from_cache[i];
        run.worked_out += 1 - from_cache[i];
        run.files_read += files_read[i];
        if (no_temp_files[i] != 0) {
            run.no_temp_files.push_back(ids[i]);
        }
    }
    const bool written = next && next->finish();
    if (std::getenv("COLLAB_CACHE_STATS") != nullptr) {
        session.err() << session.tr(msg("cli.cache_stats", ids.size(), run.from_cache,
                                        run.worked_out, written ? 1 : 0, run.files_read))
                      << '\n';
    }
    return run;
}

void visit_index(Session& session, const std::vector<std::string>& ids, bool use_cache,
                 store::DigestParts parts, const DigestVisitor& visit) {
    DigestOptions options;
    options.use_cache = use_cache;
    options.cache_file = k_index_cache_file;
    options.fallback_cache_file = store::k_digest_cache_file;
    options.report_missing_forms = false; // as Workspace::request_ids: a form or nothing
    options.parts = parts;
    options.parts.index = true;
    std::vector<char> form_later(ids.size(), 0);
    const auto run = visit_digests(session, ids, true, options,
                                   [&](std::size_t i, rules::RequestDigest& digest) {
                                       if (digest.index.existed) {
                                           form_later[i] = digest.index.form_unknown ? 1 : 0;
                                           visit(i, digest);
                                       }
                                   });
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (form_later[i] != 0) {
            session.note_form_later(ids[i]);
        }
    }
    if (run.problems.has_errors()) {
        session.fail(k_exit_invalid, run.problems);
    }
    session.print_diagnostics(run.problems);
}

std::vector<rules::RequestDigest> index_digests(Session& session, bool use_cache,
                                                store::DigestParts parts) {
    return index_rows<rules::RequestDigest>(
        session, use_cache, parts,
        [](rules::RequestDigest& digest, std::vector<rules::RequestDigest>& rows) {
            rows.push_back(std::move(digest));
        });
}

std::vector<rules::RequestIndex> lookup_index(Session& session, bool with_tasks) {
    DigestOptions options;
    options.cache_file = k_index_cache_file;
    options.fallback_cache_file = store::k_digest_cache_file;
    options.report_missing_forms = false;
    options.parts.verdicts = false;
    options.parts.steps = false;
    options.parts.tasks = with_tasks; // a bare id is looked up by index.table_tasks and records
    options.parts.record_entries = false;
    options.parts.stats = false;
    const bool past = session.shows_past();
    const auto ids = request_folders(session.workspace());
    std::vector<std::optional<rules::RequestIndex>> found(ids.size());
    std::vector<char> whole(ids.size(), 0);
    auto run = visit_digests(session, ids, true, options,
                             [&](std::size_t i, rules::RequestDigest& digest) {
                                 if (!past && !digest.complete) {
                                     whole[i] = 1; // entries after now: read them all
                                 } else if (digest.index.existed) {
                                     found[i] = std::move(digest.index);
                                 }
                             });
    const auto& workspace = session.workspace();
    const auto context = session.context();
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (whole[i] != 0) {
            if (auto request = workspace.load_request(ids[i], run.problems)) {
                found[i] = rules::index_request(*request, context);
            }
        }
    }
    if (run.problems.has_errors()) {
        session.fail(k_exit_invalid, run.problems);
    }
    session.print_diagnostics(run.problems);
    std::vector<rules::RequestIndex> out;
    for (auto& index : found) {
        if (index) {
            out.push_back(std::move(*index));
        }
    }
    return out;
}

std::vector<model::Request> load_requests(Session& session, const std::vector<std::string>& ids) {
    const auto& workspace = session.workspace();
    std::vector<std::optional<model::Request>> loaded(ids.size());
    std::vector<Diagnostics> problems(ids.size());
    std::vector<std::exception_ptr> errors(ids.size());
    run_on_every_core(ids.size(), session, [&](std::size_t i) {
        try {
            loaded[i] = workspace.load_request(ids[i], problems[i]);
        } catch (...) {
            errors[i] = std::current_exception();
        }
    });
    Diagnostics all;
    std::vector<model::Request> requests;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (errors[i]) {
            std::rethrow_exception(errors[i]);
        }
        all.append(problems[i]);
        if (loaded[i]) {
            if (auto seen = session.seen_now(std::move(*loaded[i]))) {
                requests.push_back(std::move(*seen));
            }
        }
    }
    if (all.has_errors()) {
        session.fail(k_exit_invalid, all);
    }
    session.print_diagnostics(all);
    return requests;
}

} // namespace collab::cli
