#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Shell completions: source the bash script, set COMP_WORDS and COMP_CWORD
# as bash would, call the function and check COMPREPLY. The zsh script is
# driven the same way with compadd and _files stubbed to print what they
# would offer.
. "$(dirname "$0")/lib.sh"
mkdir -m 700 "$REHEARSE_DATA" && "$REHEARSE" history >/dev/null # an empty folder: the schema
python3 "$SRC/tests/cli/seed_history.py" "$REHEARSE_DATA/history.db" 3

# complete WORD...: the candidates bash offers for the last word.
complete_bash() {
	bash -c 'source "$1/completions/rehearse.bash"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_rehearse; printf "%s\n" "${COMPREPLY[@]}"' _ "$SRC" "$REHEARSE" "$@" |
		grep -v '^$' | sort | tr '\n' ' '
}
ids() { grep -E "^$1[a-z]*-" "$2" | cut -d' ' -f1 | sort | tr '\n' ' '; }

expect_eq "practice --question co lists the bank's co* ids" \
	"$(complete_bash practice --question co)" \
	"$(grep -oE '^co[a-z]*-[0-9]+' "$SRC/prompts/questions.txt" | sort | tr '\n' ' ')"
expect_match "the list is not empty" "$(complete_bash practice --question co)" "conf-01 "

# A bank of our own, by --bank and by REHEARSE_BANK.
mkdir -p "$T/bank"
cp -r "$SRC/prompts/." "$T/bank/"
sed -i 's/^conf-01 |/copper-9 |/' "$T/bank/questions.txt"
sed -i 's/conf-01/copper-9/g' "$T/bank/stories/"*.md
expect_match "--bank on the line is honoured" \
	"$(complete_bash --bank "$T/bank" practice --question cop)" "^copper-9 $"
expect_match "REHEARSE_BANK is honoured" \
	"$(REHEARSE_BANK="$T/bank" complete_bash practice --question cop)" "^copper-9 $"
expect_eq "a broken bank offers nothing and says nothing" \
	"$(complete_bash --bank "$T/none" practice --question co 2>&1)" ""

expect_match "commands" "$(complete_bash "")" "^analyze bank config delete devices export help history pivot play practice round stats $"
expect_match "options of round" "$(complete_bash round --s)" "^--seconds --seed $"
expect_match "options of history" "$(complete_bash history --c)" "^--category --csv $"
expect_eq "categories" "$(complete_bash history --category co)" "collaboration communication conflict "
expect_eq "levels" "$(complete_bash practice --level s)" "senior "
expect_match "stories for pivot" "$(complete_bash pivot sch)" "^schema-disagreement $"
expect_match "stories for --story, moments left out" "$(complete_bash practice --story "")" "^api-deprecation billing-outage ci-pipeline "
expect_eq "attempt ids for play" "$(complete_bash play "")" "1 2 3 "
expect_eq "attempt ids for delete" "$(complete_bash delete "")" "1 2 3 "
expect_eq "bank sub-commands" "$(complete_bash bank "")" "check coverage init new select "
expect_eq "settings keys" "$(complete_bash config r)" "round-card round-size "
expect_eq "audio backends" "$(complete_bash practice --audio "")" "fake portaudio "
expect_eq "--audio's value is no command" "$(complete_bash --audio fake ro)" "round "
expect_eq "--audio among every command's options" "$(complete_bash delete --a)" "--audio "
expect_eq "-n's value is no operand" "$(complete_bash bank -n 3 "")" "check coverage init new select "
expect_eq "a setting's values" "$(complete_bash config overtime "")" "no yes "
expect_eq "no attempts without a history" \
	"$(complete_bash --data "$T/empty" play "")" ""
[ ! -e "$T/empty" ] && pass "completing creates no data folder" || fail "completing created $T/empty"

if command -v zsh >/dev/null; then
	complete_zsh() {
		zsh -f -c 'compadd() { while [[ $1 == -* && $1 != -- ]]; do [[ $1 == -J ]] && shift; shift; done
				[[ $1 == -- ]] && shift; print -l -- ${(M)@:#${words[CURRENT]}*} }
			_files() { print -- "(files $*)" }
			source "$1/completions/_rehearse" 2>/dev/null
			shift; words=("$@"); CURRENT=$#; _rehearse' _ "$SRC" "$REHEARSE" "$@" |
			grep -v '^$' | sort | tr '\n' ' '
	}
	expect_eq "zsh: practice --question conf-0" "$(complete_zsh practice --question conf-0)" \
		"$(grep -oE '^conf-[0-9]+' "$SRC/prompts/questions.txt" | sort | tr '\n' ' ')"
	expect_eq "zsh: attempts for play" "$(complete_zsh play "")" "1 2 3 "
	expect_match "zsh: commands" "$(complete_zsh "")" "^analyze bank config "
	expect_match "zsh: --bank is honoured" "$(complete_zsh --bank "$T/bank" practice --question cop)" "copper-9"
	expect_match "zsh: options" "$(complete_zsh round --)" "--audio .*--count .*--seconds"
	expect_eq "zsh: audio backends" "$(complete_zsh --audio "")" "fake portaudio "
else
	skip "zsh: zsh is not installed"
fi
finish
