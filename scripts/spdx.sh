#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# spdx.sh - put the SPDX licence identifier line (GPL-3.0-or-later) at the top of
# every source file git knows (C, headers, shell, Python, Praat, CMake, the
# Makefile, CI, debian/rules, the completions, the man page): the first
# line, or the second after a "#!" or "#compdef" line. A file that has the
# line already is left as it is, so running it again (after merging a
# branch that added files) changes only the new ones. Prints each file it
# changes. Usage, from anywhere in the checkout: sh scripts/spdx.sh
set -eu
cd "$(git rev-parse --show-toplevel)"
id="SPDX-License-Identifier: GPL-3.0-or-later"
git ls-files -z -- '*.c' '*.h' '*.sh' '*.py' '*.praat' '*CMakeLists.txt' Makefile .ci/run \
	debian/rules 'completions/*' '*.1' | xargs -0 -n 1 sh -c '
	id=$1 f=$2
	head -n 3 "$f" | grep -q "SPDX-License-Identifier:" && exit 0
	case $f in
	*.c | *.h) line="/* $id */" ;;
	*.1) line=".\\\" $id" ;;
	*) line="# $id" ;;
	esac
	tmp=$(mktemp "$f.XXXXXX")
	if head -n 1 "$f" | grep -qE "^#(!|compdef)"; then
		{ head -n 1 "$f"; printf "%s\n" "$line"; tail -n +2 "$f"; } >"$tmp"
	else
		{ printf "%s\n" "$line"; cat "$f"; } >"$tmp"
	fi
	chmod --reference="$f" "$tmp" && mv "$tmp" "$f"
	echo "$f"
' sh "$id" 
