#include <collab/util/diagnostic.hpp>
#include <fmt/format.h>

namespace collab {

void Diagnostics::error(SourceLocation where, i18n::Message message) {
    m_items.push_back({Severity::error, std::move(where), std::move(message)});
}

void Diagnostics::warning(SourceLocation where, i18n::Message message) {
    m_items.push_back({Severity::warning, std::move(where), std::move(message)});
}

void Diagnostics::add(Diagnostic diagnostic) {
    m_items.push_back(std::move(diagnostic));
}

void Diagnostics::append(const Diagnostics& other) {
    m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

bool Diagnostics::has_errors() const {
    for (const auto& item : m_items) {
        if (item.severity == Severity::error) {
            return true;
        }
    }
    return false;
}

std::string format_diagnostic(i18n::Language lang, const Diagnostic& diagnostic) {
    std::string out;
    const auto& where = diagnostic.where;
    if (!where.path.empty()) {
        out += where.path;
        if (where.line > 0) {
            out += fmt::format(":{}", where.line);
            if (where.column > 0) {
                out += fmt::format(":{}", where.column);
            }
        }
        out += ": ";
    }
    out += i18n::text(lang, diagnostic.severity == Severity::error ? "severity.error"
                                                                   : "severity.warning");
    out += ": ";
    out += i18n::render(lang, diagnostic.message);
    return out;
}

} // namespace collab
