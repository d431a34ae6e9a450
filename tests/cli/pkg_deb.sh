#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Debian package: build it from a copy of the source with
# dpkg-buildpackage, unpack it into a temporary root with dpkg -x (no
# system install, no chroot), check what it holds and what it depends on,
# and run the packaged binary. Exits 77 (skipped) without the tools.
. "$(dirname "$0")/lib.sh"
for tool in dpkg-buildpackage dh dpkg-deb; do
	command -v "$tool" >/dev/null || skip_all "$tool is not installed"
done

# A clean copy: no build folders, recordings or earlier package builds.
mkdir -p "$T/src"
tar -C "$SRC" --exclude=./build --exclude='./build-*' --exclude='./obj-*' --exclude=./.git \
	--exclude='./recordings/*' --exclude=./debian/rehearse --exclude=./debian/.debhelper \
	--exclude=./debian/tmp --exclude=./debian/files -cf - . | tar -C "$T/src" -xf -
if (cd "$T/src" && DEB_BUILD_OPTIONS="nocheck parallel=$(nproc)" \
	timeout 500 dpkg-buildpackage -us -uc -b >"$T/build.log" 2>&1); then
	pass "dpkg-buildpackage -us -uc -b"
else
	fail "dpkg-buildpackage -us -uc -b"; tail -30 "$T/build.log"; finish; exit 1
fi
deb=$(ls "$T"/rehearse_*_*.deb | grep -v dbgsym)
# A distribution's build: REHEARSE_DEVELOPER off, so no -Werror and no
# path of the build folder in the program (the package is the same
# whichever folder it is built in); the configure output says what it has.
expect_match "the build says which optional features it has" "$(cat "$T/build.log")" \
	"rehearse: interviewer's voice: yes"
expect_match "and that it is not a developer build" "$(cat "$T/build.log")" "rehearse: developer build: no"
compiles=$(grep -E '(^|/)(cc|gcc) .* -c ' "$T/build.log")
expect_match "the build log shows the compiler's command lines" "$compiles" "main\.c"
case $compiles in
*"-Werror "*) fail "the package is built without -Werror" ;;
*) pass "the package is built without -Werror" ;;
esac
dpkg -x "$deb" "$T/root"
R="$T/root/usr/bin/rehearse"

for f in usr/bin/rehearse usr/share/man/man1/rehearse.1.gz \
	usr/share/bash-completion/completions/rehearse usr/share/zsh/vendor-completions/_rehearse \
	usr/share/doc/rehearse/README.md.gz usr/share/doc/rehearse/copyright \
	usr/share/rehearse/prompts/questions.txt usr/share/rehearse/prompts/README.md; do
	[ -e "$T/root/$f" ] && pass "the package holds /$f" || fail "the package lacks /$f"
done
n=$(dpkg -c "$deb" | grep -c "\.db\|\.wav\|/home/\|/root/")
expect_eq "no history, recordings or home files in the package" "$n" 0

deps=$(dpkg-deb -f "$deb" Depends)
for lib in libportaudio2 libsndfile1 libsqlite3-0 libncursesw6 libc6; do
	expect_match "depends on $lib" "$deps" "(^|, )$lib( |,|$)"
done
# The interviewer's voice is opened when used: recommended, not required.
expect_match "recommends libespeak-ng1 for the voice" "$(dpkg-deb -f "$deb" Recommends)" "libespeak-ng1"
case $deps in *espeak*) fail "does not depend on libespeak-ng" ;; *) pass "does not depend on libespeak-ng" ;; esac

expect_eq "strings finds no build path in the packaged binary" \
	"$(strings "$R" | grep -cF -e "$T/src" -e "$SRC")" 0
expect_eq "nor the word of the checkout's source folder" "$(strings "$R" | grep -c REHEARSE_SOURCE)" 0
# The licence: debian/copyright is machine-readable, and lintian has no
# error or warning about it.
if command -v lintian >/dev/null; then
	lintian --no-tag-display-limit "$deb" >"$T/lintian.log" 2>&1
	expect_eq "lintian: no error or warning about the licence or copyright" \
		"$(grep -E '^[EW]: ' "$T/lintian.log" | grep -ciE 'licen[cs]e|copyright|dep-?5')" 0
	grep -E '^[EW]: ' "$T/lintian.log" | sed 's/^/  lintian: /'
else
	echo "skip: lintian is not installed (the licence is not checked)"
fi
expect_match "the copyright file names GPL-3+" "$(cat "$T/root/usr/share/doc/rehearse/copyright")" \
	"^License: GPL-3\+$"
out=$("$R" --version); rc=$?
expect_eq "packaged rehearse --version exits 0" "$rc" 0
upstream=$(dpkg-deb -f "$deb" Version | sed 's/-[^-]*$//')
expect_eq "--version matches debian/changelog" "$(printf '%s\n' "$out" | head -1)" "rehearse $upstream"
expect_match "--version names PortAudio" "$out" "PortAudio V19"
out=$("$R" --bank "$T/root/usr/share/rehearse/prompts" bank check 2>&1); rc=$?
expect_eq "packaged rehearse bank check exits 0" "$rc" 0
expect_match "on the packaged bank" "$out" "prompts: ok: 7 categories"
out=$(env -u REHEARSE_BANK "$R" --help)
expect_match "the packaged binary finds its bank beside bin/" "$out" \
	"Prompt bank in use: $(realpath "$T/root/usr/share/rehearse/prompts") \(bundled\)"
expect_match "the packaged man page renders" "$(zcat "$T/root/usr/share/man/man1/rehearse.1.gz" |
	mandoc -T ascii 2>&1 | col -b)" "rehearse - rehearse behavioural interview answers"
finish
