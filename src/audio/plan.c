/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plan.c - see plan.h. */
#include "rehearse/plan.h"

#include <stdlib.h>
#include <string.h>

#include "rehearse/util.h"

#define PLAN_FOLLOW_UP_STREAM 0x666f6c6c6f772d75ull /* "follow-u" */

static const char *const mode_names[PLAN_NMODES] = {[PLAN_PRACTICE] = "practice",
						     [PLAN_ROUND] = "round",
						     [PLAN_PIVOT] = "pivot",
						     [PLAN_FOLLOW_UP] = ATTEMPT_MODE_FOLLOW_UP};

const char *plan_mode_name(enum plan_mode m)
{
	return m >= 0 && m < PLAN_NMODES ? mode_names[m] : "?";
}

/* A fresh plan of up to n picks; "another question" from anything. */
static void plan_init(struct plan *p, enum plan_mode mode, size_t n, uint64_t seed)
{
	memset(p, 0, sizeof *p);
	p->mode = mode;
	p->picks = xcalloc(n ? n : 1, sizeof *p->picks);
	p->seed = seed;
	p->filter = (struct filter){-1, LEVEL_ANY};
}

/* The history view; unreadable, it is empty and the plan says why. */
static struct history_view load_history(struct plan *p, struct store *st)
{
	struct history_view h = {0};
	if (st && store_load_recency(st, &h, p->history_err) < 0) {
		recency_free(&h.questions);
		recency_free(&h.stories);
		memset(&h, 0, sizeof h);
	}
	return h;
}

static void free_history(struct history_view *h)
{
	recency_free(&h->questions);
	recency_free(&h->stories);
}

void plan_practice(struct plan *p, const struct bank *b, struct store *st,
		   const struct filter *f, uint64_t seed)
{
	plan_init(p, PLAN_PRACTICE, 1, seed);
	p->filter = *f;
	struct history_view h = load_history(p, st);
	struct rng r;
	rng_seed(&r, seed);
	p->picks[0].question = engine_pick_question(b, f, &h, &r);
	if (p->picks[0].question) {
		engine_match(b, p->picks[0].question, &h, NULL, &p->picks[0].match);
		p->npicks = 1;
	}
	free_history(&h);
}

void plan_question(struct plan *p, const struct bank *b, struct store *st,
		   const struct question *q)
{
	plan_init(p, PLAN_PRACTICE, 1, 0);
	struct history_view h = load_history(p, st);
	p->picks[0].question = q;
	engine_match(b, q, &h, NULL, &p->picks[0].match);
	p->npicks = 1;
	free_history(&h);
}

void plan_story(struct plan *p, const struct story *s)
{
	plan_init(p, PLAN_PRACTICE, 1, 0);
	p->picks[0].match.story = s;
	p->picks[0].match.category = __builtin_ctz(s->cats);
	p->picks[0].match.missing_category = -1;
	p->npicks = 1;
}

void plan_round(struct plan *p, const struct bank *b, struct store *st, const struct filter *f,
		size_t count, uint64_t seed)
{
	plan_init(p, PLAN_ROUND, count, seed);
	struct history_view h = load_history(p, st);
	struct rng r;
	rng_seed(&r, seed);
	p->npicks = engine_round(b, f, &h, &r, count, p->picks);
	/* Their own stream of the seed: the questions a seed gives stay the
	 * ones it gave before rounds had follow-ups. */
	rng_seed(&r, seed ^ PLAN_FOLLOW_UP_STREAM);
	engine_follow_ups(b, &r, p->picks, p->npicks);
	free_history(&h);
}

void plan_pivot(struct plan *p, const struct bank *b, struct store *st, const struct story *s,
		uint64_t seed)
{
	plan_init(p, PLAN_PIVOT, 3, seed);
	struct history_view h = load_history(p, st);
	struct rng r;
	rng_seed(&r, seed);
	p->npicks = engine_pivot(b, s, &h, &r, p->picks);
	free_history(&h);
}

bool plan_another(struct plan *p, const struct bank *b, struct store *st, struct rng *r)
{
	struct history_view h = load_history(p, st);
	const struct question *was = p->picks[0].question, *q = NULL;
	for (int tries = 0; tries < 8 && (!q || q == was); tries++)
		q = engine_pick_question(b, &p->filter, &h, r);
	bool found = q && q != was;
	if (found) {
		memset(&p->picks[0], 0, sizeof p->picks[0]);
		p->picks[0].question = q;
		engine_match(b, q, &h, NULL, &p->picks[0].match);
	}
	free_history(&h);
	return found;
}

void plan_copy(struct plan *to, const struct plan *from)
{
	*to = *from;
	to->picks = xcalloc(from->npicks ? from->npicks : 1, sizeof *to->picks);
	memcpy(to->picks, from->picks, from->npicks * sizeof *from->picks);
}

void plan_free(struct plan *p)
{
	free(p->picks);
	p->picks = NULL;
	p->npicks = 0;
}

int plan_take_env(const struct plan *p, const struct take_opts *o, const struct take_env *base,
		  struct take_env *env, char *errbuf)
{
	*env = *base;
	env->mode = plan_mode_name(p->mode);
	env->limit_s = o->seconds;
	env->max_s = o->overtime ? 2 * o->seconds : o->seconds;
	env->round_id = 0;
	if (p->npicks > 1 && store_round_begin(env->store, env->mode, p->seed, (int)p->npicks,
					       &env->round_id, errbuf) < 0) {
		env->round_id = 0;
		return -1;
	}
	return 0;
}

void plan_follow_up_env(const struct take_env *round, const struct take_opts *o,
			struct take_env *env)
{
	*env = *round;
	env->mode = plan_mode_name(PLAN_FOLLOW_UP);
	env->limit_s = o->seconds < FOLLOW_UP_S ? o->seconds : FOLLOW_UP_S;
	env->max_s = o->overtime ? 2 * env->limit_s : env->limit_s;
}
