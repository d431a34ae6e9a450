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

struct command {
	const char *name;
	int (*fn)(struct app *, int, char **);
	const char *summary;
	const char *usage; /* options, one per line after the first */
};

static const struct command commands[] = {
	{"practice", cmd_practice, "rehearse one question (by id, category, story or at random)",
	 "rehearse practice [--question ID | --category NAME | --story STORY] [OPTIONS]\n"
	 "  --question ID      ask this question\n"
	 "  --category NAME    a random question of this category\n"
	 "  --story STORY      tell this story itself (id or title)\n"
	 "  --level LEVEL      junior, senior or any (default any)\n"
	 "  --seed N           seed the random choice\n"
	 "  --seconds N        time limit of the answer (default 90)\n"
	 "  --prep N           start recording by itself after N seconds of preparation\n"
	 "  --overtime         let the clock run on past the limit (up to twice it)\n"
	 "  --no-record        timer only: run the countdown without a microphone\n"
	 "  --device N|NAME    input device (see 'rehearse devices')\n"
	 "  --rate HZ          sample rate (default: the device's own)\n"
	 "  --dry-run          print what would be asked and which story, then exit"},
	{"round", cmd_round, "a mock round: N questions across categories, back to back",
	 "rehearse round [--count N] [--seed S] [--level LEVEL] [OPTIONS]\n"
	 "  --count N          number of questions (default 5)\n"
	 "  --seed S           reproduce a round\n"
	 "  --level LEVEL      junior, senior or any\n"
	 "  --seconds, --prep, --overtime, --no-record, --device, --rate as for practice\n"
	 "  --dry-run          print the round and exit"},
	{"pivot", cmd_pivot, "tell one story for three different categories",
	 "rehearse pivot STORY [--seed S] [OPTIONS]\n"
	 "  --seconds, --prep, --overtime, --no-record, --device, --rate as for practice\n"
	 "  --dry-run          print the three questions and exit"},
	{"bank", cmd_bank, "check, inspect and edit the prompt bank",
	 "rehearse bank check | coverage | select [--count N] | init DIR | new TITLE\n"
	 "  check              validate the bank; warn about lengths and coverage\n"
	 "  coverage           the story x category matrix with word counts\n"
	 "  select [--count N] rank stories and moments; the best N (default 7)\n"
	 "  init DIR           copy the bundled bank to DIR to start your own\n"
	 "  new TITLE          write a STAR template and open it in $EDITOR"},
	{"history", cmd_history, "list recorded attempts, newest first",
	 "rehearse history [--json | --csv] [FILTERS]\n"
	 "  --json             one JSON list with every stored field\n"
	 "  --csv              every stored field as CSV, for spreadsheets\n"
	 "  --story ID         only this story's attempts\n"
	 "  --category NAME    only this category's\n"
	 "  --question ID      only this question's\n"
	 "  --since DATE       from this day on (2026-11-25 or '2026-11-25 14:30')\n"
	 "  --limit N          at most N attempts (the listing shows the newest 100)\n"
	 "  --all              list every attempt"},
	{"delete", cmd_delete, "delete an attempt and its recording",
	 "rehearse delete ID [--yes]\n"
	 "  --yes              do not ask first (for scripts)"},
	{"stats", cmd_stats, "progress per story and category over time", "rehearse stats"},
	{"analyze", cmd_analyze, "pacing statistics of audio files",
	 "rehearse analyze [--json] FILE...\n"
	 "  --json             one JSON object per file, one per line"},
	{"devices", cmd_devices, "list audio input and output devices", "rehearse devices"},
	{"play", cmd_play, "play back a recorded attempt", "rehearse play ID [--device N|NAME]"},
};

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static void print_main_help(struct app *a, FILE *out)
{
	fprintf(out,
		"rehearse %s - rehearse behavioural interview answers out loud\n\n"
		"usage: rehearse [--bank DIR] [--data DIR] [COMMAND [OPTIONS]]\n\n"
		"With no command, opens the home menu.\n\nCommands:\n",
		REHEARSE_VERSION);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "  %-10s %s\n", "help", "help on a command: rehearse help COMMAND");
	char *bank = resolve_bank_dir(a->bank_opt, &a->bank_why);
	char *data = resolve_data_dir(a->data_opt, &a->data_why);
	fprintf(out,
		"\nOptions:\n"
		"  --bank DIR   prompt bank folder (also REHEARSE_BANK)\n"
		"  --data DIR   data folder for recordings and history (also REHEARSE_DATA)\n"
		"  --help, --version\n\n"
		"Prompt bank in use: %s (%s)\nData folder in use: %s (%s)\n",
		bank, a->bank_why, data, a->data_why);
	free(bank);
	free(data);
}

