#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# build.sh [OUT] - build the libFuzzer harnesses with clang into OUT
# (default build-fuzz), with AddressSanitizer and UBSan. Run from anywhere.
set -eu
SRC=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-$SRC/build-fuzz}
mkdir -p "$OUT"
CC=${FUZZ_CC:-clang}
# The bundled categories, as a C string the bank harnesses start from.
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$/\\n"/' \
	"$SRC/prompts/categories.txt" > "$OUT/categories.inc"
CFLAGS="-g -O1 -std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600 -Wall -Wextra -Werror
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
	-I$SRC/include -I$OUT -D_XOPEN_SOURCE_EXTENDED=1
	-DREHEARSE_VERSION=\"fuzz\" -DREHEARSE_SOURCE_DIR=\"$SRC\" -DREHEARSE_DATADIR=\"$OUT\""
# Every core module, built once, as CMakeLists.txt builds it (the
# analysis' modules with their own float flags), so a new module needs no
# change here unless it joins the analysis.
AFLAGS="-fno-math-errno -fassociative-math -fno-signed-zeros -fno-trapping-math"
LIBS="$(pkg-config --libs sndfile sqlite3) -lpthread -lm"
core=""
for s in "$SRC"/src/core/*.c; do
	# The follower's PocketSphinx half: the harnesses link its stub, which
	# a build without the library uses too.
	[ "$(basename "$s")" = story_follow.c ] && continue
	o="$OUT/core-$(basename "$s" .c).o"
	extra=""
	case $(basename "$s") in
	analysis.c | dsp.c | speech_activity.c | nuclei.c | resample.c) extra=$AFLAGS ;;
	esac
	# shellcheck disable=SC2086
	$CC $CFLAGS $extra -c "$s" -o "$o"
	core="$core $o"
done
for h in categories questions story analysis wav; do
	# shellcheck disable=SC2086
	$CC $CFLAGS "$SRC/tests/fuzz/fuzz_$h.c" $core -o "$OUT/fuzz_$h" $LIBS
done
echo "fuzz: harnesses in $OUT"
