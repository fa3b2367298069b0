// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/audio_device_list.hpp"

#include <gst/gst.h>

namespace telpanel::media {

std::vector<AudioDeviceInfo> list_audio_devices(bool inputs) {
  std::vector<AudioDeviceInfo> out;
  GstDeviceMonitor* monitor = gst_device_monitor_new();
  gst_device_monitor_add_filter(monitor, inputs ? "Audio/Source" : "Audio/Sink", nullptr);
  if (!gst_device_monitor_start(monitor)) {
    gst_object_unref(monitor);
    return out;
  }
  GList* devices = gst_device_monitor_get_devices(monitor);
  for (GList* l = devices; l; l = l->next) {
    auto* device = GST_DEVICE(l->data);
    AudioDeviceInfo info;
    gchar* display = gst_device_get_display_name(device);
    info.description = display ? display : "";
    g_free(display);
    // PulseAudio devices carry the name pulsesrc/pulsesink take as "device".
    if (g_object_class_find_property(G_OBJECT_GET_CLASS(device), "internal-name")) {
      gchar* name = nullptr;
      g_object_get(device, "internal-name", &name, nullptr);
      info.name = name ? name : "";
      g_free(name);
    }
    if (!info.name.empty()) out.push_back(std::move(info));
  }
  g_list_free_full(devices, gst_object_unref);
  gst_device_monitor_stop(monitor);
  gst_object_unref(monitor);
  return out;
}

}  // namespace telpanel::media
