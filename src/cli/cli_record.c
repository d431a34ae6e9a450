/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_record.c - `rehearse practice`, `round` and `pivot`: build a plan
 * with the session engine, then print it (--dry-run) or run it. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rehearse/rate.h"
#include "session.h"

static int set_level(const struct cli_option *o, const char *arg)
{
	return level_parse(arg, o->value);
}

static int set_seed(const struct cli_option *o, const char *arg)
{
	long long v = parse_count(arg);
	if (v < 0)
		return -1;
	*(uint64_t *)o->value = (uint64_t)v;
	return 0;
}

/* --prep N, or "off" to undo a preparation time from the settings file. */
static int set_prep(const struct cli_option *o, const char *arg)
{
	if (strcmp(arg, "off") != 0)
		return opt_whole_seconds(o, arg);
	*(double *)o->value = -1;
	return 0;
}

/* --no-overtime, --voice, --no-card undo a setting of the settings file. */
static int clear_flag(const struct cli_option *o, const char *arg)
{
	(void)arg;
	*(bool *)o->value = false;
	return 0;
}

/* The options of every command that runs takes, into a struct take_opts. */
#define TAKE_OPTIONS(o)                                                                      \
	OPT_CALLBACK("seed", "N", &(o)->seed, set_seed, "a whole number",                  \
		     "seed the random choice (reproduce a round)"),                          \
		OPT_CALLBACK("level", "LEVEL", &(o)->level, set_level, "junior, senior or any",  \
			     "junior, senior or any (default any)"),                          \
		OPT_SETTING("seconds", "N", &(o)->seconds, opt_whole_seconds, CFG_SECONDS,   \
			    "time limit of the answer (default 90)"),                       \
		OPT_SETTING("prep", "N|off", &(o)->prep, set_prep, CFG_PREP,                 \
			    "start recording by itself after N seconds of preparation"),   \
		OPT_FLAG("overtime", &(o)->overtime,                                         \
			 "let the clock run on past the limit (up to twice it)"),            \
		OPT_CALLBACK("no-overtime", NULL, &(o)->overtime, clear_flag, NULL,          \
			     "stop at the limit (when the settings say overtime)"),         \
		OPT_FLAG("no-record", &(o)->no_record,                                       \
			 "timer only: run the countdown without a microphone"),              \
		OPT_FLAG("no-story-follow", &(o)->no_story_follow,                           \
			 "do not follow the story told (the setting story-follow)"),         \
		OPT_STRING("device", "N|NAME", &(o)->device,                                 \
			   "input device (see 'rehearse devices')"),                        \
		OPT_INT("rate", "HZ", &(o)->rate, REHEARSE_MIN_RATE, REHEARSE_MAX_RATE,       \
			REHEARSE_RATE_RANGE,                                                 \
			"sample rate (default: the device's own)"),                          \
		OPT_FLAG("dry-run", &(o)->dry_run, "print what would be asked, then exit")

static void take_defaults(const struct app *a, struct take_opts *o)
{
	memset(o, 0, sizeof *o);
	app_take_defaults(a, o); /* the settings file; options come on top */
	o->seed = (uint64_t)(now_s() * 1000.0) ^ ((uint64_t)getpid() << 32);
	o->seed %= 1000000000ull; /* short enough to retype */
}

/* A database that cannot be opened is refused (the take could not be
 * kept anyway); one whose history cannot be read is only a warning
 * (plan.h): every question then counts as never practised. */
static void warn_history(const struct plan *p)
{
	if (p->history_err[0])
		warning("%s", p->history_err);
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
	printf("%s, seed %llu\n", plan_mode_name(p->mode), (unsigned long long)p->seed);
	for (size_t i = 0; i < p->npicks; i++) {
		print_pick(&a->bank, i + 1, &p->picks[i]);
		if (p->picks[i].follow_up && p->mode == PLAN_ROUND && !o->no_follow_ups)
			printf("   follow-up: %s\n", p->picks[i].follow_up);
	}
	return 0;
}

/* What `practice` was asked for: one of a question, a category or a story. */
struct practice_args {
	const char *qid, *cat, *story;
};

/* "unknown category 'failures'; the categories are: ..." */
static int unknown_category(const struct bank *b, const char *name)
{
	char list[512];
	catmask all = b->ncats >= 32 ? ~0u : (1u << b->ncats) - 1;
	catmask_format(b, all, list, sizeof list);
	return error("unknown category '%s'; the categories are: %s", name, list);
}

/* A named story told as itself: not a moment. */
static const struct story *practice_story(const struct bank *b, const char *id)
{
	const struct story *s = bank_story(b, id);
	if (!s || s->is_moment)
		error(s ? "'%s' is a moment: write out its STAR sections first"
			: "no story '%s' in %s/stories",
		      id, b->dir);
	return s && !s->is_moment ? s : NULL;
}

/* The plan as asked: a question, a story, or one drawn from a category. */
static int practice_plan(struct app *a, const struct practice_args *w, const struct take_opts *o,
			 struct plan *p)
{
	struct bank *b = &a->bank;
	const struct question *q = NULL;
	const struct story *s = NULL;
	struct filter f = {-1, o->level};
	if (w->qid && !(q = bank_question(b, w->qid)))
		return error("no question with id '%s' in %s/questions.txt", w->qid, b->dir);
	if (w->story && !(s = practice_story(b, w->story)))
		return -1;
	if (app_store(a) < 0)
		return -1;
	if (w->cat && (f.category = bank_category_index(b, w->cat)) < 0)
		return unknown_category(b, w->cat);
	if (q)
		plan_question(p, b, &a->store, q);
	else if (s)
		plan_story(p, s);
	else
		plan_practice(p, b, &a->store, &f, o->seed);
	p->seed = o->seed;
	/* "n another question" draws from the category asked for, or any. */
	p->filter = f;
	warn_history(p);
	return 0;
}

