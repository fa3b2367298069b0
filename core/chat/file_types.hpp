// SPDX-License-Identifier: GPL-3.0-or-later
// Checks on files before they are queued for sending (CHAT-5) and safe names for downloads.
// Main thread (reads file metadata).
#pragma once

#include <cstdint>
#include <string>

#include "core/chat/chat_api.hpp"
#include "core/result.hpp"

namespace telpanel::core {

/// The MIME type for a file name's extension ("application/octet-stream" when unknown).
std::string content_type_for(const std::string& file_name);

/// A regular, readable, non-empty file within the size limits (images have their own, smaller
/// limit, as messengers do); the error names the file and the limit.
Result<OutgoingFile> check_outgoing_file(const std::string& path, std::int64_t max_bytes,
                                         std::int64_t max_image_bytes);

/// `name` without directories or characters a file system dislikes; "attachment-ID" if empty.
std::string safe_file_name(const std::string& name, std::int64_t id);

}  // namespace telpanel::core
