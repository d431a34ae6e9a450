/* cli.h - shared state of the command-line front end (main.c and the
 * cli_*.c command handlers). Handlers report errors themselves, once, and
 * return the process exit code. */
#ifndef REHEARSE_CLI_H
#define REHEARSE_CLI_H

#include <getopt.h>

#include "rehearse/bank.h"
#include "rehearse/store.h"

#define EXIT_USAGE 2

struct app {
	const char *bank_opt, *data_opt;
	char *bank_dir, *data_dir;
	const char *bank_why, *data_why;
	struct bank bank;
	bool bank_loaded;
	struct store store;
	bool store_open;
};

/* Long options every subcommand accepts; append with COMMON_LONG_OPTS. */
enum { OPT_BANK = 1000, OPT_DATA, OPT_HELP };
#define COMMON_LONG_OPTS                                                                     \
	{"bank", required_argument, NULL, OPT_BANK}, {"data", required_argument, NULL, OPT_DATA}, \
		{"help", no_argument, NULL, OPT_HELP}

/* Handle a common option; returns 1 if it was one, 0 if not, and for
 * --help prints the command's help and returns -1 (caller exits 0). */
int app_common_option(struct app *a, int opt, const char *cmd);
/* Print "usage" for cmd to stderr and return EXIT_USAGE. */
int app_usage_error(const char *cmd);
void app_print_help(const char *cmd, FILE *out);

/* Load the bank once; on failure prints "file:line: ..." and returns -1. */
int app_bank(struct app *a);
/* Open the history store in the data folder (creating it 0700). */
int app_store(struct app *a);
/* Path of the history database in the data folder. Caller frees. */
char *app_db_path(struct app *a);

/* Parse a whole non-negative number; -1 if it is not one. */
long long parse_count(const char *s);

int cmd_bank(struct app *a, int argc, char **argv);
int cmd_practice(struct app *a, int argc, char **argv);
int cmd_round(struct app *a, int argc, char **argv);
int cmd_pivot(struct app *a, int argc, char **argv);
int cmd_history(struct app *a, int argc, char **argv);
int cmd_delete(struct app *a, int argc, char **argv);
int cmd_stats(struct app *a, int argc, char **argv);
int cmd_analyze(struct app *a, int argc, char **argv);
int cmd_devices(struct app *a, int argc, char **argv);
int cmd_play(struct app *a, int argc, char **argv);
int cmd_home(struct app *a);

#endif
