// SPDX-License-Identifier: GPL-3.0-or-later
// telpanelctl: command-line client of the panel's D-Bus interfaces (CTL-3). Prints JSON with
// --json; on failure prints one line to stderr and exits 1 (2 for usage errors). The commands
// live with their feature (app/ctl_<feature>.cpp); this file only dispatches.
#include <cstdio>
#include <string>
#include <vector>

#include "app/ctl_bus.hpp"

namespace {

using telpanel::app::ctl::Command;

std::vector<Command> all_commands() {
  std::vector<Command> all;
  for (auto table :
       {telpanel::app::ctl::call_commands(), telpanel::app::ctl::client_commands(),
        telpanel::app::ctl::journal_commands(), telpanel::app::ctl::presence_commands(),
        telpanel::app::ctl::chat_commands(), telpanel::app::ctl::recording_commands()})
    all.insert(all.end(), table.begin(), table.end());
  return all;
}

std::string usage(const std::vector<Command>& commands) {
  std::string text = "usage: telpanelctl [--json] COMMAND [ARGS]\n";
  for (const auto& c : commands) text += c.usage;
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  const auto commands = all_commands();
  telpanel::app::ctl::Invocation in;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--json") {
      in.json = true;
    } else if (in.args.empty() && (a == "-h" || a == "--help")) {
      std::fputs(usage(commands).c_str(), stdout);
      return 0;
    } else {
      in.args.push_back(a);
    }
  }
  if (in.args.empty()) {
    std::fputs(usage(commands).c_str(), stderr);
    return 2;
  }
  for (const auto& c : commands) {
    if (in.args[0] == c.name) return c.run(in);
  }
  std::fprintf(stderr, "telpanelctl: unknown command '%s'\n%s", in.args[0].c_str(),
               usage(commands).c_str());
  return 2;
}
