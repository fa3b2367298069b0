// SPDX-License-Identifier: GPL-3.0-or-later
// Loadable module for sofia_exit_key_test: it links Sofia-SIP, so unloading it unloads Sofia
// and runs Sofia's exit destructor at a moment the test chooses.
#include "sip/sofia_exit_key.hpp"

extern "C" __attribute__((visibility("default"))) void telpanel_claim_sofia_exit_key() {
  telpanel::sip::claim_sofia_exit_key();
}
