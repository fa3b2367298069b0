// SPDX-License-Identifier: GPL-3.0-or-later
// Keeps Sofia-SIP's unload-time destructor from deleting a thread key it does not own.
#pragma once

namespace telpanel::sip {

// libsofia-sip-ua (Debian 1.12.11+20110422, also 1.13 before the fix of freeswitch/sofia-sip
// #58) runs a destructor when the process exits that calls pthread_key_delete(state_key) even
// when its random generator never created state_key: the key is then still 0, which in our
// processes is GLib's first key (g_slice's per-thread magazine). A GLib thread that still runs
// during exit (GDBus worker, ...) then gets EINVAL from pthread_setspecific and GLib aborts.
// Using the generator once creates Sofia's own key, so the destructor deletes that one.
// Call at the top of main() of every program that links Sofia-SIP, whether or not it ends up
// using it (a second `telpanel LINK` only forwards the link and never creates a SIP stack).
void claim_sofia_exit_key();

}  // namespace telpanel::sip
