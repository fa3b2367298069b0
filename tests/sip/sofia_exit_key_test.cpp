// SPDX-License-Identifier: GPL-3.0-or-later
// Sofia-SIP's exit destructor must not delete thread key 0 (GLib's in telpanel): that made a
// second `telpanel LINK` abort in GLib at exit. The destructor runs when Sofia is unloaded; this
// program does not link Sofia, it loads it with a probe module and unloads it with dlclose, so
// the destructor runs here, in a forked child, and the test looks at key 0 afterwards.
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <pthread.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

namespace {

// pthread_setspecific answers EINVAL for a deleted key; key 0 keeps its own value.
int touch_key_0() {
  const pthread_key_t key0 = 0;
  return pthread_setspecific(key0, pthread_getspecific(key0));
}

// In the child: load Sofia, optionally claim its key, unload it; exit 0 if key 0 survived,
// 1 if Sofia deleted it, 2 if the experiment could not be run.
[[noreturn]] void load_and_unload_sofia(bool claim) {
  pthread_key_t spare;  // makes sure key 0 is someone's, as GLib's is in telpanel
  if (pthread_key_create(&spare, nullptr) != 0 || touch_key_0() != 0) _exit(2);
  void* probe = dlopen(SOFIA_EXIT_KEY_PROBE, RTLD_NOW | RTLD_LOCAL);
  if (probe == nullptr) {
    std::fprintf(stderr, "dlopen: %s\n", dlerror());
    _exit(2);
  }
  // The probe must have brought Sofia in (a linker dropping the dependency would make the
  // experiment vacuous). RTLD_NOLOAD takes a reference, so give it back.
  void* sofia = dlopen("libsofia-sip-ua.so.0", RTLD_NOW | RTLD_NOLOAD);
  if (sofia == nullptr) {
    std::fprintf(stderr, "the probe did not load Sofia-SIP\n");
    _exit(2);
  }
  dlclose(sofia);
  if (claim) {
    auto* fn = reinterpret_cast<void (*)()>(dlsym(probe, "telpanel_claim_sofia_exit_key"));
    if (fn == nullptr) _exit(2);
    fn();
  }
  dlclose(probe);
  // Sofia really went (its destructor ran); otherwise the answer below would prove nothing.
  if (dlopen("libsofia-sip-ua.so.0", RTLD_NOW | RTLD_NOLOAD) != nullptr) {
    std::fprintf(stderr, "Sofia-SIP is still loaded after dlclose\n");
    _exit(2);
  }
  _exit(touch_key_0() == 0 ? 0 : 1);
}

}  // namespace

TEST(SofiaExitKey, ClaimedKeyLeavesTheKeyOfOthersAlone) {
  EXPECT_EXIT(load_and_unload_sofia(true), testing::ExitedWithCode(0), "");
}

// The library bug the claim works around. If this starts failing, the installed Sofia-SIP has
// fixed its destructor (freeswitch/sofia-sip #58) and claim_sofia_exit_key() may go.
TEST(SofiaExitKey, UnclaimedSofiaDeletesKey0AtUnload) {
  EXPECT_EXIT(load_and_unload_sofia(false), testing::ExitedWithCode(1), "");
}
