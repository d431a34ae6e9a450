/* SPDX-License-Identifier: GPL-3.0-or-later */
/* metrics.c - see metrics.h. */
#include "rehearse/metrics.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rehearse/compare.h"
#include "rehearse/feedback.h"
#include "rehearse/util.h"

static void show_speaking(const struct analysis *a, double take_s, char *buf, size_t n)
{
	char d[16];
	format_mmss(a->speech_s, d, sizeof d);
	snprintf(buf, n, "%s (%.0f%% of the take)", d, take_s > 0 ? 100 * a->speech_s / take_s : 0);
}

static void show_pauses(const struct analysis *a, double take_s, char *buf, size_t n)
{
	(void)take_s;
	if (!a->npauses)
		snprintf(buf, n, "none");
	else
		snprintf(buf, n, "%zu, %d over 1 s (longest %.1f s)", a->npauses, a->long_pause_count,
			 a->longest_pause_s);
}

static void show_syllables(const struct analysis *a, double take_s, char *buf, size_t n)
{
	(void)take_s;
	snprintf(buf, n, "%d (%.0f/min speaking)", a->syllables, a->articulation_rate);
}

/* The pace says what it is: about, a range, or that there is too little
 * speech or too much noise to say (feedback.c's pace_summary). */
static void show_pace(const struct analysis *a, double take_s, char *buf, size_t n)
{
	(void)take_s;
	bool good;
	pace_summary(a, buf, n, &good);
}

/* Whole decibels, never "-0" (a peak just under full scale is 0 dBFS). */
static double whole_db(double db)
{
	double r = round(db);
	return r == 0 ? 0.0 : r;
}

static void show_level(const struct analysis *a, double take_s, char *buf, size_t n)
{
	(void)take_s;
	snprintf(buf, n, "speech %.0f dBFS, peak %.0f dBFS, %lld clipped",
		 whole_db(a->speech_rms_dbfs), whole_db(a->peak_dbfs), a->clipped_samples);
}

static bool late_first_word(const struct analysis *a)
{
	return a->first_speech_s > FIRST_WORD_MAX_S;
}

static bool any_long_pause(const struct analysis *a)
{
	return a->long_pause_count > 0;
}

static bool pace_off(const struct analysis *a)
{
	char buf[96];
	bool good;
	pace_summary(a, buf, sizeof buf, &good);
	return !good;
}

static const char *const wpm_sources[] = {"typical", "text", "words"};

/* The type a row declares must be its field's: metric_get() and
 * metric_set() reach the field through it. TYPED_AT(nm, type) is the
 * field's offset, and does not compile when the two differ (a negative
 * array size): the invariant is checked where the row is written. An enum
 * field is read as an int (its size is asserted below). */
#define METRIC_TYPE_OF(nm)                                                                    \
	_Generic(((struct analysis *)0)->nm, double: METRIC_REAL, int: METRIC_INT,            \
		 unsigned: METRIC_INT, long long: METRIC_INT64, bool: METRIC_BOOL)
#define TYPED_AT(nm, type)                                                                    \
	(offsetof(struct analysis, nm) + 0 * sizeof(char[METRIC_TYPE_OF(nm) == (type) ? 1 : -1]))
/* name (= JSON key = CSV column), type, unit, label, where, schema, show, warn */
#define ROW(nm, type, unit, label, since, show, warn)                                        \
	{#nm, #nm, #nm, type, unit, label, TYPED_AT(nm, type), since, show, warn, NULL, 0, NULL, NULL, \
	 NULL}
#define NAMED_ROW(nm, since, names)                                                           \
	{#nm, #nm, #nm, METRIC_INT, "", NULL, TYPED_AT(nm, METRIC_INT), since, NULL, NULL, names, \
	 ARRAY_SIZE(names), NULL, NULL, NULL}
/* A row with a comparison with the previous take (and its label there). */
#define COMPARED_ROW(nm, type, unit, label, since, show, warn, cmp, cmp_label)               \
	{#nm, #nm, #nm, type, unit, label, TYPED_AT(nm, type), since, show, warn, NULL, 0, cmp,   \
	 cmp_label, NULL}
