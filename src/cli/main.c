/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c - parse the command line and dispatch to a command handler.
 *
 * Commands that need no screen (bank, history, analyze, the --dry-run
 * flows) never initialise ncurses or PortAudio. */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "rehearse/paths.h"
#include "rehearse/take.h"

/* Every subcommand: its options, usage and handler live in its cli_*.c;
 * here only the name and the line `rehearse --help` shows for it. A
 * command without that line is hidden: it is for the shell completions,
 * which call it on every Tab, so it says nothing about the settings file. */
struct command {
	const char *name;
	int (*run)(struct app *, int, char **);
	unsigned needs; /* NEED_*: opened once its options parse */
	const char *summary; /* NULL: hidden */
};

#define BANK NEED_BANK
#define STORE NEED_STORE
#define READ NEED_STORE_READ
#define THERE NEED_STORE_THERE
static const struct command commands[] = {
	{"practice", cmd_practice, BANK,
	 "rehearse one question (by id, category, story or at random)"},
	{"round", cmd_round, BANK | STORE,
	 "a mock round: N questions across categories, back to back"},
	{"pivot", cmd_pivot, BANK, "tell one story for three different categories"},
	{"bank", cmd_bank, 0, "check, inspect and edit the prompt bank"},
	{"history", cmd_history, READ, "list recorded attempts, newest first"},
	{"delete", cmd_delete, THERE, "delete an attempt and its recording"},
	{"stats", cmd_stats, BANK | READ, "progress per story and category over time"},
	{"analyze", cmd_analyze, 0, "pacing statistics of audio files"},
	{"devices", cmd_devices, 0, "list audio input and output devices"},
	{"play", cmd_play, BANK | READ, "play back a recorded attempt"},
	{"export", cmd_export, READ,
	 "write an attempt as FLAC or Ogg with its figures, to share"},
	{"config", cmd_config, 0,
	 "show the settings in force and where each came from, or set one"},
	{"complete", cmd_complete, 0, NULL},
};
#undef BANK
#undef STORE
#undef READ
#undef THERE

/* Other spellings people type: the program itself writes "practise" as
 * a verb, so it is accepted as a command too. Not listed by --help. */
static const struct {
	const char *alias, *name;
} aliases[] = {
	{"practise", "practice"},
};

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(aliases); i++)
		if (!strcmp(aliases[i].alias, name))
			name = aliases[i].name;
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

const char *command_summary(const char *name)
{
	const struct command *c = find_command(name);
	return c ? c->summary : NULL;
}

static void print_main_help(struct app *a, FILE *out)
{
	fprintf(out,
		"rehearse %s - rehearse behavioural interview answers out loud\n\n"
		"usage: rehearse [--bank DIR] [--data DIR] [COMMAND [OPTIONS]]\n\n"
		"With no command, opens the home menu.\n\nCommands:\n",
		REHEARSE_VERSION);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (commands[i].summary)
			fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "  %-10s %s\n", "help", "help on a command: rehearse help COMMAND");
	char *bank = app_bank_dir(a, &a->bank_why);
	char *data = app_data_dir(a, &a->data_why);
	fprintf(out,
		"\nOptions:\n"
		"  --bank DIR   prompt bank folder (also REHEARSE_BANK)\n"
		"  --data DIR   data folder for recordings and history (also REHEARSE_DATA)\n"
		"  --audio NAME audio backend: portaudio (the default) or fake (for tests)\n"
		"  --help, --version\n\n"
		"Prompt bank in use: %s (%s)\nData folder in use: %s (%s)\n"
		"Settings file: %s (see 'rehearse config')\n",
		bank, a->bank_why, data, a->data_why, a->config.path);
	free(bank);
	free(data);
}

/* `rehearse help [COMMAND]`: a command prints its own help from its
 * option table, as `rehearse COMMAND --help` does (git does the same). */
static int cmd_help(struct app *a, int argc, char **argv)
{
	if (argc < 2) {
		print_main_help(a, stdout);
		return 0;
	}
	if (!strcmp(argv[1], "help")) {
		print_main_help(a, stdout);
		return 0;
	}
	const struct command *c = find_command(argv[1]);
	if (!c) {
		error("no such command '%s'", argv[1]);
		return EXIT_USAGE;
	}
	char *help_argv[] = {(char *)c->name, "--help", NULL};
	return c->run(a, 2, help_argv);
}

long long parse_count(const char *s)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (end == s || *end || errno || v < 0)
		return -1;
	return v;
}

/* Run the command the line names (argv[1], n words), or the home menu. */
static int dispatch(struct app *a, int n, char **argv)
{
	const struct command *c = n > 0 ? find_command(argv[1]) : NULL;
	if (!c || c->summary) /* a hidden command stays quiet */
		app_settings_warn(a);
	if (n == 0)
		return cmd_home(a);
	if (!strcmp(argv[1], "help"))
		return cmd_help(a, n, argv + 1);
	if (!c) {
		error("no such command '%s'; try 'rehearse --help'", argv[1]);
		return EXIT_USAGE;
	}
	a->needs = c->needs;
	return c->run(a, n, argv + 1);
}

/* git's run_builtin: a full disk or a closed pipe seen only when the
 * buffered output is flushed would otherwise end with status 0 and a
 * truncated listing. Checked once, at exit, for every command. A pipe or
 * socket is left alone, as git does: its reader going away is not ours to
 * report. Returns 0, or -1 after the message. */
static int check_stdout(void)
{
	struct stat st;
	if (fstat(fileno(stdout), &st) != 0 || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))
		return 0;
	if (fflush(stdout) != 0)
		return error("write failure on standard output: %s", strerror(errno));
	if (ferror(stdout))
		return error("unknown write failure on standard output");
	if (fclose(stdout) != 0)
		return error("close failed on standard output: %s", strerror(errno));
	return 0;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* Numbers are written for machines too (JSON, CSV): always a dot. */
	setlocale(LC_NUMERIC, "C");
	/* The screens draw UTF-8 (boxes, bars, the bank's own text). Under a
	 * C or POSIX locale, as over some ssh sessions, use C.UTF-8 for the
	 * characters: nearly every terminal today is UTF-8 anyway. */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	umask(077); /* recordings and history are personal */
	struct app a = {0};
	app_settings_load(&a); /* the command line then wins over it */
	bool help = false, version = false;
	const struct cli_option opts[] = {
		{"help", 'h', NULL, "this help", opt_flag, &help, 0, 0, NULL},
		{"version", 'V', NULL, "the version", opt_flag, &version, 0, 0, NULL},
		OPT_END,
	};
	const struct cli_command top = {NULL, "rehearse [--bank DIR] [--data DIR] [COMMAND [OPTIONS]]",
					opts, 0, -1, true};
	int n = parse_options(&a, &top, argc, argv);
	int rc = 0;
	if (n == PARSE_HELP || help)
		print_main_help(&a, stdout);
	else if (version)
		print_version(stdout);
	else if (n < 0)
		rc = EXIT_USAGE;
	else
		rc = dispatch(&a, n, argv);
	app_free(&a);
	if (check_stdout() != 0 && rc == 0)
		rc = 1;
	return rc;
}
