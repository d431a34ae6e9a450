/* SPDX-License-Identifier: GPL-3.0-or-later */
/* app.c - see app.h. */
#include "app.h"

#include <errno.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rehearse/paths.h"
#include "rehearse/take.h"
#include "rehearse/util.h"

int app_bank(struct app *a)
{
	if (a->bank_loaded)
		return 0;
	char errbuf[ERRBUF_SIZE];
	a->bank_dir = app_bank_dir(a, &a->bank_why);
	if (bank_load(&a->bank, a->bank_dir, errbuf) < 0) {
		struct stat st;
		/* Not the one asked for: say where it came from, and how to choose. */
		if (stat(a->bank_dir, &st) < 0 && strcmp(a->bank_why, "--bank") != 0)
			return error("%s (from %s); give one with --bank DIR or REHEARSE_BANK",
				     errbuf, a->bank_why);
		return error("%s", errbuf);
	}
	a->bank_loaded = true;
	/* A story with a mistake is left out; the rest of the bank is used. */
	for (size_t i = 0; i < a->bank.problems.n; i++)
		warning("%s (story left out; see 'rehearse bank check')", a->bank.problems.v[i]);
	return 0;
}

static const char *data_dir_of(struct app *a)
{
	if (!a->data_dir)
		a->data_dir = app_data_dir(a, &a->data_why);
	return a->data_dir;
}

char *app_db_path(struct app *a)
{
	return path_join(data_dir_of(a), "history.db");
}

char *app_log_path(struct app *a)
{
	return path_join(data_dir_of(a), "rehearse.log");
}

int app_attempt(struct app *a, long long id, struct attempt_row *out)
{
	char errbuf[ERRBUF_SIZE];
	if (app_store(a) < 0)
		return -1;
	return store_get_attempt(&a->store, id, out, errbuf) < 0 ? error("%s", errbuf) : 0;
}

int app_store(struct app *a)
{
	if (a->store_open)
		return 0;
	char errbuf[ERRBUF_SIZE];
	char *db = app_db_path(a);
	int rc = ensure_data_dir(a->data_dir, errbuf);
	if (rc > 0) { /* e.g. an existing folder others can read: left as it is */
		warning("%s", errbuf);
		rc = 0;
	}
	if (rc == 0)
		rc = store_open(&a->store, db, 0, errbuf);
	free(db);
	if (rc < 0)
		return error("%s", errbuf);
	a->store_open = true;
	/* A damaged page is said at once, not met as a silently short list. */
	if (store_quick_check(&a->store, errbuf) < 0)
		warning("%s", errbuf);
	/* A take cut short by a killed process is completed from its file. */
	int n = take_recover(&a->store, errbuf);
	if (n < 0)
		warning("%s", errbuf);
	else if (n > 0)
		warning("recovered %d interrupted recording%s; see 'rehearse history'", n,
			n == 1 ? "" : "s");
	return 0;
}

/* A command that does not record never creates the data folder: one
 * that is not there is named as missing. */
static int data_dir_there(struct app *a)
{
	const char *dir = data_dir_of(a);
	struct stat st;
	if (stat(dir, &st) < 0)
		return errno == ENOENT ? error("no data folder at %s (from %s); nothing has been "
					       "recorded there",
					       dir, a->data_why)
				       : 0; /* any other failure: the open says why */
	if (!S_ISDIR(st.st_mode))
		return error("%s: cannot open the data folder: %s", dir, strerror(ENOTDIR));
	return 0;
}

int app_store_there(struct app *a)
{
	if (a->store_open)
		return 0;
	return data_dir_there(a) < 0 ? -1 : app_store(a);
}

int app_store_read(struct app *a)
{
	if (a->store_open)
		return 0;
	if (data_dir_there(a) < 0)
		return -1;
	const char *dir = data_dir_of(a);
	char errbuf[ERRBUF_SIZE];
	char *db = app_db_path(a);
	bool there = access(db, F_OK) == 0;
	if (access(dir, W_OK | X_OK) == 0 && (!there || access(db, W_OK) == 0)) {
		free(db);
		return app_store(a); /* as a recording command: recovery included */
	}
	int rc = there ? store_open(&a->store, db, STORE_READ_ONLY, errbuf)
		       : set_err(errbuf, "no history in %s (from %s), and the folder is read-only",
				 dir, a->data_why);
	free(db);
	if (rc < 0)
		return error("%s", errbuf);
	a->store_open = true;
	return 0;
}

struct audio_backend *app_audio(struct app *a, char *errbuf)
{
	if (a->audio)
		return a->audio;
	char *log = app_log_path(a);
	struct audio_backend *b = audio_backend_new(a->audio_opt, log, errbuf);
	free(log);
	if (!b)
		return NULL;
	if (b->ops->init(b->ctx, errbuf) < 0) {
		audio_backend_free(b);
		return NULL;
	}
	a->audio = b;
	return b;
}

void app_free(struct app *a)
{
	audio_backend_free(a->audio);
	if (a->bank_loaded)
		bank_free(&a->bank);
	if (a->store_open)
		store_close(&a->store);
	free(a->bank_dir);
	free(a->data_dir);
	config_free(&a->config);
	for (int k = 0; k < CFG_NKEYS; k++)
		free(a->config_why[k]);
}
