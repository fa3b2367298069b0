// SPDX-License-Identifier: GPL-3.0-or-later
#include "chat/curl_http_client.hpp"

#include <curl/curl.h>
#include <glib-unix.h>
#include <glib.h>
#include <glib/gstdio.h>

#include <cstdio>
#include <cstdlib>
#include <map>

namespace telpanel::chat {

namespace {

struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

/// A GSource id removed when the owner goes (RAII for g_unix_fd_add / g_timeout_add).
class SourceId {
 public:
  SourceId() = default;
  explicit SourceId(guint id) : m_id(id) {}
  SourceId(SourceId&& o) noexcept : m_id(o.m_id) { o.m_id = 0; }
  SourceId& operator=(SourceId&& o) noexcept {
    if (this != &o) {
      reset();
      m_id = o.m_id;
      o.m_id = 0;
    }
    return *this;
  }
  ~SourceId() { reset(); }
  void reset() {
    if (m_id) g_source_remove(m_id);
    m_id = 0;
  }
  /// The source removed itself (returned G_SOURCE_REMOVE): forget the id.
  void forget() { m_id = 0; }

 private:
  guint m_id = 0;
};

}  // namespace

struct Transfer {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  curl_mime* mime = nullptr;
  FILE* file = nullptr;
  std::string file_tmp;
  std::string file_final;
  HttpResponse response;
  CurlHttpClient::Done done;

  ~Transfer() {
    if (file) std::fclose(file);
    if (!file_tmp.empty()) g_unlink(file_tmp.c_str());  // only still set when not completed
    if (mime) curl_mime_free(mime);
    if (headers) curl_slist_free_all(headers);
    if (easy) curl_easy_cleanup(easy);
  }
};

struct CurlHttpClient::Impl {
  CURLM* multi = nullptr;
  std::string ca_file;
  std::map<CURL*, std::unique_ptr<Transfer>> transfers;
  std::map<curl_socket_t, SourceId> sockets;
  SourceId timer;

  void check_done();
  void on_socket_ready(curl_socket_t fd, GIOCondition cond);
  void on_timeout();
};

namespace {

size_t write_memory(char* data, size_t size, size_t n, void* userp) noexcept {
  auto* t = static_cast<Transfer*>(userp);
  try {
    t->response.body.append(data, size * n);
  } catch (...) {
    return 0;  // out of memory: curl reports a write error
  }
  return size * n;
}

size_t write_file(char* data, size_t size, size_t n, void* userp) noexcept {
  auto* t = static_cast<Transfer*>(userp);
  return std::fwrite(data, size, n, t->file) * size;
}

size_t on_header(char* data, size_t size, size_t n, void* userp) noexcept {
  auto* t = static_cast<Transfer*>(userp);
  const std::string line(data, size * n);
  if (g_ascii_strncasecmp(line.c_str(), "retry-after:", 12) == 0) {
    char* end = nullptr;
    const long v = std::strtol(line.c_str() + 12, &end, 10);
    if (end != line.c_str() + 12 && v >= 0) t->response.retry_after_s = v;
  }
  return size * n;
}

gboolean socket_ready(gint fd, GIOCondition cond, gpointer data) noexcept {
  try {
    static_cast<CurlHttpClient::Impl*>(data)->on_socket_ready(fd, cond);
  } catch (const std::exception& e) {
    g_critical("curl socket callback: %s", e.what());
  }
  return G_SOURCE_CONTINUE;
}

gboolean timer_fired(gpointer data) noexcept {
  auto* impl = static_cast<CurlHttpClient::Impl*>(data);
  impl->timer.forget();
  try {
    impl->on_timeout();
  } catch (const std::exception& e) {
    g_critical("curl timer callback: %s", e.what());
  }
  return G_SOURCE_REMOVE;
}

// CURLMOPT_SOCKETFUNCTION: watch (or stop watching) one socket for what curl wants.
int socket_cb(CURL*, curl_socket_t s, int what, void* userp, void*) noexcept {
  auto* impl = static_cast<CurlHttpClient::Impl*>(userp);
  if (what == CURL_POLL_REMOVE) {
    impl->sockets.erase(s);
    return 0;
  }
  int cond = G_IO_ERR | G_IO_HUP;
  if (what & CURL_POLL_IN) cond |= G_IO_IN;
  if (what & CURL_POLL_OUT) cond |= G_IO_OUT;
  impl->sockets[s] =
      SourceId(g_unix_fd_add(s, static_cast<GIOCondition>(cond), socket_ready, impl));
  return 0;
}

// CURLMOPT_TIMERFUNCTION: one timer; -1 cancels it, 0 means "as soon as possible".
int timer_cb(CURLM*, long timeout_ms, void* userp) noexcept {
  auto* impl = static_cast<CurlHttpClient::Impl*>(userp);
  impl->timer.reset();
  if (timeout_ms >= 0)
    impl->timer = SourceId(g_timeout_add(static_cast<guint>(timeout_ms), timer_fired, impl));
  return 0;
}

}  // namespace

void CurlHttpClient::Impl::on_socket_ready(curl_socket_t fd, GIOCondition cond) {
  int flags = 0;
  if (cond & G_IO_IN) flags |= CURL_CSELECT_IN;
  if (cond & G_IO_OUT) flags |= CURL_CSELECT_OUT;
  if (cond & (G_IO_ERR | G_IO_HUP)) flags |= CURL_CSELECT_ERR;
  int running = 0;
  curl_multi_socket_action(multi, fd, flags, &running);
  check_done();
}

void CurlHttpClient::Impl::on_timeout() {
  int running = 0;
  curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running);
  check_done();
}

