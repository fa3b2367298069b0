// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/sofia_root.hpp"

#include <glib.h>
#include <sofia-sip/su.h>
#include <sofia-sip/su_glib.h>

#include <stdexcept>

#include "sip/sofia_exit_key.hpp"

namespace telpanel::sip {

SofiaRoot::SofiaRoot() {
  su_init();
  // Already done in telpanel's main(); repeated for programs (tests) that only build a root.
  claim_sofia_exit_key();
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
