#pragma once

#include <chrono>
#include <string>
#include <vector>

// collab::net: the network, through libcurl. The only code that opens a connection.
namespace collab::net {

// What a request got: the HTTP status (0 when no answer came), the body, and libcurl's
// reason when there was no answer (refused, timed out, ...).
struct HttpResult {
    long status = 0;
    std::string body;
    std::string error;
};

// POSTs a JSON body. `timeout` bounds the whole request, connecting included. Bodies
// of answers are kept to their first 64 KiB.
HttpResult post_json(const std::string& url, const std::string& body,
                     std::chrono::milliseconds timeout);

// One mail: plain text and HTML alternatives.
struct Mail {
    std::string from;
    std::vector<std::string> to;
    std::string subject;
    std::string text;
    std::string html;
};

// Sends a mail over SMTP (smtp://host:port, STARTTLS whenever the server offers it;
// smtps:// for TLS from the start), logging in when `user` is set. `status` of the
// result is 250 when the server took it.
HttpResult send_mail(const std::string& url, const std::string& user, const std::string& password,
                     const Mail& mail, std::chrono::milliseconds timeout);

} // namespace collab::net
