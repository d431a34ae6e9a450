/* SPDX-License-Identifier: GPL-3.0-or-later */
/* options.h - one small table-driven parser for every subcommand's options,
 * after git's parse-options: a command declares its options once, in a
 * table of (name, argument, help, setter, where the value goes), and the
 * same table drives the parsing, the error messages and `--help`.
 *
 * Accepted forms: --name, --name VALUE, --name=VALUE, a unique prefix of a
 * name (--dry for --dry-run), -x and -x VALUE for options with a short
 * name, and "--" to end the options. Options may come before, between or
 * after the operands (as getopt_long allowed). Every command also takes
 * --bank DIR, --data DIR, --audio NAME and --help. */
#ifndef REHEARSE_OPTIONS_H
#define REHEARSE_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#include "rehearse/config.h"

struct app;
struct cli_option;

/* Store arg (NULL for a flag) where o->value points; -1 if it is refused. */
typedef int (*opt_setter)(const struct cli_option *o, const char *arg);

struct cli_option {
	const char *name; /* long name without "--" */
	char short_name;  /* 0: none */
	const char *arg;  /* the value in usage ("N", "ID"); NULL: takes none */
	const char *help; /* one line */
	opt_setter set;
	void *value;
	long long min, max; /* whole numbers: the range; OPT_SET_INT: the value */
	const char *takes;  /* for a refused value: "--NAME takes TAKES, not 'ARG'" */
};

int opt_flag(const struct cli_option *o, const char *arg);	 /* bool */
int opt_set_int(const struct cli_option *o, const char *arg);	 /* int = min */
int opt_string(const struct cli_option *o, const char *arg);	 /* const char * */
int opt_int(const struct cli_option *o, const char *arg);	 /* int in range */
int opt_llong(const struct cli_option *o, const char *arg);	 /* long long in range */
int opt_whole_seconds(const struct cli_option *o, const char *arg); /* double in range */

#define OPT_FLAG(n, v, h) {n, 0, NULL, h, opt_flag, v, 0, 0, NULL}
#define OPT_SET_INT(n, v, val, h) {n, 0, NULL, h, opt_set_int, v, val, val, NULL}
#define OPT_STRING(n, a, v, h) {n, 0, a, h, opt_string, v, 0, 0, NULL}
#define OPT_INT(n, a, v, lo, hi, takes, h) {n, 0, a, h, opt_int, v, lo, hi, takes}
#define OPT_LLONG(n, a, v, lo, hi, takes, h) {n, 0, a, h, opt_llong, v, lo, hi, takes}
#define OPT_CALLBACK(n, a, v, fn, takes, h) {n, 0, a, h, fn, v, 0, 0, takes}
/* A number option that sets what the settings key does: its range and the
 * words for it come from the key table (config.c), not restated here. */
#define OPT_SETTING(n, a, v, fn, key, h)                                                     \
	{n, 0, a, h, fn, v, config_key_range(key).min, config_key_range(key).max,            \
	 config_key_info(key)->values}
#define OPT_END {NULL, 0, NULL, NULL, NULL, NULL, 0, 0, NULL}

/* What a command tells the parser about itself. */
struct cli_command {
	const char *name;     /* as typed after "rehearse" */
	const char *synopsis; /* "rehearse delete ID [--yes]" */
	const struct cli_option *opts; /* ends with OPT_END; NULL: none */
	int min_operands, max_operands; /* max < 0: any number */
	bool stop_at_operand; /* the rest belongs to someone else (main) */
};

/* Results of parse_options besides a count of operands. */
enum { PARSE_USAGE = -1, PARSE_HELP = -2, PARSE_FAILED = -3 };

/* What a command needs before its work, after git's RUN_SETUP: a flag per
 * row of main.c's commands[], put in a->needs by main. parse_options opens
 * it through the context (app_bank, app_store) once the whole command line
 * is good, since --bank and --data may come after the command; so --help
 * and a usage error open nothing, and a handler starts with it ready. */
/* NEED_STORE_READ: a command that only reads history opens it as
 * app_store_read does (never creating the folder; read-only when it must);
 * NEED_STORE_THERE: one that changes it without recording (delete), as
 * app_store_there does (never creating the folder). */
enum { NEED_BANK = 1 << 0, NEED_STORE = 1 << 1, NEED_STORE_READ = 1 << 2, NEED_STORE_THERE = 1 << 3 };
/* Open what needs names, through the context (for a command's parts with
 * needs of their own, as bank's subcommands); -1 after the message. */
int open_needs(struct app *a, unsigned needs);

/* Parse argv[1..argc) against cmd's table and the common options. The
 * operands are moved, in order, to argv[1..n]; returns n. On an unknown
 * option, a refused value or a wrong number of operands the error and the
 * usage are printed and PARSE_USAGE is returned (exit EXIT_USAGE); after
 * --help the command's help is printed and PARSE_HELP is returned (exit 0;
 * main prints its own help, so for an unnamed command nothing is printed).
 * Then what a->needs names is opened: PARSE_FAILED (exit 1) after its
 * message when it cannot be. */
int parse_options(struct app *a, const struct cli_command *cmd, int argc, char **argv);

/* The generated help of a command: summary, synopsis, one line per option. */
void print_command_help(const struct cli_command *cmd, const char *summary, FILE *out);
/* Print "usage: ..." with the options to stderr; returns EXIT_USAGE. */
int usage_error(const struct cli_command *cmd);
/* parse_options for a command whose one operand is an attempt id (a whole
 * number of 1 or more): -1 with *id set to go on, else the exit code. */
int parse_id_command(struct app *a, const struct cli_command *cmd, int argc, char **argv,
		     long long *id);
/* The exit code for what parse_options returned, when it is not a count. */
int parse_exit_code(int parsed);

#endif
