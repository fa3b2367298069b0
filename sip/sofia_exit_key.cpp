// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/sofia_exit_key.hpp"

#include <sofia-sip/su_uniqueid.h>

namespace telpanel::sip {

void claim_sofia_exit_key() {
  // The first call runs Sofia's pthread_once initialiser, which creates its own key.
  (void)su_random();
}

}  // namespace telpanel::sip
