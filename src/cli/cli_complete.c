/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_complete.c - the hidden `rehearse complete WHAT`: the words the shell
 * completions offer that only the program knows, one a line, from the
 * bank and data folder in use (--bank, REHEARSE_BANK, the settings file).
 *
 *   questions | stories | categories   from the prompt bank
 *   attempts                          attempt ids, newest first
 *   settings                          the settings file's keys
 *   audio                             the audio backends (--audio NAME)
 *
 * It is asked on every Tab, so it stays silent: a broken bank or a missing
 * history gives no words and exit 0, never a message on the prompt line.
 * It never creates the data folder or the database. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "rehearse/audio.h"
#include "rehearse/util.h"

static int print_attempt(const struct listing_row *r, void *ctx)
{
	(void)ctx;
	printf("%lld\n", r->id);
	return 0;
}

static void complete_attempts(struct app *a)
{
	char errbuf[ERRBUF_SIZE];
	char *db = app_db_path(a);
	struct store s;
	if (is_file(db) && store_open(&s, db, STORE_READ_ONLY, errbuf) == 0) {
		struct history_query q = {.limit = 500};
		store_each_listing(&s, &q, print_attempt, NULL, errbuf);
		store_close(&s);
	}
	free(db);
}

static void complete_bank(struct app *a, const char *what)
{
	char errbuf[ERRBUF_SIZE];
	a->bank_dir = app_bank_dir(a, &a->bank_why);
	if (bank_load(&a->bank, a->bank_dir, errbuf) < 0)
		return;
	a->bank_loaded = true;
	const struct bank *b = &a->bank;
	if (!strcmp(what, "questions"))
		for (size_t i = 0; i < b->nqs; i++)
			printf("%s\n", b->qs[i].id);
	if (!strcmp(what, "stories")) /* moments cannot be told yet */
		for (size_t i = 0; i < b->nstories; i++)
			if (!b->stories[i].is_moment)
				printf("%s\n", b->stories[i].id);
	if (!strcmp(what, "categories"))
		for (size_t i = 0; i < b->ncats; i++)
			printf("%s\n", b->cats[i].name);
}

int cmd_complete(struct app *a, int argc, char **argv)
{
	const struct cli_command cmd = {
		"complete", "rehearse complete questions|stories|categories|attempts|settings|audio",
		NULL, 1, 1, false};
	int n = parse_options(a, &cmd, argc, argv);
	if (n < 0)
		return parse_exit_code(n);
	const char *what = argv[1];
	if (!strcmp(what, "attempts"))
		complete_attempts(a);
	else if (!strcmp(what, "settings"))
		for (int k = 0; k < CFG_NKEYS; k++)
			printf("%s\n", config_key_info(k)->name);
	else if (!strcmp(what, "audio"))
		for (size_t i = 0; i < audio_backend_count; i++)
			printf("%s\n", audio_backends[i].name);
	else if (!strcmp(what, "questions") || !strcmp(what, "stories") ||
		 !strcmp(what, "categories"))
		complete_bank(a, what);
	else
		return EXIT_USAGE;
	return 0;
}
