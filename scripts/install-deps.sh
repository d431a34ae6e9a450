#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# install-deps.sh - install the Debian packages rehearse needs, if missing.
#   build: what compiling needs; test: also what the tests drive (sox,
#   espeak-ng, tmux, a private PulseAudio, python3 to parse exports, mandoc
#   to lint the man page, zsh for its completion, pmccabe for the function
#   size rule, the Debian packaging tools and lintian (with binutils'
#   strings) to check the package, clang and its libFuzzer runtime for
#   tests/fuzz, PocketSphinx and its US English model for the story
#   follower, and Asterisk's prompts, the real voice cli_story follows);
#   bench: also the voices, dictionary and Praat tests/bench/bench-pacing.py
#   uses.
# Uses sudo when not root, and says what it installs.
set -eu
want=${1:-build}
pkgs="cmake make gcc pkg-config portaudio19-dev libsndfile1-dev libncurses-dev libsqlite3-dev libasound2-dev libespeak-ng-dev"
if [ "$want" = test ] || [ "$want" = bench ]; then
	pkgs="$pkgs sox espeak-ng tmux pulseaudio pulseaudio-utils libasound2-plugins alsa-utils python3 sqlite3 strace mandoc zsh pmccabe dpkg-dev debhelper lintian binutils clang libclang-rt-14-dev libpocketsphinx-dev pocketsphinx-en-us asterisk-core-sounds-en-wav"
fi
if [ "$want" = bench ]; then
	pkgs="$pkgs flite festival festvox-us-slt-hts praat asterisk-core-sounds-en"
fi
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "rehearse: installing Debian packages:$missing"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing
