#!/usr/bin/env bash
# Installs every Debian package telpanel needs to build, run and test. Idempotent; runs as root
# or through sudo. Usage: scripts/setup.sh
set -euo pipefail

packages=(
  # build
  cmake g++ pkg-config ninja-build gettext clang-format
  libsigc++-2.0-dev libglibmm-2.4-dev libgtkmm-3.0-dev
  libsofia-sip-ua-dev libsofia-sip-ua-glib-dev
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  libsqlite3-dev nlohmann-json3-dev libsecret-1-dev
  libcurl4-openssl-dev libphonenumber-dev libxlsxwriter-dev libcsv-dev
  libayatana-appindicator3-dev libcanberra-gtk3-dev libxss-dev libxml2-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # runtime: codecs, RTP, DTMF, PulseAudio sinks
  gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  gstreamer1.0-plugins-bad gstreamer1.0-libav gstreamer1.0-pulseaudio
  dbus dbus-x11
  iso-codes  # country names (translated) for the settings dialog's region list
  # tests: real SIP server and phones, audio analysis
  kamailio kamailio-presence-modules baresip-core sofia-sip-bin sox python3
  python3-pytest python3-numpy linphone-cli
  pulseaudio pulseaudio-utils xvfb xauth time
  xdotool x11-utils imagemagick fonts-dejavu-core at-spi2-core python3-dogtail
  xclip librsvg2-common sound-theme-freedesktop desktop-file-utils appstream
  openssl procps libglib2.0-bin
  gnome-keyring libsecret-tools  # a real Secret Service for the keyring tests
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
"${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
  "${missing[@]}"
