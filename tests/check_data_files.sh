#!/usr/bin/env bash
# The installed desktop files and AppStream metadata are valid (desktop-file-utils, appstream)
# and the desktop entry registers every link scheme telpanel dials (CTL-1).
set -u
cd "$(dirname "$0")/../data"
status=0
for f in org.telpanel.Telpanel.desktop org.telpanel.Telpanel-autostart.desktop; do
  out=$(desktop-file-validate "$f" 2>&1) || status=1
  [ -n "$out" ] && { echo "$f: $out"; status=1; }
done
appstreamcli validate --no-net org.telpanel.Telpanel.metainfo.xml || status=1
for scheme in tel sip sips callto; do
  grep -q "^MimeType=.*x-scheme-handler/$scheme;" org.telpanel.Telpanel.desktop ||
    { echo "desktop entry does not handle $scheme:"; status=1; }
done
for icon in icons/hicolor/scalable/apps/org.telpanel.Telpanel.svg \
            icons/hicolor/symbolic/apps/org.telpanel.Telpanel-symbolic.svg; do
  grep -q "<svg" "$icon" || { echo "$icon is not an SVG"; status=1; }
done
[ $status -eq 0 ] && echo "data files: ok"
exit $status
