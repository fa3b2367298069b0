// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/chat/file_types.hpp"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <utility>

namespace telpanel::core {

namespace {

constexpr std::pair<const char*, const char*> kTypes[] = {
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"png", "image/png"},
    {"gif", "image/gif"},
    {"webp", "image/webp"},
    {"pdf", "application/pdf"},
    {"doc", "application/msword"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"xls", "application/vnd.ms-excel"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"odt", "application/vnd.oasis.opendocument.text"},
    {"txt", "text/plain"},
    {"csv", "text/csv"},
    {"zip", "application/zip"},
    {"mp3", "audio/mpeg"},
    {"ogg", "audio/ogg"},
    {"wav", "audio/wav"},
    {"mp4", "video/mp4"},
};

std::string mib(std::int64_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " MiB"; }

}  // namespace

std::string content_type_for(const std::string& file_name) {
  const auto dot = file_name.rfind('.');
  if (dot == std::string::npos) return "application/octet-stream";
  std::string ext = file_name.substr(dot + 1);
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [e, type] : kTypes)
    if (ext == e) return type;
  return "application/octet-stream";
}

Result<OutgoingFile> check_outgoing_file(const std::string& path, std::int64_t max_bytes,
                                         std::int64_t max_image_bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status))
    return make_error(ErrorCode::InvalidArgument, "cannot attach " + path + ": no such file");
  if (!fs::is_regular_file(status))
    return make_error(ErrorCode::InvalidArgument, "cannot attach " + path + ": not a file");
  if (!std::ifstream(path, std::ios::binary))
    return make_error(ErrorCode::InvalidArgument, "cannot attach " + path + ": not readable");
  const auto size = static_cast<std::int64_t>(fs::file_size(path, ec));
  if (ec) return make_error(ErrorCode::Io, "cannot attach " + path + ": " + ec.message());
  if (size == 0)
    return make_error(ErrorCode::InvalidArgument, "cannot attach " + path + ": the file is empty");
  OutgoingFile f;
  f.path = path;
  f.name = fs::path(path).filename().string();
  f.content_type = content_type_for(f.name);
  const bool image = f.content_type.rfind("image/", 0) == 0;
  const std::int64_t limit = image ? max_image_bytes : max_bytes;
  if (size > limit)
    return make_error(ErrorCode::InvalidArgument, "cannot attach " + path + ": " +
                                                      std::to_string(size) + " bytes is over the " +
                                                      mib(limit) + " limit for " +
                                                      (image ? "images" : "files"));
  return f;
}

std::string safe_file_name(const std::string& name, std::int64_t id) {
  std::string out;
  for (char c : name) {
    const bool bad = c == '/' || c == '\\' || c == '\0' || static_cast<unsigned char>(c) < 32;
    out += bad ? '_' : c;
  }
  if (out.empty() || out == "." || out == "..") out = "attachment-" + std::to_string(id);
  return out;
}

}  // namespace telpanel::core
