/* cli.h - shared state of the command-line front end (main.c and the
 * cli_*.c command handlers). Handlers report errors themselves, once, and
 * return the process exit code. */
#ifndef REHEARSE_CLI_H
#define REHEARSE_CLI_H

#include <getopt.h>

#include "app.h"

#define EXIT_USAGE 2

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
