/* cli.h - shared state of the command-line front end (main.c and the
 * cli_*.c command handlers). Handlers report errors themselves, once, and
 * return the process exit code. */
#ifndef REHEARSE_CLI_H
#define REHEARSE_CLI_H

#include "rehearse/bank.h"
#include "rehearse/store.h"
#include "options.h"

#define EXIT_USAGE 2

struct app {
	const char *bank_opt, *data_opt;
	const char *audio_opt; /* --audio NAME: a backend of audio_backends[] */
	char *bank_dir, *data_dir;
	const char *bank_why, *data_why;
	struct bank bank;
	bool bank_loaded;
	struct store store;
	bool store_open;
};

/* The one-line summary of a command (main.c's table), or NULL. */
const char *command_summary(const char *name);

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
