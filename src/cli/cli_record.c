/* cli_record.c - `rehearse practice`, `round` and `pivot`: build a plan
 * with the session engine, then print it (--dry-run) or run it. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "session.h"

enum {
	OPT_SECONDS = 2000,
	OPT_PREP,
	OPT_OVERTIME,
	OPT_NO_OVERTIME,
	OPT_NO_RECORD,
	OPT_DRY_RUN,
	OPT_DEVICE,
	OPT_RATE,
	OPT_SEED,
	OPT_LEVEL,
	OPT_COUNT,
	OPT_QUESTION,
	OPT_CATEGORY,
	OPT_STORY,
};

#define TAKE_LONG_OPTS                                                                       \
	{"seconds", required_argument, NULL, OPT_SECONDS},                                    \
		{"prep", required_argument, NULL, OPT_PREP},                                  \
		{"overtime", no_argument, NULL, OPT_OVERTIME},                                \
		{"no-overtime", no_argument, NULL, OPT_NO_OVERTIME},                          \
		{"no-record", no_argument, NULL, OPT_NO_RECORD},                              \
		{"dry-run", no_argument, NULL, OPT_DRY_RUN},                                  \
		{"device", required_argument, NULL, OPT_DEVICE},                              \
		{"rate", required_argument, NULL, OPT_RATE},                                  \
		{"seed", required_argument, NULL, OPT_SEED},                                  \
		{"level", required_argument, NULL, OPT_LEVEL}, COMMON_LONG_OPTS

static void take_defaults(const struct app *a, struct take_opts *o)
{
	memset(o, 0, sizeof *o);
	app_take_defaults(a, o); /* the settings file; options come on top */
	o->seed = (uint64_t)(now_s() * 1000.0) ^ ((uint64_t)getpid() << 32);
	o->seed %= 1000000000ull; /* short enough to retype */
}

/* Returns 1 if handled, 0 if not a take option, -1 on a bad value. */
static int take_option(struct take_opts *o, int opt)
{
	long long v;
	switch (opt) {
	case OPT_SECONDS:
		if ((v = parse_count(optarg)) < 5 || v > 3600)
			return error("--seconds takes 5 to 3600, not '%s'", optarg);
		o->seconds = (double)v;
		return 1;
	case OPT_PREP: /* "off" undoes a prep from the settings file */
		if (!strcmp(optarg, "off"))
			v = -1;
		else if ((v = parse_count(optarg)) < 0 || v > 600)
			return error("--prep takes 0 to 600 seconds or off, not '%s'", optarg);
		o->prep = (double)v;
		return 1;
	case OPT_OVERTIME:
	case OPT_NO_OVERTIME:
		o->overtime = opt == OPT_OVERTIME;
		return 1;
	case OPT_NO_RECORD:
		o->no_record = true;
		return 1;
	case OPT_DRY_RUN:
		o->dry_run = true;
		return 1;
	case OPT_DEVICE:
		o->device = optarg;
		return 1;
	case OPT_RATE:
		if ((v = parse_count(optarg)) < 8000 || v > 384000)
			return error("--rate takes 8000 to 384000 Hz, not '%s'", optarg);
		o->rate = (int)v;
		return 1;
	case OPT_SEED:
		if ((v = parse_count(optarg)) < 0)
			return error("--seed takes a whole number, not '%s'", optarg);
		o->seed = (uint64_t)v;
		return 1;
	case OPT_LEVEL:
		if (level_parse(optarg, &o->level) < 0)
			return error("--level takes junior, senior or any, not '%s'", optarg);
		return 1;
	default:
		return 0;
	}
}

static void load_history(struct app *a, struct history_view *h)
{
	char errbuf[ERRBUF_SIZE];
	/* Without history every question counts as never practised; that
	 * is worth a warning, not a refusal. */
	if (app_store(a) == 0 && store_load_recency(&a->store, h, errbuf) < 0)
		warning("%s", errbuf);
}

static void print_pick(const struct bank *b, size_t n, const struct pick *p)
{
	const struct match *m = &p->match;
	if (p->question)
		printf("%zu. [%s] %s (%s): %s\n", n, b->cats[p->question->first_cat].name,
		       p->question->id, level_name(p->question->level), p->question->text);
	else
		printf("%zu. [story] Tell me about: %s\n", n, m->story->title);
	if (m->story)
		printf("   story: %s \"%s\"%s%s%s\n", m->story->id, m->story->title,
		       m->named ? " (written for this question)" : "",
		       p->question && m->category != p->question->first_cat ? ", told as " : "",
		       p->question && m->category != p->question->first_cat
			       ? b->cats[m->category].name
			       : "");
	else if (m->moment)
		printf("   story: none covers '%s'; the moment '%s' could: write it out\n",
		       b->cats[m->missing_category].name, m->moment->id);
	else
		printf("   story: none covers '%s'; add one with 'rehearse bank new'\n",
		       b->cats[m->missing_category].name);
	if (m->angle)
		printf("   angle: %s\n", m->angle);
}

static int run_plan(struct app *a, struct plan *p, const struct take_opts *o)
{
	if (p->npicks == 0) {
		error("no question matches; check --category and --level against the bank");
		return 1;
	}
	if (!o->dry_run)
		return session_run(a, p, o);
	printf("%s, seed %llu\n", p->mode, (unsigned long long)p->seed);
	for (size_t i = 0; i < p->npicks; i++)
		print_pick(&a->bank, i + 1, &p->picks[i]);
	return 0;
}