/* A figure of the story follower: there only when it ran (has_story). */
#define STORY_ROW(nm, type, unit)                                                             \
	{#nm, #nm, #nm, type, unit, NULL, TYPED_AT(nm, type), 4, NULL, NULL, NULL, 0, NULL, NULL, \
	 story_present}

static bool story_present(const struct analysis *a)
{
	return a->has_story;
}

const struct metric metrics[] = {
	ROW(duration_s, METRIC_REAL, "s", NULL, 0, NULL, NULL),
	COMPARED_ROW(first_speech_s, METRIC_REAL, "s", "First word", 1, NULL, late_first_word,
		     compare_sooner, NULL),
	ROW(last_speech_s, METRIC_REAL, "s", NULL, 1, NULL, NULL),
	COMPARED_ROW(speech_s, METRIC_REAL, "s", "Speaking", 1, show_speaking, NULL,
		     compare_speaking, NULL),
	COMPARED_ROW(long_pause_count, METRIC_INT, "", "Pauses", 1, show_pauses, any_long_pause,
		     compare_fewer, "Long pauses"),
	ROW(longest_pause_s, METRIC_REAL, "s", NULL, 1, NULL, NULL),
	ROW(syllables, METRIC_INT, "", "Syllables", 1, show_syllables, NULL),
	ROW(syllables_per_min, METRIC_REAL, "/min", NULL, 1, NULL, NULL),
	ROW(articulation_rate, METRIC_REAL, "/min", NULL, 1, NULL, NULL),
	COMPARED_ROW(wpm_estimate, METRIC_REAL, "wpm", "Pace", 1, show_pace, pace_off,
		     compare_pace, NULL),
	ROW(speech_rms_dbfs, METRIC_REAL, "dBFS", "Level", 1, show_level, NULL),
	ROW(peak_dbfs, METRIC_REAL, "dBFS", NULL, 1, NULL, NULL),
	ROW(clipped_samples, METRIC_INT64, "", NULL, 1, NULL, NULL),
	ROW(noise_floor_dbfs, METRIC_REAL, "dBFS", NULL, 0, NULL, NULL),
	ROW(has_speech, METRIC_BOOL, "", NULL, 2, NULL, NULL),
	ROW(syllables_per_word, METRIC_REAL, "", NULL, 2, NULL, NULL),
	NAMED_ROW(wpm_source, 2, wpm_sources),
	ROW(snr_db, METRIC_REAL, "dB", NULL, 2, NULL, NULL),
	ROW(nonfinite_samples, METRIC_INT64, "", NULL, 2, NULL, NULL),
	STORY_ROW(story_followed, METRIC_BOOL, ""),
	STORY_ROW(story_coverage, METRIC_REAL, ""),
	STORY_ROW(story_words_heard, METRIC_INT, ""),
	STORY_ROW(story_wpm_words, METRIC_REAL, "wpm"),
	STORY_ROW(story_s_start_s, METRIC_REAL, "s"),
	STORY_ROW(story_t_start_s, METRIC_REAL, "s"),
	STORY_ROW(story_a_start_s, METRIC_REAL, "s"),
	STORY_ROW(story_r_start_s, METRIC_REAL, "s"),
	STORY_ROW(story_cpu_s, METRIC_REAL, "s"),
	STORY_ROW(story_wait_s, METRIC_REAL, "s"),
};
_Static_assert(sizeof(enum wpm_source) == sizeof(int), "wpm_source is read as an int");
const size_t metric_count = ARRAY_SIZE(metrics);

const struct metric *metric_find(const char *name)
{
	for (size_t i = 0; i < metric_count; i++)
		if (!strcmp(metrics[i].name, name))
			return &metrics[i];
	return NULL;
}

void metric_copy(struct analysis *to, const struct analysis *from)
{
	memset(to, 0, sizeof *to);
	to->has_story = from->has_story;
	for (size_t i = 0; i < metric_count; i++)
		metric_set(&metrics[i], to, metric_get(&metrics[i], from));
}

double metric_get(const struct metric *m, const struct analysis *a)
{
	const char *p = (const char *)a + m->offset;
	if (m->present && !m->present(a))
		return NAN;
	switch (m->type) {
	case METRIC_INT:
		return *(const int *)p;
	case METRIC_INT64:
		return (double)*(const long long *)p;
	case METRIC_BOOL:
		return *(const bool *)p;
	default:
		return *(const double *)p;
	}
}