void app_print_help(const char *cmd, FILE *out)
{
	const struct command *c = find_command(cmd);
	if (!c)
		return;
	fprintf(out, "%s\n\nusage: %s\n", c->summary, c->usage);
	fprintf(out, "\nEvery command also takes --bank DIR and --data DIR.\n");
}

int app_usage_error(const char *cmd)
{
	const struct command *c = find_command(cmd);
	if (c)
		fprintf(stderr, "usage: %s\n", c->usage);
	return EXIT_USAGE;
}

int app_common_option(struct app *a, int opt, const char *cmd)
{
	switch (opt) {
	case OPT_BANK:
		a->bank_opt = optarg;
		return 1;
	case OPT_DATA:
		a->data_opt = optarg;
		return 1;
	case OPT_HELP:
		app_print_help(cmd, stdout);
		return -1;
	default:
		return 0;
	}
}

int app_bank(struct app *a)
{
	if (a->bank_loaded)
		return 0;
	char errbuf[ERRBUF_SIZE];
	a->bank_dir = resolve_bank_dir(a->bank_opt, &a->bank_why);
	if (bank_load(&a->bank, a->bank_dir, errbuf) < 0)
		return error("%s", errbuf);
	a->bank_loaded = true;
	return 0;
}

char *app_db_path(struct app *a)
{
	if (!a->data_dir)
		a->data_dir = resolve_data_dir(a->data_opt, &a->data_why);
	return path_join(a->data_dir, "history.db");
}

int app_store(struct app *a)
{
	if (a->store_open)
		return 0;
	char errbuf[ERRBUF_SIZE];
	char *db = app_db_path(a);
	int rc = ensure_data_dir(a->data_dir, errbuf);
	if (rc > 0) {
		warning("%s", errbuf);
		rc = 0;
	}
	if (rc == 0)
		rc = store_open(&a->store, db, errbuf);
	free(db);
	if (rc < 0)
		return error("%s", errbuf);
	a->store_open = true;
	/* A take cut short by a killed process is completed from its file. */
	int n = take_recover(&a->store, errbuf);
	if (n < 0)
		warning("%s", errbuf);
	else if (n > 0)
		warning("recovered %d interrupted recording%s; see 'rehearse history'", n,
			n == 1 ? "" : "s");
	return 0;
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

static void app_free(struct app *a)
{
	if (a->bank_loaded)
		bank_free(&a->bank);
	if (a->store_open)
		store_close(&a->store);
	free(a->bank_dir);
	free(a->data_dir);
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
	static const struct option opts[] = {
		COMMON_LONG_OPTS, {"version", no_argument, NULL, 'V'}, {NULL, 0, NULL, 0}};
	int opt;
	while ((opt = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		if (opt == 'h' || opt == OPT_HELP) {
			print_main_help(&a, stdout);
			return 0;
		}
		if (opt == 'V') {
			printf("rehearse %s\n", REHEARSE_VERSION);
			return 0;
		}
		if (app_common_option(&a, opt, "") == 0) {
			fprintf(stderr, "usage: rehearse [--bank DIR] [--data DIR] [COMMAND [OPTIONS]]\n"
					"Try 'rehearse --help'.\n");
			return EXIT_USAGE;
		}
	}
	int rc;
	if (optind >= argc) {
		rc = cmd_home(&a);
	} else if (!strcmp(argv[optind], "help")) {
		const char *what = optind + 1 < argc ? argv[optind + 1] : NULL;
		if (what && !find_command(what)) {
			error("no such command '%s'", what);
			rc = EXIT_USAGE;
		} else {
			if (what)
				app_print_help(what, stdout);
			else
				print_main_help(&a, stdout);
			rc = 0;
		}
	} else {
		const struct command *c = find_command(argv[optind]);
		if (!c) {
			error("no such command '%s'; try 'rehearse --help'", argv[optind]);
			rc = EXIT_USAGE;
		} else {
			int sub_argc = argc - optind;
			char **sub_argv = argv + optind;
			optind = 0; /* reset getopt for the subcommand */
			rc = c->fn(&a, sub_argc, sub_argv);
		}
	}
	app_free(&a);
	return rc;
}
