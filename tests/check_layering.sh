#!/usr/bin/env bash
# Fails when a folder includes what architecture.md §2 forbids: core sees only std and sigc++,
# adapters never include each other, widgets reach no adapter.
set -u
cd "$(dirname "$0")/.."
status=0
report() { echo "layering: $1"; status=1; }

hits=$(grep -rnE --include='*.[ch]pp' '#include *<(gtkmm|gtk/|gdk|glib|gio|sofia-sip/|gst/|sqlite3|curl/|libsecret|nlohmann|phonenumbers/|csv\.h|xlsxwriter|X11/|libxml)' core || true)
[ -n "$hits" ] && report "core/ includes a library it must not see:
$hits"
hits=$(grep -rnE '#include *"(mainloop|sip|media|store|chat|numbers|contacts|sheets|idle|widgets|app)/' core || true)
[ -n "$hits" ] && report "core/ includes an outer layer:
$hits"
for a in sip media store chat numbers contacts sheets idle; do
  [ -d "$a" ] || continue
  for b in sip media store chat numbers contacts sheets idle widgets app; do
    [ "$a" = "$b" ] && continue
    hits=$(grep -rnE --include="*.[ch]pp" "#include *\"$b/" "$a" || true)
    [ -n "$hits" ] && report "$a/ includes $b/ (adapters never include each other):
$hits"
  done
done
hits=$(grep -rnE '#include *"(mainloop|sip|media|store|chat|numbers|contacts|sheets|idle|app)/|#include *<(sofia-sip/|gst/|sqlite3|curl/|phonenumbers/|csv\.h|xlsxwriter)' widgets || true)
[ -n "$hits" ] && report "widgets/ reaches past core:
$hits"
hits=$(grep -rnE '#include *"(sip|media|store|chat|numbers|contacts|sheets|idle|widgets|app)/' mainloop || true)
[ -n "$hits" ] && report "mainloop/ includes an adapter:
$hits"
[ $status -eq 0 ] && echo "layering: ok"
exit $status