void metric_set(const struct metric *m, struct analysis *a, double v)
{
	char *p = (char *)a + m->offset;
	if (v != v && m->type != METRIC_REAL)
		v = 0; /* missing: no integer holds it (metric_get says so again) */
	switch (m->type) {
	case METRIC_INT:
		*(int *)p = (int)v;
		break;
	case METRIC_INT64:
		*(long long *)p = (long long)v;
		break;
	case METRIC_BOOL:
		*(bool *)p = v != 0;
		break;
	default:
		*(double *)p = v;
	}
}

void metric_show(const struct metric *m, const struct analysis *a, double take_s, char *buf,
		 size_t n)
{
	if (m->show) {
		m->show(a, take_s, buf, n);
		return;
	}
	const char *sep = m->unit[0] && m->unit[0] != '/' ? " " : "";
	if (m->type == METRIC_REAL)
		snprintf(buf, n, "%.1f%s%s", metric_get(m, a), sep, m->unit);
	else
		snprintf(buf, n, "%.0f%s%s", metric_get(m, a), sep, m->unit);
}

bool metric_warn(const struct metric *m, const struct analysis *a)
{
	return m->warn && m->warn(a);
}

/* The name of an enumerated value, or NULL (not enumerated, or unknown). */
static const char *value_name(const struct metric *m, double v)
{
	if (!m->names || v != v || v < 0 || v >= (double)m->nnames)
		return NULL;
	return m->names[(size_t)v];
}

void metric_json(FILE *out, const struct metric *m, double v)
{
	const char *name = value_name(m, v);
	if (name)
		json_string(out, name);
	else if (m->type == METRIC_BOOL && v == v)
		fputs(v != 0 ? "true" : "false", out);
	else
		json_number(out, v);
}

void metric_csv(FILE *out, const struct metric *m, double v)
{
	const char *name = value_name(m, v);
	if (name)
		fputs(name, out);
	else if (v == v)
		json_number(out, v);
}

static double star_start(const struct follow_result *r, int p)
{
	return r->part_heard[p] ? r->part_start_s[p] : NAN;
}

void metric_story_set(struct analysis *a, const struct follow_result *r)
{
	a->has_story = true;
	a->story_followed = r->followed;
	a->story_coverage = r->coverage;
	a->story_words_heard = r->words_heard;
	a->story_wpm_words = r->followed ? r->wpm_words : NAN;
	a->story_s_start_s = star_start(r, STAR_S);
	a->story_t_start_s = star_start(r, STAR_T);
	a->story_a_start_s = star_start(r, STAR_A);
	a->story_r_start_s = star_start(r, STAR_R);
	a->story_cpu_s = r->cpu_s;
	a->story_wait_s = NAN; /* not known from the result alone */
}

static void part_from(struct follow_result *r, int p, double v)
{
	r->part_heard[p] = v == v;
	r->part_start_s[p] = v == v ? v : 0;
}

void metric_story_get(const struct analysis *a, struct follow_result *r)
{
	memset(r, 0, sizeof *r);
	r->built = true;
	r->followed = a->story_followed;
	r->coverage = a->story_coverage;
	r->words_heard = a->story_words_heard;
	r->wpm_words = a->story_wpm_words;
	part_from(r, STAR_S, a->story_s_start_s);
	part_from(r, STAR_T, a->story_t_start_s);
	part_from(r, STAR_A, a->story_a_start_s);
	part_from(r, STAR_R, a->story_r_start_s);
	r->cpu_s = a->story_cpu_s;
}

const char *metric_sql_type(const struct metric *m)
{
	return m->type == METRIC_REAL ? "REAL" : "INTEGER";
}

void metric_each_figure(const struct analysis *a, double take_s,
			void (*fn)(const char *label, const char *text, bool warn, void *ctx),
			void *ctx)
{
	char text[160];
	for (size_t i = 0; i < metric_count; i++) {
		const struct metric *m = &metrics[i];
		if (!m->label)
			continue;
		metric_show(m, a, take_s, text, sizeof text);
		fn(m->label, text, metric_warn(m, a), ctx);
	}
}
