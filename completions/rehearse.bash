# SPDX-License-Identifier: GPL-3.0-or-later
# bash completion for rehearse                           -*- shell-script -*-
#
# Commands and options come from 'rehearse --help' and 'rehearse help CMD',
# so they follow the program; question, story and attempt ids and the
# categories come from the hidden 'rehearse complete WHAT', which reads the
# bank and data folder in use (--bank and --data on the line,
# REHEARSE_BANK, REHEARSE_DATA, the settings file); so do the names of
# the audio backends.

# _rehearse_ask WHAT: the program's words for WHAT, one a line.
_rehearse_ask()
{
	local i args=()
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--bank | --data) args+=("${COMP_WORDS[i]}" "${COMP_WORDS[i + 1]}") ;;
		esac
	done
	"$_rehearse_prog" complete "${args[@]}" "$1" 2>/dev/null
}

# _rehearse_commands: the indented words of the "Commands:" list.
_rehearse_commands()
{
	"$_rehearse_prog" --help 2>/dev/null |
		awk '/^Commands:/ {on = 1; next} on && /^  [a-z]/ {print $1} on && /^$/ {on = 0}'
}

# _rehearse_options CMD: every --option its help names, and the common ones.
_rehearse_options()
{
	{
		"$_rehearse_prog" help "$1" 2>/dev/null | grep -oE -- '--[a-z][a-z-]*'
		printf '%s\n' --bank --data --audio --help
	} | sort -u
}

# _rehearse_subwords CMD: sub-commands such as 'bank check', from its help.
_rehearse_subwords()
{
	"$_rehearse_prog" help "$1" 2>/dev/null | awk '/^  [a-z]/ {print $1}'
}

# _rehearse_reply WORDS CUR: the words (one a line) that start with CUR.
_rehearse_reply()
{
	local IFS=$'\n'
	COMPREPLY=($(compgen -W "$1" -- "$2"))
}

# _rehearse_value PREV CUR: complete the value of option PREV; 1 if PREV
# takes no value.
_rehearse_value()
{
	case $1 in
	--bank | --data) COMPREPLY=($(compgen -d -- "$2")) ;;
	--question) _rehearse_reply "$(_rehearse_ask questions)" "$2" ;;
	--story) _rehearse_reply "$(_rehearse_ask stories)" "$2" ;;
	--category) _rehearse_reply "$(_rehearse_ask categories)" "$2" ;;
	--level) _rehearse_reply $'junior\nsenior\nany' "$2" ;;
	--audio) _rehearse_reply "$(_rehearse_ask audio)" "$2" ;;
	--seconds | --prep | --seed | --count | -n | --rate | --limit | --since | --device) ;;
	*) return 1 ;;
	esac
	return 0
}

# _rehearse_positional CMD N CUR: the N-th word after the command.
_rehearse_positional()
{
	case $1 in
	pivot) [ "$2" -eq 1 ] && _rehearse_reply "$(_rehearse_ask stories)" "$3" ;;
	play | delete) [ "$2" -eq 1 ] && _rehearse_reply "$(_rehearse_ask attempts)" "$3" ;;
	export)
		if [ "$2" -eq 1 ]; then
			_rehearse_reply "$(_rehearse_ask attempts)" "$3"
		elif [ "$2" -eq 2 ]; then
			COMPREPLY=($(compgen -f -- "$3"))
		fi
		;;
	help) [ "$2" -eq 1 ] && _rehearse_reply "$(_rehearse_commands)" "$3" ;;
	analyze) COMPREPLY=($(compgen -f -- "$3")) ;;
	bank)
		if [ "$2" -eq 1 ]; then
			_rehearse_reply "$(_rehearse_subwords bank)" "$3"
		elif [ "${COMP_WORDS[COMP_CWORD - 1]}" = init ]; then
			COMPREPLY=($(compgen -d -- "$3"))
		fi
		;;
	config)
		if [ "$2" -eq 1 ]; then
			_rehearse_reply "$(_rehearse_ask settings)" "$3"
		elif [ "$2" -eq 2 ]; then
			_rehearse_config_value "${COMP_WORDS[COMP_CWORD - 1]}" "$3"
		fi
		;;
	esac
}

_rehearse_config_value()
{
	case $1 in
	level) _rehearse_reply $'junior\nsenior\nany' "$2" ;;
	overtime | color | colour | story-follow) _rehearse_reply $'yes\nno' "$2" ;;
	keep-as) _rehearse_reply $'wav\nflac' "$2" ;;
	prep) _rehearse_reply "off" "$2" ;;
	bank | data) COMPREPLY=($(compgen -d -- "$2")) ;;
	esac
}

_rehearse()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local _rehearse_prog=${COMP_WORDS[0]} cmd="" npos=0 i
	_rehearse_prog=${_rehearse_prog/#\~/$HOME}
	COMPREPLY=()
	_rehearse_value "$prev" "$cur" && return 0
	# The command is the first word that is neither an option nor its value.
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--bank | --data | --audio | --question | --story | --category | --level | \
			--seconds | --prep | --seed | --count | -n | --rate | --limit | --since | \
			--device) ((i++)) ;;
		-*) ;;
		*) if [ -z "$cmd" ]; then cmd=${COMP_WORDS[i]}; else ((npos++)); fi ;;
		esac
	done
	if [ -z "$cmd" ]; then
		if [[ $cur == -* ]]; then
			_rehearse_reply "--bank --data --audio --help --version" "$cur"
		else
			_rehearse_reply "$(_rehearse_commands)" "$cur"
		fi
	elif [[ $cur == -* ]]; then
		_rehearse_reply "$(_rehearse_options "$cmd")" "$cur"
	else
		_rehearse_positional "$cmd" $((npos + 1)) "$cur"
	fi
	return 0
}
complete -F _rehearse rehearse
