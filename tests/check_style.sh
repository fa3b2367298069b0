#!/usr/bin/env bash
# Project rules a compiler does not check: clang-format, file sizes (architecture §6), and that
# every file using _() is in po/POTFILES.in and po/ru.po is complete (architecture §9, UI-7).
set -u
cd "$(dirname "$0")/.."
status=0
files=$(git ls-files '*.cpp' '*.hpp' 2>/dev/null || find . -name '*.[ch]pp' -not -path './build*')

if command -v clang-format >/dev/null; then
  for f in $files; do
    clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || { echo "style: $f is not clang-formatted"; status=1; }
  done
fi
for f in $files; do
  lines=$(wc -l < "$f")
  [ "$lines" -gt 800 ] && { echo "style: $f has $lines lines (limit 800)"; status=1; }
done
for f in $(grep -lE '\b(N?_|ngettext)\("' $files 2>/dev/null); do
  grep -qx "$f" po/POTFILES.in || { echo "style: $f uses _() but is not in po/POTFILES.in"; status=1; }
done
stats=$(msgfmt --check --statistics -o /dev/null po/ru.po 2>&1)
case "$stats" in *untranslated*|*fuzzy*) echo "style: po/ru.po is incomplete: $stats"; status=1;; esac
# Every msgid the sources use must be in ru.po, not just every entry ru.po has.
pot=$(mktemp)
xgettext --from-code=UTF-8 -k_ -kN_ -kngettext:1,2 -o "$pot" -f po/POTFILES.in
missing=$(msgcmp po/ru.po "$pot" 2>&1) || { echo "style: po/ru.po lacks strings from the sources: $missing"; status=1; }
rm -f "$pot"
[ $status -eq 0 ] && echo "style: ok"
exit $status
