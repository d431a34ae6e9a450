/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fixture_take.h - a take environment for the take-layer tests: the
 * fixture bank, a real history database in the test's temporary folder,
 * and question c1 with its matched story. */
#ifndef REHEARSE_FIXTURE_TAKE_H
#define REHEARSE_FIXTURE_TAKE_H

#include <stdlib.h>

#include "fixture_bank.h"
#include "rehearse/take.h"
#include "test.h"

struct env_fixture {
	struct bank bank;
	struct store store;
	struct take_env env;
	struct pick pick;
};

static void env_setup(struct env_fixture *f, const char *db, struct audio_backend *b)
{
	char e[ERRBUF_SIZE];
	CHECK_INT(fixture_bank(&f->bank), 0);
	char *path = xasprintf("%s/%s", test_tmpdir(), db);
	CHECK_INT(store_open(&f->store, path, 0, e), 0);
	free(path);
	f->env = (struct take_env){.store = &f->store, .audio = b, .bank = &f->bank,
				   .data_dir = test_tmpdir(), .limit_s = 90, .mode = "practice"};
	f->pick.question = bank_question(&f->bank, "c1");
	engine_match(&f->bank, f->pick.question, NULL, NULL, &f->pick.match);
}

static void env_teardown(struct env_fixture *f)
{
	store_close(&f->store);
	bank_free(&f->bank);
}

#endif
