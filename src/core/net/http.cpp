#include <algorithm>
#include <collab/net/http.hpp>
#include <collab/util/base64.hpp>
#include <curl/curl.h>
#include <mutex>

namespace collab::net {

namespace {

constexpr std::size_t k_max_answer = 64 * 1024;

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
    auto* out = static_cast<std::string*>(user);
    const auto bytes = size * count;
    if (out->size() < k_max_answer) {
        out->append(data, std::min(bytes, k_max_answer - out->size()));
    }
    return bytes;
}

struct Handle {
    CURL* curl = curl_easy_init();
    curl_slist* headers = nullptr;
    curl_slist* recipients = nullptr;
    curl_mime* mime = nullptr;
    ~Handle() {
        curl_mime_free(mime);
        curl_slist_free_all(headers);
        curl_slist_free_all(recipients);
        curl_easy_cleanup(curl);
    }
};

HttpResult perform(Handle& h, std::chrono::milliseconds timeout) {
    HttpResult result;
    curl_easy_setopt(h.curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
    curl_easy_setopt(h.curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout.count()));
    curl_easy_setopt(h.curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h.curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(h.curl, CURLOPT_WRITEDATA, &result.body);
    // Never follow a redirect with the signed request, never use a proxy's credentials.
    curl_easy_setopt(h.curl, CURLOPT_FOLLOWLOCATION, 0L);
    const auto code = curl_easy_perform(h.curl);
    if (code != CURLE_OK) {
        result.status = 0;
        result.error = curl_easy_strerror(code);
        result.no_starttls = code == CURLE_USE_SSL_FAILED;
        result.untrusted_certificate = code == CURLE_PEER_FAILED_VERIFICATION;
        return result;
    }
    curl_easy_getinfo(h.curl, CURLINFO_RESPONSE_CODE, &result.status);
    return result;
}

} // namespace

HttpResult post_json(const std::string& url, const std::string& body,
                     std::chrono::milliseconds timeout) {
    global_init();
    Handle h;
    if (h.curl == nullptr) {
        return {0, {}, "libcurl could not start"};
    }
    h.headers = curl_slist_append(h.headers, "Content-Type: application/json; charset=utf-8");
    curl_easy_setopt(h.curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h.curl, CURLOPT_HTTPHEADER, h.headers);
    curl_easy_setopt(h.curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(h.curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(h.curl, CURLOPT_PROTOCOLS_STR, "http,https");
    return perform(h, timeout);
}

HttpResult send_mail(const std::string& url, const std::string& user, const std::string& password,
                     const Mail& mail, std::chrono::milliseconds timeout,
                     const MailSecurity& security) {
    global_init();
    Handle h;
    if (h.curl == nullptr) {
        return {0, {}, "libcurl could not start"};
    }
    curl_easy_setopt(h.curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h.curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    // CURLUSESSL_ALL: STARTTLS or nothing; a server that does not offer it (or a
    // man in the middle who strips the offer) gets no mail and no password.
    curl_easy_setopt(h.curl, CURLOPT_USE_SSL,
                     static_cast<long>(security.tls ? CURLUSESSL_ALL : CURLUSESSL_NONE));
    curl_easy_setopt(h.curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h.curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!security.ca_file.empty()) {
        curl_easy_setopt(h.curl, CURLOPT_CAINFO, security.ca_file.c_str());
    }
    if (!user.empty()) {
        curl_easy_setopt(h.curl, CURLOPT_USERNAME, user.c_str());
        curl_easy_setopt(h.curl, CURLOPT_PASSWORD, password.c_str());
    }
    const auto from = "<" + mail.from + ">";
    curl_easy_setopt(h.curl, CURLOPT_MAIL_FROM, from.c_str());
    std::string to_header = "To: ";
    for (const auto& address : mail.to) {
        h.recipients = curl_slist_append(h.recipients, ("<" + address + ">").c_str());
        to_header += (to_header.size() > 4 ? ", " : "") + address;
    }
    curl_easy_setopt(h.curl, CURLOPT_MAIL_RCPT, h.recipients);
    h.headers = curl_slist_append(h.headers, ("From: " + mail.from).c_str());
    h.headers = curl_slist_append(h.headers, to_header.c_str());
    // RFC 2047 encoded-word: the subject may be Chinese.
    const auto subject = "Subject: =?UTF-8?B?" + util::base64_encode(mail.subject) + "?=";
    h.headers = curl_slist_append(h.headers, subject.c_str());
    curl_easy_setopt(h.curl, CURLOPT_HTTPHEADER, h.headers);
    h.mime = curl_mime_init(h.curl);
    auto* alternative = curl_mime_init(h.curl);
    auto* text = curl_mime_addpart(alternative);
    curl_mime_data(text, mail.text.data(), mail.text.size());
    curl_mime_type(text, "text/plain; charset=UTF-8");
    auto* html = curl_mime_addpart(alternative);
    curl_mime_data(html, mail.html.data(), mail.html.size());
    curl_mime_type(html, "text/html; charset=UTF-8");
    auto* part = curl_mime_addpart(h.mime);
    curl_mime_subparts(part, alternative);
    curl_mime_type(part, "multipart/alternative");
    curl_easy_setopt(h.curl, CURLOPT_MIMEPOST, h.mime);
    auto result = perform(h, timeout);
    if (result.error.empty() && result.status == 0) {
        result.status = 250;
    }
    return result;
}

} // namespace collab::net
