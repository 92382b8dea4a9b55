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
    // Why TLS failed, when it did: the server offers no STARTTLS, or its certificate
    // is not trusted (then a private CA's file may be missing).
    bool no_starttls = false;
    bool untrusted_certificate = false;
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

// How a mail's connection is protected.
struct MailSecurity {
    // true: smtp:// must switch to TLS with STARTTLS, and nothing is sent when the
    // server does not offer it; smtps:// is TLS from the start. false: in clear (a
    // relay on this machine; model/notify_settings allows it for loopback hosts only).
    bool tls = true;
    std::string ca_file; // PEM certificate authorities to trust instead of the system's
};

// Sends a mail over SMTP, logging in when `user` is set, the server's certificate
// verified. `status` of the result is 250 when the server took it.
HttpResult send_mail(const std::string& url, const std::string& user, const std::string& password,
                     const Mail& mail, std::chrono::milliseconds timeout,
                     const MailSecurity& security);

} // namespace collab::net
