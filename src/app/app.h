/* SPDX-License-Identifier: GPL-3.0-or-later */
/* app.h - the application context: what main builds from the command line
 * (the bank and data folders) and hands down to every command, session
 * and screen. It opens the bank, the history store and the audio backend
 * on first use and closes them once, in app_free. It sits below the
 * commands and the screens and calls only the library, never up. */
#ifndef REHEARSE_APP_H
#define REHEARSE_APP_H

#include <stdbool.h>

#include "rehearse/audio.h"
#include "rehearse/bank.h"
#include "rehearse/config.h"
#include "rehearse/store.h"

struct app {
	const char *bank_opt, *data_opt; /* --bank, --data (NULL: not given) */
	const char *audio_opt; /* --audio NAME: a backend of audio_backends[] */
	char *bank_dir, *data_dir;
	const char *bank_why, *data_why; /* where each folder came from */
	struct bank bank;
	bool bank_loaded;
	struct store store;
	bool store_open;
	struct audio_backend *audio; /* made by app_audio */
	struct config config; /* the settings file (settings.c) */
	char *config_why[CFG_NKEYS]; /* "file:line" shown as a folder's origin */
	unsigned needs; /* what the running command has opened for it (cli: NEED_*) */
};

/* Settings (settings.c). Load the settings file once, at start, before
 * the command line; warn about its bad lines ("file:line: ...")
 * separately, so the hidden `complete` command can stay quiet. */
void app_settings_load(struct app *a);
void app_settings_warn(const struct app *a);
/* The prompt bank and data folders: command line, else environment, else
 * settings file, else built-in (paths.h). Newly allocated; *why says
 * where each came from. */
char *app_bank_dir(struct app *a, const char **why);
char *app_data_dir(struct app *a, const char **why);
/* Colours on the screens: the setting "color", which NO_COLOR turns off.
 * Passed to the screens, never through the environment (the editor a
 * screen starts would inherit it). */
bool app_color(const struct app *a);

/* Load the bank once; on failure prints "file:line: ..." and returns -1. */
int app_bank(struct app *a);
/* Open the history store in the data folder (creating it 0700), and
 * complete takes a killed process left behind. Prints its error, -1. */
int app_store(struct app *a);
/* The same for a command that only reads (history, stats, exports, play):
 * a data folder that does not exist is not created but named as missing
 * ("no data folder at X (from REHEARSE_DATA)"), and one rehearse cannot
 * write to (a backup, a read-only snapshot) is read as it is. */
int app_store_read(struct app *a);
/* app_store for a command that changes history but records nothing
 * (delete): a data folder that does not exist is named, not created. */
int app_store_there(struct app *a);
/* app_store, then row id into *out (free with attempt_row_free). Prints
 * its error (no such attempt, say) and returns -1. */
int app_attempt(struct app *a, long long id, struct attempt_row *out);
/* Path of the history database in the data folder. Caller frees. */
char *app_db_path(struct app *a);
/* Path of the log that takes stderr while the screen is up. Caller frees. */
char *app_log_path(struct app *a);
/* The audio backend, made and initialised on first use (a failed start
 * is tried again on the next call). NULL + errbuf on failure. */
struct audio_backend *app_audio(struct app *a, char *errbuf);
/* Close whatever was opened, and free the settings. */
void app_free(struct app *a);

#endif