void CurlHttpClient::Impl::check_done() {
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
    if (msg->msg != CURLMSG_DONE) continue;
    CURL* easy = msg->easy_handle;
    const CURLcode result = msg->data.result;
    auto it = transfers.find(easy);
    if (it == transfers.end()) continue;
    std::unique_ptr<Transfer> t = std::move(it->second);
    transfers.erase(it);
    curl_multi_remove_handle(multi, easy);
    HttpResponse& r = t->response;
    if (result == CURLE_OK) {
      curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &r.status);
    } else {
      r.status = 0;
      r.error = curl_easy_strerror(result);
    }
    curl_off_t down = 0, up = 0;
    long header_bytes = 0;
    curl_easy_getinfo(easy, CURLINFO_SIZE_DOWNLOAD_T, &down);
    curl_easy_getinfo(easy, CURLINFO_SIZE_UPLOAD_T, &up);
    curl_easy_getinfo(easy, CURLINFO_HEADER_SIZE, &header_bytes);
    r.bytes_in = down + header_bytes;
    r.bytes_out = up;
    if (t->file) {
      const bool closed = std::fclose(t->file) == 0;
      t->file = nullptr;
      const bool ok = result == CURLE_OK && r.status >= 200 && r.status < 300 && closed;
      if (ok && g_rename(t->file_tmp.c_str(), t->file_final.c_str()) == 0) {
        t->file_tmp.clear();  // kept
      } else if (ok) {
        r.status = 0;
        r.error = "cannot write " + t->file_final + ": " + g_strerror(errno);
      }
    }
    auto done = std::move(t->done);
    HttpResponse response = std::move(r);
    t.reset();
    try {
      done(std::move(response));
    } catch (const std::exception& e) {
      g_critical("HTTP completion handler threw: %s", e.what());
    }
  }
}

CurlHttpClient::CurlHttpClient(std::string ca_file) : m(std::make_unique<Impl>()) {
  static CurlGlobal global;
  m->ca_file = std::move(ca_file);
  m->multi = curl_multi_init();
  curl_multi_setopt(m->multi, CURLMOPT_SOCKETFUNCTION, socket_cb);
  curl_multi_setopt(m->multi, CURLMOPT_SOCKETDATA, m.get());
  curl_multi_setopt(m->multi, CURLMOPT_TIMERFUNCTION, timer_cb);
  curl_multi_setopt(m->multi, CURLMOPT_TIMERDATA, m.get());
  curl_multi_setopt(m->multi, CURLMOPT_MAX_HOST_CONNECTIONS, 4L);
}

