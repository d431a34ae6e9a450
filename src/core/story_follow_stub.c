/* SPDX-License-Identifier: GPL-3.0-or-later */
/* story_follow_stub.c - the follower's API in a rehearse built without
 * PocketSphinx: every call reports that it was not built. */
#include "rehearse/story_follow.h"

#define NOT_BUILT "rehearse was built without the story follower (PocketSphinx)"

bool story_follow_built(void)
{
	return false;
}

struct follower *follow_new(const struct story *st, const char *question, int sample_rate,
			    char *errbuf)
{
	(void)st, (void)question, (void)sample_rate;
	set_err(errbuf, NOT_BUILT);
	return NULL;
}

struct follower *follow_new_any(const struct story *const *stories, size_t n,
				const char *question, int sample_rate, char *errbuf)
{
	(void)stories, (void)n, (void)question, (void)sample_rate;
	set_err(errbuf, NOT_BUILT);
	return NULL;
}

int follow_feed(struct follower *f, const float *mono, size_t n, char *errbuf)
{
	(void)f, (void)mono, (void)n;
	return set_err(errbuf, NOT_BUILT);
}

int follow_part_now(struct follower *f)
{
	(void)f;
	return -1;
}

int follow_finish(struct follower *f, struct follow_result *out, char *errbuf)
{
	(void)f, (void)out;
	return set_err(errbuf, NOT_BUILT);
}

void follow_free(struct follower *f)
{
	(void)f;
}

int story_follow_samples(const struct story *st, const char *question, const float *mono,
			 size_t n, int sample_rate, struct follow_result *out, char *errbuf)
{
	(void)st, (void)question, (void)mono, (void)n, (void)sample_rate, (void)out;
	return set_err(errbuf, NOT_BUILT);
}
