/* cli.h - shared state of the command-line front end (main.c and the
 * cli_*.c command handlers). Handlers report errors themselves, once, and
 * return the process exit code. */
#ifndef REHEARSE_CLI_H
#define REHEARSE_CLI_H

#include <getopt.h>

#include "rehearse/bank.h"
#include "rehearse/config.h"
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
	struct config config;		/* the settings file (cli_config.c) */
	char *config_why[CFG_NKEYS];	/* "file:line" shown as a folder's origin */
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
int cmd_config(struct app *a, int argc, char **argv);
int cmd_complete(struct app *a, int argc, char **argv);

/* Settings (cli_config.c). Load the settings file once, at start; warn
 * about its bad lines ("file:line: ...") separately, so the hidden
 * `complete` command can stay quiet. */
void app_settings_load(struct app *a);
void app_settings_warn(const struct app *a);
void app_settings_free(struct app *a);
/* The prompt bank and data folders: option, environment, settings file,
 * built-in. Newly allocated; *why says where each came from. */
char *app_bank_dir(struct app *a, const char **why);
char *app_data_dir(struct app *a, const char **why);
/* The answer defaults (seconds, prep, overtime, device, level) from the
 * settings; the command line is applied on top by the caller. */
struct take_opts;
void app_take_defaults(const struct app *a, struct take_opts *o);
/* Questions in a mock round when --count is not given. */
int app_round_size(const struct app *a);
/* Print "rehearse VERSION" and the libraries' versions (cli_version.c). */
void print_version(FILE *out);

#endif
