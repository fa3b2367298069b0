// SPDX-License-Identifier: GPL-3.0-or-later
// CurlHttpClient: asynchronous HTTP(S) with libcurl's multi interface driven by the GLib main
// loop (socket and timer callbacks, as curl's docs/examples/ghiper.c), so no request ever blocks
// the main thread. Certificates are always verified; `ca_file` adds a CA to trust (tests, a
// private server). No libcurl type leaks out of this header. Main thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace telpanel::chat {

/// One field of a multipart/form-data body: a value, or a file to upload.
struct HttpFormPart {
  std::string name;
  std::string value;
  std::string file_path;  // set for a file part
  std::string file_name;
  std::string content_type;
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;                  // sent as is (set a Content-Type header)
  std::vector<HttpFormPart> form;    // multipart/form-data instead of `body` when not empty
  std::string download_to;           // write the reply body into this file instead of memory
  bool follow_redirects = false;
  /// A new connection: libcurl silently repeats a request whose reused connection died
  /// without a reply, which would deliver a POST twice (CHAT-9 "exactly once").
  bool fresh_connection = false;
  long timeout_ms = 30000;
};

struct HttpResponse {
  long status = 0;    // 0: no HTTP reply at all (see `error`)
  std::string error;  // curl's reason when status is 0, or a local failure
  std::string body;
  std::optional<long> retry_after_s;  // Retry-After in seconds, when the server sent one
  std::int64_t bytes_in = 0;          // headers + body received
  std::int64_t bytes_out = 0;         // body sent
};

class CurlHttpClient {
 public:
  using Done = std::function<void(HttpResponse)>;

  explicit CurlHttpClient(std::string ca_file = {});
  ~CurlHttpClient();  // aborts transfers in flight without calling their callbacks
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  /// Starts the request; `done` runs on the main loop when it ends, however it ends.
  void perform(HttpRequest request, Done done);
  std::size_t in_flight() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> m;
};

}  // namespace telpanel::chat