CurlHttpClient::~CurlHttpClient() {
  for (auto& [easy, t] : m->transfers) curl_multi_remove_handle(m->multi, easy);
  m->transfers.clear();
  m->sockets.clear();
  m->timer.reset();
  curl_multi_cleanup(m->multi);
}

std::size_t CurlHttpClient::in_flight() const { return m->transfers.size(); }

void CurlHttpClient::perform(HttpRequest req, Done done) {
  auto t = std::make_unique<Transfer>();
  t->done = std::move(done);
  t->easy = curl_easy_init();
  CURL* e = t->easy;
  curl_easy_setopt(e, CURLOPT_URL, req.url.c_str());
  curl_easy_setopt(e, CURLOPT_PRIVATE, t.get());
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, req.timeout_ms);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, std::min(req.timeout_ms, 10000L));
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!m->ca_file.empty()) curl_easy_setopt(e, CURLOPT_CAINFO, m->ca_file.c_str());
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // gzip when the server offers it
  if (req.fresh_connection) curl_easy_setopt(e, CURLOPT_FRESH_CONNECT, 1L);
  if (req.follow_redirects) {
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  }
  for (const auto& h : req.headers) t->headers = curl_slist_append(t->headers, h.c_str());
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, t.get());
  if (!req.form.empty()) {
    t->mime = curl_mime_init(e);
    for (const auto& p : req.form) {
      curl_mimepart* part = curl_mime_addpart(t->mime);
      curl_mime_name(part, p.name.c_str());
      if (!p.file_path.empty()) {
        curl_mime_filedata(part, p.file_path.c_str());
        curl_mime_filename(part, p.file_name.c_str());
        if (!p.content_type.empty()) curl_mime_type(part, p.content_type.c_str());
      } else {
        curl_mime_data(part, p.value.c_str(), p.value.size());
      }
    }
    curl_easy_setopt(e, CURLOPT_MIMEPOST, t->mime);
    if (req.method != "POST") curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, req.method.c_str());
  } else if (req.method != "GET") {
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, static_cast<long>(req.body.size()));
    curl_easy_setopt(e, CURLOPT_COPYPOSTFIELDS, req.body.c_str());
    if (req.method != "POST") curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, req.method.c_str());
  }
  if (!req.download_to.empty()) {
    t->file_final = req.download_to;
    t->file_tmp = req.download_to + ".part";
    t->file = g_fopen(t->file_tmp.c_str(), "wb");
    if (!t->file) {
      HttpResponse r;
      r.error = "cannot write " + t->file_tmp + ": " + g_strerror(errno);
      t->file_tmp.clear();
      // Asynchronous like every other outcome, so callers need no re-entrancy care.
      auto cb = std::make_shared<Done>(std::move(t->done));
      auto res = std::make_shared<HttpResponse>(std::move(r));
      g_idle_add_full(
          G_PRIORITY_DEFAULT,
          [](gpointer d) -> gboolean {
            auto* pair =
                static_cast<std::pair<std::shared_ptr<Done>, std::shared_ptr<HttpResponse>>*>(d);
            (*pair->first)(std::move(*pair->second));
            return G_SOURCE_REMOVE;
          },
          new std::pair<std::shared_ptr<Done>, std::shared_ptr<HttpResponse>>(cb, res),
          [](gpointer d) {
            delete static_cast<std::pair<std::shared_ptr<Done>, std::shared_ptr<HttpResponse>>*>(d);
          });
      return;
    }
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, write_file);
  } else {
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, write_memory);
  }
  curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
  m->transfers[e] = std::move(t);
  curl_multi_add_handle(m->multi, e);
}

}  // namespace telpanel::chat
