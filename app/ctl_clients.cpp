// SPDX-License-Identifier: GPL-3.0-or-later
// telpanelctl's client directory commands (org.telpanel.Clients1): `telpanelctl clients ...`.
#include <cstdio>
#include <string>

#include "app/ctl_bus.hpp"

namespace telpanel::app::ctl {

namespace {

constexpr const char* kClients = "org.telpanel.Clients1";

constexpr const char* kUsage =
    "usage: telpanelctl clients search QUERY [--limit N] | lookup NUMBER | show ID |\n"
    "       create NAME [--phone NUMBER]... | add-contact CLIENT NAME |\n"
    "       bind NUMBER CLIENT [--contact PERSON] | import FILE | export FILE";

std::int64_t id_arg(const std::string& text, const char* what) {
  try {
    std::size_t used = 0;
    const auto id = std::stoll(text, &used);
    if (used == text.size() && id > 0) return id;
  } catch (const std::exception&) {
  }
  fail(std::string(what) + " must be a client id (a positive number), not '" + text + "'", 2);
}

// Positional arguments after "clients SUBCOMMAND".
void need(const Invocation& in, std::size_t n, const char* shape) {
  if (in.args.size() != n + 2) fail(std::string("usage: telpanelctl clients ") + shape, 2);
}

std::string absolute(const std::string& path) {
  gchar* abs = g_canonicalize_filename(path.c_str(), nullptr);
  std::string out = abs;
  g_free(abs);
  return out;
}

std::string who(const nlohmann::json& j) {
  std::string out = j.value("client_name", "");
  if (!j.value("contact_name", "").empty()) out += " / " + j.value("contact_name", "");
  return out;
}

int search(Invocation& in) {
  const auto limit = in.take_option("--limit");
  need(in, 1, "search QUERY [--limit N]");
  unsigned n = 20;
  if (limit) {
    try {
      n = static_cast<unsigned>(std::stoul(*limit));
    } catch (const std::exception&) {
      fail("--limit must be a positive number", 2);
    }
  }
  auto hits = call_json(kClients, "Search", g_variant_new("(su)", in.args[2].c_str(), n));
  std::string text;
  for (const auto& h : hits)
    text += std::to_string(h["client"].get<std::int64_t>()) + "\t" + who(h) + "\t" +
            h.value("number", "") + "\t" + h.value("match", "") + "\n";
  in.print(hits, text);
  return 0;
}

int lookup(Invocation& in) {
  need(in, 1, "lookup NUMBER");
  auto m = call_json(kClients, "Lookup", g_variant_new("(s)", in.args[2].c_str()));
  in.print(m, m.is_null() ? "no client has " + in.args[2] + "\n"
                          : std::to_string(m["client"].get<std::int64_t>()) + "\t" + who(m) + "\t" +
                                m.value("key", "") + "\n");
  return 0;
}

std::string phones_text(const nlohmann::json& phones, const char* indent) {
  std::string out;
  for (const auto& p : phones)
    out += indent + p.value("number", "") + "  (" + p.value("key", "") + ")" +
           (p.value("label", "").empty() ? "" : "  " + p.value("label", "")) + "\n";
  return out;
}

int show(Invocation& in) {
  need(in, 1, "show ID");
  const auto id = id_arg(in.args[2], "ID");
  auto card = call_json(kClients, "Show", g_variant_new("(x)", gint64(id)));
  std::string text = card.value("name", "") + "\n";
  if (!card.value("organization", "").empty()) text += "  " + card.value("organization", "") + "\n";
  if (!card.value("email", "").empty()) text += "  " + card.value("email", "") + "\n";
  text += phones_text(card["phones"], "  ");
  for (const auto& person : card["contacts"])
    text += "  " + person.value("name", "") + "\n" + phones_text(person["phones"], "    ");
  text += "calls: " + std::to_string(card["calls"].size()) + "\n";
  for (const auto& c : card["calls"])
    text += "  " + c.value("started_at", "") + "  " + c.value("direction", "") + "  " +
            c.value("peer", "") + "\n";
  in.print(card, text);
  return 0;
}

int create(Invocation& in) {
  const auto phones = in.take_all("--phone");
  need(in, 1, "create NAME [--phone NUMBER]...");
  GVariantBuilder numbers;
  g_variant_builder_init(&numbers, G_VARIANT_TYPE("as"));
  for (const auto& p : phones) g_variant_builder_add(&numbers, "s", p.c_str());
  GVariant* reply =
      call(kClients, "Create", g_variant_new("(sas)", in.args[2].c_str(), &numbers), "(x)");
  gint64 id = 0;
  g_variant_get(reply, "(x)", &id);
  g_variant_unref(reply);
  in.print({{"id", id}}, std::to_string(id) + "\n");
  return 0;
}

int add_contact(Invocation& in) {
  need(in, 2, "add-contact CLIENT NAME");
  const auto client = id_arg(in.args[2], "CLIENT");
  GVariant* reply = call(kClients, "AddContact",
                         g_variant_new("(xs)", gint64(client), in.args[3].c_str()), "(x)");
  gint64 id = 0;
  g_variant_get(reply, "(x)", &id);
  g_variant_unref(reply);
  in.print({{"id", id}}, std::to_string(id) + "\n");
  return 0;
}

int bind(Invocation& in) {
  const auto contact = in.take_option("--contact").value_or("");
  need(in, 2, "bind NUMBER CLIENT [--contact PERSON]");
  const auto client = id_arg(in.args[3], "CLIENT");
  call_void(kClients, "Bind",
            g_variant_new("(sxs)", in.args[2].c_str(), gint64(client), contact.c_str()), in.json);
  return 0;
}

int import_file(Invocation& in) {
  need(in, 1, "import FILE");
  auto r = call_json(kClients, "Import", g_variant_new("(s)", absolute(in.args[2]).c_str()));
  std::string text = "read " + std::to_string(r["records"].get<int>()) + " records: created " +
                     std::to_string(r["clients_created"].get<int>()) + " clients, added " +
                     std::to_string(r["phones_added"].get<int>()) + " phones\n";
  for (const auto& p : r["problems"])
    text += "line " + std::to_string(p["line"].get<int>()) + ": " + p.value("message", "") + "\n";
  in.print(r, text);
  return 0;
}

int export_file(Invocation& in) {
  need(in, 1, "export FILE");
  auto r = call_json(kClients, "Export", g_variant_new("(s)", absolute(in.args[2]).c_str()));
  in.print(r, "exported " + std::to_string(r["clients"].get<int>()) + " clients to " +
                  r.value("path", "") + "\n");
  return 0;
}

int clients(Invocation& in) {
  const std::string sub = in.args.size() > 1 ? in.args[1] : "";
  if (sub == "search") return search(in);
  if (sub == "lookup") return lookup(in);
  if (sub == "show") return show(in);
  if (sub == "create") return create(in);
  if (sub == "add-contact") return add_contact(in);
  if (sub == "bind") return bind(in);
  if (sub == "import") return import_file(in);
  if (sub == "export") return export_file(in);
  fail(kUsage, 2);
}

constexpr Command kCommands[] = {
    {"clients",
     "  clients search QUERY        find clients by number, name or contact person\n"
     "  clients lookup NUMBER       who has this number (caller ID)\n"
     "  clients show ID             the client card with every call\n"
     "  clients create NAME [--phone NUMBER]...   prints the new client's id\n"
     "  clients add-contact CLIENT NAME           prints the new contact person's id\n"
     "  clients bind NUMBER CLIENT [--contact PERSON]\n"
     "  clients import FILE         vCard (.vcf) or CSV; reports bad lines\n"
     "  clients export FILE         vCard (.vcf) or CSV (.csv)\n",
     clients},
};

}  // namespace

std::span<const Command> client_commands() { return kCommands; }

}  // namespace telpanel::app::ctl
