// SPDX-License-Identifier: GPL-3.0-or-later
// RAII owners for GStreamer objects and GLib main-loop sources used inside media/. Main thread
// for SourceId; GstPtr on any thread.
#pragma once

#include <glib.h>
#include <gst/gst.h>

#include <memory>

namespace telpanel::media {

struct GstObjectUnref {
  void operator()(gpointer object) const noexcept {
    if (object != nullptr) gst_object_unref(object);
  }
};

/// Owns one reference of a GstObject (element, bus, pad).
template <class T>
using GstPtr = std::unique_ptr<T, GstObjectUnref>;

/// Owns a GSource id on the default context; removes it unless it already fired for good.
class SourceId {
 public:
  SourceId() = default;
  ~SourceId() { reset(); }
  SourceId(const SourceId&) = delete;
  SourceId& operator=(const SourceId&) = delete;

  /// Removes the current source (if any) and takes ownership of `id`.
  void reset(guint id = 0) {
    if (m_id != 0) g_source_remove(m_id);
    m_id = id;
  }
  /// Call from the source's own callback when it returns G_SOURCE_REMOVE.
  void forget() { m_id = 0; }
  bool active() const { return m_id != 0; }

 private:
  guint m_id = 0;
};

}  // namespace telpanel::media
