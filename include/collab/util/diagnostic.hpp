#pragma once

#include <collab/i18n/message.hpp>
#include <string>
#include <vector>

namespace collab {

enum class Severity { error, warning };

// Where a diagnostic points. Line and column are 1-based; 0 means "unknown".
struct SourceLocation {
    std::string path;
    int line = 0;
    int column = 0;
};

// One problem found in a file or a record, ready to be rendered as
// "path:line:col: error: message".
struct Diagnostic {
    Severity severity = Severity::error;
    SourceLocation where;
    i18n::Message message;
};

// Collects diagnostics. Parsers and validators append to one of these and go on,
// so that a user sees every problem in a file at once, not just the first.
class Diagnostics {
public:
    void error(SourceLocation where, i18n::Message message);
    void warning(SourceLocation where, i18n::Message message);
    void add(Diagnostic diagnostic);
    void append(const Diagnostics& other);

    bool has_errors() const;
    bool empty() const { return m_items.empty(); }
    std::size_t size() const { return m_items.size(); }
    const std::vector<Diagnostic>& items() const { return m_items; }

private:
    std::vector<Diagnostic> m_items;
};

// "path:line:col: error: message" (the parts that are known), in a language.
std::string format_diagnostic(i18n::Language lang, const Diagnostic& diagnostic);

} // namespace collab