int cmd_practice(struct app *a, int argc, char **argv)
{
	static const struct option opts[] = {{"question", required_argument, NULL, OPT_QUESTION},
					     {"category", required_argument, NULL, OPT_CATEGORY},
					     {"story", required_argument, NULL, OPT_STORY},
					     TAKE_LONG_OPTS,
					     {NULL, 0, NULL, 0}};
	struct take_opts o;
	take_defaults(a, &o);
	const char *qid = NULL, *cat = NULL, *story = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		int c = app_common_option(a, opt, "practice");
		if (c < 0)
			return 0;
		if (c == 0)
			c = take_option(&o, opt);
		if (c < 0)
			return EXIT_USAGE;
		if (c > 0)
			continue;
		if (opt == OPT_QUESTION)
			qid = optarg;
		else if (opt == OPT_CATEGORY)
			cat = optarg;
		else if (opt == OPT_STORY)
			story = optarg;
		else
			return app_usage_error("practice");
	}
	if (optind < argc || (!!qid + !!cat + !!story) > 1)
		return app_usage_error("practice");
	if (app_bank(a) < 0)
		return 1;
	struct bank *b = &a->bank;
	struct history_view h = {0};
	struct pick pick = {0};
	struct plan p = {"practice", &pick, 1, o.seed};
	struct rng r;
	rng_seed(&r, o.seed);
	int rc = 0;
	if (qid) {
		pick.question = bank_question(b, qid);
		if (!pick.question) {
			rc = error("no question with id '%s' in %s/questions.txt", qid, b->dir);
			goto out;
		}
	} else if (story) {
		const struct story *s = bank_story(b, story);
		if (!s || s->is_moment) {
			rc = error(s ? "'%s' is a moment: write out its STAR sections first"
				     : "no story '%s' in %s/stories",
				   story, b->dir);
			goto out;
		}
		pick.match.story = s;
		pick.match.category = __builtin_ctz(s->cats);
		pick.match.missing_category = -1;
	}
	load_history(a, &h);
	if (!qid && !story) {
		struct filter f = {-1, o.level};
		if (cat && (f.category = bank_category_index(b, cat)) < 0) {
			rc = error("unknown category '%s'", cat);
			goto out;
		}
		pick.question = engine_pick_question(b, &f, &h, &r);
		p.npicks = pick.question ? 1 : 0;
	}
	if (pick.question)
		engine_match(b, pick.question, &h, NULL, &pick.match);
	rc = run_plan(a, &p, &o);
out:
	recency_free(&h.questions);
	recency_free(&h.stories);
	return rc < 0 ? 1 : rc;
}

int cmd_round(struct app *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{"count", required_argument, NULL, OPT_COUNT}, TAKE_LONG_OPTS, {NULL, 0, NULL, 0}};
	struct take_opts o;
	take_defaults(a, &o);
	long long count = app_round_size(a);
	int opt;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		int c = app_common_option(a, opt, "round");
		if (c < 0)
			return 0;
		if (c == 0)
			c = take_option(&o, opt);
		if (c < 0)
			return EXIT_USAGE;
		if (c > 0)
			continue;
		if (opt == OPT_COUNT && (count = parse_count(optarg)) >= 1 && count <= 50)
			continue;
		if (opt == OPT_COUNT)
			error("--count takes 1 to 50, not '%s'", optarg);
		return app_usage_error("round");
	}
	if (optind < argc)
		return app_usage_error("round");
	if (app_bank(a) < 0)
		return 1;
	struct history_view h = {0};
	load_history(a, &h);
	struct rng r;
	rng_seed(&r, o.seed);
	struct filter f = {-1, o.level};
	struct pick *picks = xcalloc((size_t)count, sizeof *picks);
	struct plan p = {"round", picks, 0, o.seed};
	p.npicks = engine_round(&a->bank, &f, &h, &r, (size_t)count, picks);
	if (p.npicks < (size_t)count && p.npicks)
		warning("only %zu questions fit; the round is shorter", p.npicks);
	int rc = run_plan(a, &p, &o);
	free(picks);
	recency_free(&h.questions);
	recency_free(&h.stories);
	return rc;
}

int cmd_pivot(struct app *a, int argc, char **argv)
{
	static const struct option opts[] = {TAKE_LONG_OPTS, {NULL, 0, NULL, 0}};
	struct take_opts o;
	take_defaults(a, &o);
	int opt;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		int c = app_common_option(a, opt, "pivot");
		if (c < 0)
			return 0;
		if (c == 0)
			c = take_option(&o, opt);
		if (c < 0)
			return EXIT_USAGE;
		if (c == 0)
			return app_usage_error("pivot");
	}
	if (optind != argc - 1)
		return app_usage_error("pivot");
	if (app_bank(a) < 0)
		return 1;
	const struct story *s = bank_story(&a->bank, argv[optind]);
	if (!s || s->is_moment) {
		error(s ? "'%s' is a moment: write out its STAR sections first"
			: "no story '%s' in the bank; see 'rehearse bank coverage'",
		      argv[optind]);
		return 1;
	}
	struct history_view h = {0};
	load_history(a, &h);
	struct rng r;
	rng_seed(&r, o.seed);
	struct pick picks[3];
	struct plan p = {"pivot", picks, 0, o.seed};
	p.npicks = engine_pivot(&a->bank, s, &h, &r, picks);
	if (p.npicks < 3 && p.npicks)
		warning("'%s' covers only %zu categor%s; a pivot drill wants three", s->id,
			p.npicks, p.npicks == 1 ? "y" : "ies");
	int rc = run_plan(a, &p, &o);
	recency_free(&h.questions);
	recency_free(&h.stories);
	return rc;
}
