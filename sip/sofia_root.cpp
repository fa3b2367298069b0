// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/sofia_root.hpp"

#include <glib.h>
#include <sofia-sip/su.h>
#include <sofia-sip/su_glib.h>

#include <stdexcept>

namespace telpanel::sip {

SofiaRoot::SofiaRoot() {
  su_init();
  // Touching the random generator once early avoids a crash at exit in pthread_key_delete
  // (sofia-sip issue #58); harmless on 1.12.11.
  (void)su_random();
  m_root = su_glib_root_create(nullptr);
  if (!m_root) throw std::runtime_error("cannot create the Sofia-SIP event loop");
  g_source_attach(su_glib_root_gsource(m_root), nullptr);
}

SofiaRoot::~SofiaRoot() {
  if (m_root) {
    // su_root_destroy also destroys the GSource it created.
    su_root_destroy(m_root);
  }
  su_deinit();
}

}  // namespace telpanel::sip