/* `practice conf-01`: say which option was meant rather than bare usage. */
static int operand_hint(const struct bank *b, const struct cli_command *cmd, const char *word)
{
	if (bank_question(b, word))
		error("did you mean --question %s?", word);
	else if (bank_category_index(b, word) >= 0)
		error("did you mean --category %s?", word);
	else if (bank_story(b, word))
		error("did you mean --story '%s'?", word);
	else
		error("'%s' is not an option: practice takes --question ID, --category NAME or "
		      "--story STORY",
		      word);
	return usage_error(cmd);
}

int cmd_practice(struct app *a, int argc, char **argv)
{
	struct take_opts o;
	take_defaults(a, &o);
	struct practice_args w = {0};
	const struct cli_option opts[] = {
		OPT_STRING("question", "ID", &w.qid, "ask this question"),
		OPT_STRING("category", "NAME", &w.cat, "a random question of this category"),
		OPT_STRING("story", "STORY", &w.story, "tell this story itself (id or title)"),
		TAKE_OPTIONS(&o),
		OPT_END,
	};
	const struct cli_command cmd = {
		"practice",
		"rehearse practice [--question ID | --category NAME | --story STORY] [OPTIONS]", opts,
		0, 1, false};
	int n = parse_options(a, &cmd, argc, argv);
	if (n < 0)
		return parse_exit_code(n);
	if (!!w.qid + !!w.cat + !!w.story > 1)
		return usage_error(&cmd);
	if (n == 1)
		return operand_hint(&a->bank, &cmd, argv[1]);
	struct plan p = {0};
	int rc = practice_plan(a, &w, &o, &p);
	if (rc == 0)
		rc = run_plan(a, &p, &o);
	plan_free(&p);
	return rc < 0 ? 1 : rc;
}

int cmd_round(struct app *a, int argc, char **argv)
{
	struct take_opts o;
	take_defaults(a, &o);
	long long count = o.round_size; /* the settings file, else 5 */
	const struct cli_option opts[] = {
		OPT_SETTING("count", "N", &count, opt_llong, CFG_ROUND_SIZE,
			    "number of questions (default 5, or the round-size setting)"),
		OPT_FLAG("no-voice", &o.no_voice,
			 "do not read the questions aloud (the interviewer's voice)"),
		OPT_CALLBACK("voice", NULL, &o.no_voice, clear_flag, NULL,
			     "read the questions aloud (when the settings say voice = no)"),
		OPT_FLAG("card", &o.show_card, "show the cue card from the start, as in practice"),
		OPT_CALLBACK("no-card", NULL, &o.show_card, clear_flag, NULL,
			     "hide the cue card until h (when the settings say round-card = yes)"),
		OPT_FLAG("no-follow-ups", &o.no_follow_ups,
			 "ask no follow-up question after each answer"),
		OPT_CALLBACK("follow-ups", NULL, &o.no_follow_ups, clear_flag, NULL,
			     "ask follow-up questions (when the settings say follow-ups = no)"),
		TAKE_OPTIONS(&o),
		OPT_END,
	};
	const struct cli_command cmd = {"round", "rehearse round [--count N] [OPTIONS]", opts, 0,
					0, false};
	int n = parse_options(a, &cmd, argc, argv);
	if (n < 0)
		return parse_exit_code(n);
	struct filter f = {-1, o.level};
	struct plan p;
	plan_round(&p, &a->bank, &a->store, &f, (size_t)count, o.seed);
	warn_history(&p);
	if (p.npicks < (size_t)count && p.npicks)
		warning("only %zu questions fit; the round is shorter", p.npicks);
	int rc = run_plan(a, &p, &o);
	plan_free(&p);
	return rc;
}

int cmd_pivot(struct app *a, int argc, char **argv)
{
	struct take_opts o;
	take_defaults(a, &o);
	const struct cli_option opts[] = {TAKE_OPTIONS(&o), OPT_END};
	const struct cli_command cmd = {"pivot", "rehearse pivot STORY [OPTIONS]", opts, 1, 1,
					false};
	int n = parse_options(a, &cmd, argc, argv);
	if (n < 0)
		return parse_exit_code(n);
	const struct story *s = bank_story(&a->bank, argv[1]);
	if (!s || s->is_moment) {
		error(s ? "'%s' is a moment: write out its STAR sections first"
			: "no story '%s' in the bank; see 'rehearse bank coverage'",
		      argv[1]);
		return 1;
	}
	if (app_store(a) < 0)
		return 1;
	struct plan p;
	plan_pivot(&p, &a->bank, &a->store, s, o.seed);
	warn_history(&p);
	if (p.npicks < 3 && p.npicks)
		warning("'%s' covers only %zu categor%s; a pivot drill wants three", s->id,
			p.npicks, p.npicks == 1 ? "y" : "ies");
	int rc = run_plan(a, &p, &o);
	plan_free(&p);
	return rc;
}
