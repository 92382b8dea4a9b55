#pragma once

#include <collab/model/request_form.hpp>
#include <collab/rules/context.hpp>
#include <collab/util/diagnostic.hpp>

namespace collab::rules {

// Rule `form` of docs/PROCESS.md: title, background and goal; at least one action item,
// each with an acceptance criterion; a due date on a working day; at least one
// department that exists; participants, initiator and lead in the roster; at least
// one resource line, budget amounts as a number and a currency ("500 CNY"); source
// internal, or customer with the customer's name. Each problem is reported at its
// field, in the order of the form.
void check_form(const model::RequestForm& form, const Context& context, Diagnostics& out);

// Parses a budget amount: "500 CNY", "1,200.50 USD", "CNY 500". Returns the
// number and the ISO 4217-style currency code.
struct Amount {
    double value = 0;
    std::string currency;
};
std::optional<Amount> parse_amount(std::string_view text);

// The department ids a form names (resolving names such as "技术部"), in order,
// without duplicates; unknown names are left out.
std::vector<std::string> involved_departments(const model::RequestForm& form,
                                              const model::Roster& roster);

} // namespace collab::rules
