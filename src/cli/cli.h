/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli.h - shared state of the command-line front end (main.c and the
 * cli_*.c command handlers). Handlers report errors themselves, once, and
 * return the process exit code. */
#ifndef REHEARSE_CLI_H
#define REHEARSE_CLI_H

#include "app.h"
#include "options.h"

#define EXIT_USAGE 2

/* The one-line summary of a command (main.c's table), or NULL. */
const char *command_summary(const char *name);

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
int cmd_export(struct app *a, int argc, char **argv);

/* One attempt as `history --json` shows it, as one JSON object and a
 * newline (cli_history.c). 0, or -1 with errbuf. */
struct attempt_row;
int history_json_of(struct app *a, const struct attempt_row *r, FILE *out, char *errbuf);

/* The take defaults (seconds, prep, overtime, device, level, round size)
 * from the settings (cli_config.c); the command line is applied on top by
 * the caller. */
struct take_opts;
void app_take_defaults(const struct app *a, struct take_opts *o);
/* Print "rehearse VERSION" and the libraries' versions (cli_version.c). */
void print_version(FILE *out);

#endif
