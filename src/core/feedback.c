/* SPDX-License-Identifier: GPL-3.0-or-later */
/* feedback.c - see feedback.h. */
#include "rehearse/feedback.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rehearse/syllables.h"

/* Speech-rate bands, slowest first: a band runs from its min_wpm up to the
 * next one's. PACE_STEADY_LO-HI words per minute is a steady interview pace. */
static const struct pace_band bands[] = {
	{0, "too slow", false},		{110, "a little slow", false}, {PACE_STEADY_LO, "steady", true},
	{PACE_STEADY_HI, "a little fast", false}, {180, "too fast", false},
};

#define QUIET_DBFS (-40.0)
#define CLIP_SHARE 0.001
/* Below these a pace is not stated as a number (speaking time, dB). */
#define WEAK_SPEECH_S 10.0
#define WEAK_SNR_DB 15.0
/* Syllables per word of everyday answers, when the text is unknown. */
#define TYPICAL_SPW_LOW 1.2
#define TYPICAL_SPW_HIGH 1.6
/* How far the syllable count itself errs (measured / true - 1): the 5%
 * and 95% quantiles on the tune half of tests/bench/bench-pacing.py
 * (--coverage prints them). The range stated without the text holds both
 * errors, so it holds the true pace 9 times in 10: issue 20 saw "161 wpm
 * (141-188)" for a true 189, the count 14% low, and the range had room
 * only for the words. */
#define COUNT_ERR_LOW (-0.062)
#define COUNT_ERR_HIGH 0.054
/* Pauses (see enum pause_kind): not mentioned under NOTE_S; long over
 * LONG_S inside a part and over GAP_S where a part begins (within NEAR_S
 * of a mark); long for the speaker over OWN_FACTOR times the take's median
 * pause. */
#define PAUSE_NOTE_S 1.0
#define PAUSE_LONG_S 2.0
#define PAUSE_GAP_S 3.0
#define PAUSE_NEAR_S 1.0
#define PAUSE_OWN_FACTOR 2.5
/* A median needs a few pauses to stand for the speaker. */
#define PAUSE_OWN_MIN 4

/* Past the limit by more than this is over time, and gets the "Ran N s
 * over" note (the clock's last tick is not an overrun). */
#define OVER_LIMIT_S 0.5
/* Fewer words than this say little about a person's syllables per word. */
#define STORY_MIN_WORDS 40
/* A Result begun in the last tenth of the limit has no room to land: at
 * 90 s that is 9 s, one or two sentences. */
#define RESULT_ROOM_SHARE 0.1
/* The left-out list fits two rows of the card's notes at 80 columns (74
 * columns each), a sentence at most a third of that. */
#define LEFT_OUT_COLS 148
#define LEFT_OUT_SENTENCE_COLS 46

const struct pace_band *pace_band_for(double wpm)
{
	const struct pace_band *b = &bands[0];
	for (size_t i = 0; i < ARRAY_SIZE(bands); i++)
		if (wpm >= bands[i].min_wpm)
			b = &bands[i];
	return b;
}

/* A note of rank (praise ranks last, whatever it is about). */
PRINTF_LIKE(4, 5)
static void note(struct feedback *f, enum note_rank rank, bool good, const char *fmt, ...)
{
	if (f->n == FEEDBACK_MAX)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f->notes[f->n].text, sizeof f->notes[0].text, fmt, ap);
	va_end(ap);
	f->notes[f->n].rank = good ? NOTE_PRAISE : rank;
	f->notes[f->n++].good = good;
}

/* Most important first, in the order they were made within a rank. */
static void order_notes(struct feedback *f)
{
	for (int i = 1; i < f->n; i++)
		for (int k = i; k > 0 && f->notes[k].rank < f->notes[k - 1].rank; k--) {
			struct feedback_note tmp = f->notes[k];
			f->notes[k] = f->notes[k - 1];
			f->notes[k - 1] = tmp;
		}
}

void star_shape_from_marks(const struct star_marks *m, double end_s, struct star_shape *out)
{
	memset(out, 0, sizeof *out);
	/* Each part runs from its mark to the next mark in time, the last to
	 * the end of the answer. */
	double first = -1;
	for (int i = 0; i < STAR_COUNT; i++)
		if (m->at[i] >= 0 && m->at[i] < end_s && (first < 0 || m->at[i] < first))
			first = m->at[i];
	if (first < 0 || end_s <= first)
		return;
	out->marked = true;
	double total = end_s - first;
	for (int i = 0; i < STAR_COUNT; i++) {
		if (m->at[i] < 0 || m->at[i] >= end_s)
			continue;
		double next = end_s;
		for (int k = 0; k < STAR_COUNT; k++)
			if (k != i && m->at[k] > m->at[i] && m->at[k] < next)
				next = m->at[k];
		out->share[i] = (next - m->at[i]) / total;
	}
}

static void describe_sections(unsigned sections, char *buf, size_t n)
{
	buf[0] = '\0';
	size_t used = 0;
	for (int i = 0; i < STAR_COUNT; i++)
		if (sections & (1u << i))
			used += (size_t)snprintf(buf + used, used < n ? n - used : 0, "%s%s",
						 used ? "+" : "", star_names[i]);
}

bool follow_usable(const struct follow_result *f)
{
	return f && f->built && f->followed;
}

/* A start at t for part keeps the pressed parts in S T A R order. */
static bool fits_pressed(const struct star_marks *m, int part, double t)
{
	for (int k = 0; k < STAR_COUNT; k++)
		if (m->at[k] >= 0 && ((k < part && m->at[k] >= t) || (k > part && m->at[k] <= t)))
			return false;
	return true;
}

void star_starts(const struct star_marks *pressed, const struct follow_result *f,
		 struct star_marks *out, unsigned *heard)
{
	*out = *pressed;
	*heard = 0;
	if (!follow_usable(f))
		return;
	for (int i = 0; i < STAR_COUNT; i++) {
		double at = f->part_start_s[i];
		if (pressed->at[i] < 0 && f->part_heard[i] && at >= 0 && fits_pressed(pressed, i, at)) {
			out->at[i] = at;
			*heard |= 1u << i;
		}
	}
}

/* Whole percents by the largest remainder: each part's share rounded on
 * its own can sum to 99 or 101, and a note's "S+T 62%" would then disagree
 * with the bar's "S 36% T 25%" above it. */
void star_percents(const struct star_shape *sh, int pct[STAR_COUNT])
{
	double rem[STAR_COUNT];
	int sum = 0;
	for (int i = 0; i < STAR_COUNT; i++) {
		double p = sh->marked && sh->share[i] > 0 ? sh->share[i] * 100 : 0;
		pct[i] = (int)floor(p);
		rem[i] = p > 0 ? p - pct[i] : -1;
		sum += pct[i];
	}
	for (; sum < 100; sum++) {
		int best = -1;
		for (int i = 0; i < STAR_COUNT; i++)
			if (rem[i] >= 0 && (best < 0 || rem[i] > rem[best]))
				best = i;
		if (best < 0)
			break;
		pct[best]++;
		rem[best] = -1;
	}
}

int star_percent_of(const struct star_shape *sh, unsigned sections)
{
	int pct[STAR_COUNT], sum = 0;
	star_percents(sh, pct);
	for (int i = 0; i < STAR_COUNT; i++)
		if (sections & (1u << i))
			sum += pct[i];
	return sum;
}

const char *star_parts_text(unsigned sections, char *buf, size_t n)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < STAR_COUNT && used + 3 < n; i++)
		if (sections & (1u << i))
			used += (size_t)snprintf(buf + used, n - used, "%s%c", used ? "+" : "", "STAR"[i]);
	return buf;
}

const char *star_starts_text(const struct feedback *f, char *buf, size_t n)
{
	size_t used = 0;
	int started = 0, heard = 0;
	char pressed[16] = "", heard_parts[16] = "";
	for (int i = 0; i < STAR_COUNT; i++) {
		char at[16] = "—";
		if (f->starts.at[i] >= 0) {
			format_mmss(f->starts.at[i], at, sizeof at);
			started++;
			bool by_ear = f->heard & (1u << i);
			char *list = by_ear ? heard_parts : pressed;
			heard += by_ear;
			snprintf(list + strlen(list), 16 - strlen(list), "%s%c", list[0] ? ", " : "",
				 "STAR"[i]);
		}
		used += (size_t)snprintf(buf + used, used < n ? n - used : 0, "%s%c %s",
					 i ? " · " : "", "STAR"[i], at);
	}
	if (!started)
		buf[0] = '\0';
	else if (used < n && heard == started) /* "all" only of all four parts */
		snprintf(buf + used, n - used, started == STAR_COUNT ? " (all heard)" : " (%s heard)",
			 heard_parts);
	else if (used < n)
		snprintf(buf + used, n - used,
			 heard == 0 && started == STAR_COUNT ? " (all pressed)"
			 : heard == 0			      ? " (%s pressed)"
							      : " (%s pressed, the rest heard)",
			 pressed);
	return buf;
}

/* The share of the sections, and which of them have no start (a part
 * never begun has no share, rather than 0%). */
static int target_percent(unsigned sections, const struct star_marks *m,
			  const struct star_shape *sh, double end, unsigned *unmarked)
{
	*unmarked = 0;
	for (int i = 0; i < STAR_COUNT; i++)
		if ((sections & (1u << i)) && (m->at[i] < 0 || m->at[i] >= end))
			*unmarked |= 1u << i;
	return star_percent_of(sh, sections);
}

/* The shape's end: the last word, else the take's end. */
static double shape_end(const struct take_facts *t)
{
	if (t->analysis && t->analysis->has_speech && t->analysis->last_speech_s > 0)
		return t->analysis->last_speech_s;
	return t->duration_s;
}

static void shape_notes(const struct take_facts *t, struct feedback *f)
{
	double end = shape_end(t);
	star_shape_from_marks(&f->starts, end, &f->shape);
	if (!f->shape.marked || !t->category)
		return;
	const char *how = follow_usable(t->follow) ? "marked or heard" : "marked";
	for (int k = 0; k < t->category->ntargets; k++) {
		const struct shape_target *g = &t->category->targets[k];
		unsigned unmarked;
		int share = target_percent(g->sections, &f->starts, &f->shape, end, &unmarked);
		bool ok = g->at_most ? share <= g->percent + 1e-9 : share >= g->percent - 1e-9;
		char parts[64], missing[64];
		describe_sections(g->sections, parts, sizeof parts);
		describe_sections(unmarked, missing, sizeof missing);
		if (unmarked)
			note(f, NOTE_TARGET, false, "%s not %s, so %s has no share (%s target: %s %.0f%%)",
			     missing, how, parts, t->category->name, g->at_most ? "at most" : "at least",
			     g->percent);
		else
			note(f, NOTE_TARGET, ok, "%s took %d%% of the answer (%s target: %s %.0f%%)", parts,
			     share, t->category->name, g->at_most ? "at most" : "at least",
			     g->percent);
	}
}

/* The words per minute the syllable rate may stand for without the text:
 * any typical syllables per word, and the count's own error. */
static void pace_range(const struct analysis *a, double *lo, double *hi)
{
	*lo = a->syllables_per_min / (TYPICAL_SPW_HIGH * (1 + COUNT_ERR_HIGH));
	*hi = a->syllables_per_min / (TYPICAL_SPW_LOW * (1 + COUNT_ERR_LOW));
}

static bool story_has_part(const struct follow_result *fr, enum star part)
{
	for (size_t i = 0; i < fr->nsentences; i++)
		if (fr->sentences[i].part == part)
			return true;
	return false;
}

/* When the Result began, against the limit (issue 18): the time it has
 * to land. */
static void result_note(const struct take_facts *t, struct feedback *f)
{
	double r = f->starts.at[STAR_R];
	if (r < 0) {
		if (follow_usable(t->follow) && story_has_part(t->follow, STAR_R))
			note(f, NOTE_TARGET, false,
			     "The Result was never reached: none of its sentences was heard");
		return;
	}
	if (t->limit_s <= 0)
		return;
	char at[16];
	format_mmss(r, at, sizeof at);
	double left = t->limit_s - r;
	if (left < 0)
		note(f, NOTE_TARGET, false, "Result began at %s, %.0f s after the %.0f s limit: reach it sooner",
		     at, -left, t->limit_s);
	else if (left < t->limit_s * RESULT_ROOM_SHARE)
		note(f, NOTE_TARGET, false,
		     "Result began at %s, only %.0f s before the limit: leave room to land it", at, left);
	else
		note(f, NOTE_TARGET, true, "Result began at %s, %.0f s before the limit", at, left);
}

static bool ascii_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool ascii_alpha(char c)
{
	return ascii_upper(c) || (c >= 'a' && c <= 'z');
}

bool sentence_has_detail(const char *text)
{
	bool first = true;
	for (const char *p = text; *p;) {
		if (*p >= '0' && *p <= '9')
			return true;
		if (!ascii_alpha(*p)) {
			p++;
			continue;
		}
		const char *w = p;
		while (ascii_alpha(*p) || *p == '\'')
			p++;
		bool pronoun = w[0] == 'I' && (p - w == 1 || w[1] == '\'');
		if (!first && ascii_upper(w[0]) && !pronoun)
			return true;
		first = false;
	}
	return false;
}

/* s in at most max columns, cut at a word with "…" when it is longer. */
static void clip_words(const char *s, size_t max, char *buf, size_t n)
{
	if (utf8_chars(s) <= max) {
		snprintf(buf, n, "%s", s);
		return;
	}
	size_t cols = 0, i = 0, space = 0;
	while (s[i] && cols + 1 < max) {
		if (s[i] == ' ')
			space = i;
		i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		cols++;
	}
	size_t cut = space ? space : i;
	while (cut > 0 && strchr(" ,;:-", s[cut - 1]))
		cut--;
	snprintf(buf, n, "%.*s…", (int)cut, s);
}

/* The sentences left out, those with numbers and names first (the method:
 * the detail makes a story believable), each in story order; returns how
 * many. order has nsentences entries. */
static size_t left_out_order(const struct follow_result *fr, size_t upto, size_t *order)
{
	size_t k = 0;
	for (int detail = 1; detail >= 0; detail--)
		for (size_t i = 0; i < upto; i++)
			if (!fr->sentences[i].heard &&
			    sentence_has_detail(fr->sentences[i].text) == (bool)detail)
				order[k++] = i;
	return k;
}

/* The sentences a take the clock cut off can be judged on: those up to
 * the last one heard. What came after was not left out but not reached,
 * and the cut-off note says how many (once, not in a note of its own). */
static size_t sentences_judged(const struct follow_result *fr, bool cut_off)
{
	return cut_off && fr->nreached ? fr->nreached : fr->nsentences;
}

/* One note listing what was left out, as much as fits two card rows. */
static void left_out_note(const struct follow_result *fr, bool cut_off, struct feedback *f)
{
	size_t upto = sentences_judged(fr, cut_off);
	size_t *order = xcalloc(fr->nsentences ? fr->nsentences : 1, sizeof *order);
	size_t left = left_out_order(fr, upto, order), shown = 0;
	char text[sizeof f->notes[0].text];
	int used = upto < fr->nsentences
			   ? snprintf(text, sizeof text, "Left out %zu of the first %zu sentences:",
				      left, upto)
			   : snprintf(text, sizeof text, "Left out %zu of %zu sentences:", left, upto);
	for (; left && shown < left; shown++) {
		const struct follow_sentence *st = &fr->sentences[order[shown]];
		char clip[160], item[176];
		clip_words(st->text, LEFT_OUT_SENTENCE_COLS, clip, sizeof clip);
		snprintf(item, sizeof item, "%s %c \"%s\"", shown ? ";" : "", "STAR"[st->part], clip);
		size_t more = shown + 1 < left ? strlen("; and 99 more") : 0;
		bool fits = utf8_chars(text) + utf8_chars(item) + more <= LEFT_OUT_COLS &&
			    (size_t)used + strlen(item) + more < sizeof text;
		if (shown && !fits)
			break;
		used += snprintf(text + used, sizeof text - (size_t)used, "%s", item);
	}
	if (left && shown < left && (size_t)used < sizeof text)
		snprintf(text + used, sizeof text - (size_t)used, "; and %zu more", left - shown);
	if (left)
		note(f, NOTE_DELIVERY, false, "%s", text);
	free(order);
}

/* What the story follower adds (issue 18): when it could not follow the
 * story, one plain note and nothing from it, since a wrong "you left out
 * your result" is worse than silence. */
static void story_notes(const struct take_facts *t, struct feedback *f)
{
	const struct follow_result *fr = t->follow;
	if (!fr || !fr->built)
		return;
	if (!fr->followed) { /* story_index -1: the card showed none, nor was one told */
		note(f, NOTE_DELIVERY, false, "%s",
		     fr->story_index < 0 ? "None of your bank's stories was recognised in this answer"
					 : "Could not follow the story (too little of it was recognised)");
		return;
	}
	left_out_note(fr, t->cut_off, f);
}

bool pace_from_words(const struct analysis *a, const struct follow_result *fr)
{
	return follow_usable(fr) && fr->wpm_words > 0 && pace_is_judgeable(a);
}

/* The pace, unless it is too weak to state: too little speech, or a voice
 * barely above the background, gets a plain statement (issue 8). From the
 * words when the follower followed the story; otherwise syllables, whose
 * words per syllable are a range (issue 20 #12: the shown story may not
 * be the one told). */
static void pace_note(const struct analysis *a, const struct follow_result *fr,
		      struct feedback *f)
{
	if (a->speech_s < WEAK_SPEECH_S) {
		note(f, NOTE_DELIVERY, false, "Only %.0f s of speech: too little to judge the pace", a->speech_s);
		return;
	}
	if (pace_from_words(a, fr)) {
		const struct pace_band *w = pace_band_for(fr->wpm_words);
		note(f, NOTE_DELIVERY, w->good,
		     "Pace %.0f words per minute, from the words heard: %s (steady is %.0f-%.0f)",
		     fr->wpm_words, w->label, PACE_STEADY_LO, PACE_STEADY_HI);
		return;
	}
	if (a->snr_db < WEAK_SNR_DB) {
		note(f, NOTE_DELIVERY, false,
		     "Background noise close to the voice (%.0f dB apart): pace roughly %.0f-%.0f "
		     "words per minute, not a firm figure",
		     a->snr_db, a->wpm_estimate * 0.8, a->wpm_estimate * 1.2);
		return;
	}
	const struct pace_band *b = pace_band_for(a->wpm_estimate);
	/* Without the words, they may run 1.2 to 1.6 syllables, and the count
	 * has its own error: say so. */
	double lo, hi;
	pace_range(a, &lo, &hi);
	note(f, NOTE_DELIVERY, b->good, "Pace about %.0f words per minute (%.0f-%.0f): %s (steady is %.0f-%.0f)",
	     a->wpm_estimate, lo, hi, b->label, PACE_STEADY_LO, PACE_STEADY_HI);
}

bool pace_is_judgeable(const struct analysis *a)
{
	return a->has_speech && a->speech_s >= WEAK_SPEECH_S;
}

struct take_meaning take_meaning(enum attempt_status status, bool analysed, bool has_speech,
				 double speech_s, double duration_s, double limit_s)
{
	struct take_meaning m = {.heard = analysed && has_speech};
	m.pace_known = m.heard && speech_s >= WEAK_SPEECH_S;
	m.over = status == ATTEMPT_COMPLETE && limit_s > 0 && duration_s > limit_s + OVER_LIMIT_S;
	m.status = analysed && !has_speech ? "no speech"
		   : m.over		   ? "over time"
					   : attempt_status_name(status);
	return m;
}

/* Warnings of rank (or, with other, of every rank but it and the limit's:
 * the status already says cut off). */
static int warnings(const struct feedback *f, enum note_rank rank, bool other)
{
	int k = 0;
	for (int i = 0; f && i < f->n; i++)
		if (!f->notes[i].good && (other ? f->notes[i].rank != rank && f->notes[i].rank != NOTE_LIMIT
						: f->notes[i].rank == rank))
			k++;
	return k;
}

const char *take_weak_points(const struct take_meaning *m, enum attempt_status status,
			     const struct feedback *f, char *buf, size_t n)
{
	int misses = warnings(f, NOTE_TARGET, false), other = warnings(f, NOTE_TARGET, true);
	size_t used = 0;
	buf[0] = '\0';
	if (status != ATTEMPT_COMPLETE || !m->heard || m->over)
		used += (size_t)snprintf(buf, n, "%s", status == ATTEMPT_CUT_OFF ? "cut off" : m->status);
	if (misses && used < n)
		used += (size_t)snprintf(buf + used, n - used, "%s%d target miss%s", used ? ", " : "",
					 misses, misses == 1 ? "" : "es");
	if (other && used < n)
		snprintf(buf + used, n - used, "%s%d warning%s", used ? ", " : "", other,
			 other == 1 ? "" : "s");
	return buf;
}

/* "152 wpm heard, steady": a pace from the follower's words. */
static const struct pace_band *heard_pace(double wpm, char *buf, size_t n)
{
	const struct pace_band *b = pace_band_for(wpm);
	snprintf(buf, n, "%.0f wpm heard, %s", wpm, b->label);
	return b;
}

const char *pace_summary(const struct analysis *a, char *buf, size_t n, bool *good)
{
	const struct pace_band *b = pace_band_for(a->wpm_estimate);
	double lo, hi;
	pace_range(a, &lo, &hi);
	*good = false;
	if (!pace_is_judgeable(a))
		snprintf(buf, n, "too little speech to say");
	else if (a->wpm_source == WPM_WORDS) /* a followed take, read back */
		heard_pace(a->wpm_estimate, buf, n);
	else if (a->snr_db < WEAK_SNR_DB)
		snprintf(buf, n, "roughly %.0f-%.0f wpm (noisy)", a->wpm_estimate * 0.8,
			 a->wpm_estimate * 1.2);
	else
		snprintf(buf, n, "~%.0f wpm (%.0f-%.0f), %s", a->wpm_estimate, lo, hi, b->label);
	*good = a->has_speech && a->speech_s >= WEAK_SPEECH_S &&
		(a->snr_db >= WEAK_SNR_DB || a->wpm_source == WPM_WORDS) && b->good;
	return buf;
}

const char *pace_summary_heard(const struct analysis *a, const struct follow_result *f, char *buf,
			       size_t n, bool *good)
{
	if (!pace_from_words(a, f))
		return pace_summary(a, buf, n, good);
	*good = heard_pace(f->wpm_words, buf, n)->good;
	return buf;
}

static double pause_len(const struct pause *p)
{
	return p->end_s - p->start_s;
}

static int by_length(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The take's median pause, or 0 with too few to say. */
static double median_pause(const struct pause *p, size_t n)
{
	if (n < PAUSE_OWN_MIN)
		return 0;
	double *v = xcalloc(n, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = pause_len(&p[i]);
	qsort(v, n, sizeof *v, by_length);
	double m = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	free(v);
	return m;
}

/* The part that begins at this pause (a mark within PAUSE_NEAR_S of it),
 * or -1. */
static int part_begun_at(const struct pause *p, const struct star_marks *m)
{
	for (int k = 0; m && k < STAR_COUNT; k++)
		if (m->at[k] >= 0 && m->at[k] >= p->start_s - PAUSE_NEAR_S &&
		    m->at[k] <= p->end_s + PAUSE_NEAR_S)
			return k;
	return -1;
}

enum pause_kind pause_judge(const struct pause *p, size_t n, const struct star_marks *m, size_t i)
{
	double len = pause_len(&p[i]);
	if (len < PAUSE_NOTE_S)
		return PAUSE_SHORT;
	if (part_begun_at(&p[i], m) >= 0)
		return len > PAUSE_GAP_S ? PAUSE_LONG_GAP : PAUSE_BETWEEN;
	if (len > PAUSE_LONG_S)
		return PAUSE_LONG;
	double own = median_pause(p, n);
	return own > 0 && len > own * PAUSE_OWN_FACTOR ? PAUSE_LONG_FOR_YOU : PAUSE_BREATH;
}

bool pause_is_warned(enum pause_kind k)
{
	return k == PAUSE_LONG || k == PAUSE_LONG_FOR_YOU || k == PAUSE_LONG_GAP;
}

/* The good pauses in one note, with their real lengths ("of a second or
 * two" read wrong beside a 2.9 s pause between parts). */
static void breath_note(int breaths, int between, double shortest, double longest,
			struct feedback *f)
{
	char len[32], where[48] = "";
	if (breaths == 1 || longest - shortest < 0.05)
		snprintf(len, sizeof len, "%.1f s", longest);
	else
		snprintf(len, sizeof len, "%.1f to %.1f s", shortest, longest);
	if (between == breaths)
		snprintf(where, sizeof where, ", between STAR parts");
	else if (between)
		snprintf(where, sizeof where, ", %d between STAR parts", between);
	if (breaths == 1)
		note(f, NOTE_PAUSE, true, "1 pause of %s%s: a breath, which lets a point land", len, where);
	else if (breaths)
		note(f, NOTE_PAUSE, true, "%d pauses of %s%s: breaths, which let a point land", breaths,
		     len, where);
}

/* A note for each pause a listener would notice; the breaths in one
 * good note, since a deliberate pause is part of telling a story well. */
static void pause_notes(const struct analysis *a, const struct star_marks *m, struct feedback *f)
{
	int breaths = 0, between = 0;
	double shortest = 0, longest = 0;
	for (size_t i = 0; i < a->npauses; i++) {
		const struct pause *p = &a->pauses[i];
		enum pause_kind k = pause_judge(a->pauses, a->npauses, m, i);
		char at[16];
		format_mmss(p->start_s, at, sizeof at);
		if (k == PAUSE_BREATH || k == PAUSE_BETWEEN) {
			shortest = breaths++ ? fmin(shortest, pause_len(p)) : pause_len(p);
			longest = fmax(longest, pause_len(p));
		}
		between += k == PAUSE_BETWEEN;
		if (k == PAUSE_LONG)
			note(f, NOTE_PAUSE, false, "Long pause of %.1f s at %s", pause_len(p), at);
		else if (k == PAUSE_LONG_GAP)
			note(f, NOTE_PAUSE, false, "Long pause of %.1f s at %s, before %s: a breath is enough",
			     pause_len(p), at, star_names[part_begun_at(p, m)]);
		else if (k == PAUSE_LONG_FOR_YOU)
			note(f, NOTE_PAUSE, false, "Pause of %.1f s at %s, long for this answer (its pauses run "
				       "about %.1f s)", pause_len(p), at,
			     median_pause(a->pauses, a->npauses));
	}
	breath_note(breaths, between, shortest, longest, f);
}

static void pacing_notes(const struct analysis *a, const struct follow_result *fr,
			 const struct star_marks *m, struct feedback *f)
{
	if (a->nonfinite_samples > 0)
		note(f, NOTE_DELIVERY, false, "%lld samples of the recording were not numbers and were skipped",
		     a->nonfinite_samples);
	if (!a->has_speech) {
		note(f, NOTE_LIMIT, false, "No speech was heard: check the microphone and its level");
		return;
	}
	pace_note(a, fr, f);
	if (a->first_speech_s > FIRST_WORD_MAX_S)
		note(f, NOTE_DELIVERY, false, "Took %.1f s to start speaking; aim to begin within %.0f s",
		     a->first_speech_s, FIRST_WORD_MAX_S);
	pause_notes(a, m, f);
	if (a->speech_rms_dbfs < QUIET_DBFS)
		note(f, NOTE_DELIVERY, false, "Too quiet: speech at %.0f dBFS; move closer or raise the input level",
		     a->speech_rms_dbfs);
	double frames = a->duration_s * a->sample_rate;
	if (frames > 0 && a->clipped_samples > CLIP_SHARE * frames)
		note(f, NOTE_DELIVERY, false, "Clipping: %.1f%% of samples at full scale; lower the input gain",
		     100.0 * (double)a->clipped_samples / frames);
}

/* The clock ended the answer; with the story followed, how much of it
 * was still to tell. */
static void cut_off_note(const struct take_facts *t, struct feedback *f)
{
	const struct follow_result *fr = t->follow;
	size_t upto = follow_usable(fr) ? sentences_judged(fr, true) : 0;
	if (upto && upto < fr->nsentences)
		note(f, NOTE_LIMIT, false, "Cut off by the clock with %zu of %zu sentences to go: "
					   "land the Result before the %.0f s limit",
		     fr->nsentences - upto, fr->nsentences, t->limit_s);
	else
		note(f, NOTE_LIMIT, false, "Cut off by the clock: land the Result before the %.0f s limit",
		     t->limit_s);
}

double full_answer_s(double limit_s)
{
	return limit_s > 0 && limit_s * FULL_ANSWER_SHARE < FULL_ANSWER_S
		       ? limit_s * FULL_ANSWER_SHARE
		       : FULL_ANSWER_S;
}

void feedback_build(const struct take_facts *t, struct feedback *out)
{
	memset(out, 0, sizeof *out);
	/* The parts begin where keys were pressed, or where the follower
	 * heard them: the pauses between parts and the shape follow both. */
	star_starts(&t->marks, t->follow, &out->starts, &out->heard);
	story_notes(t, out);
	if (t->analysis)
		pacing_notes(t->analysis, t->follow, &out->starts, out);
	/* "Short" is measured against the limit in force: under two thirds of
	 * it (at most 60 s); an answer the clock cut off is never short, nor
	 * is a follow-up, which asks for one point in a few sentences. */
	double short_s = full_answer_s(t->limit_s);
	if (t->cut_off)
		cut_off_note(t, out);
	else if (t->duration_s < short_s && !t->follow_up)
		/* 49.6 s of a 50 s bar is "49.6", never "At 50 s ... under 50 s". */
		note(out, NOTE_DELIVERY, false, "At %.*f s the answer is short; under %.0f s rarely shows depth",
		     lround(t->duration_s) >= lround(short_s) ? 1 : 0, t->duration_s, short_s);
	if (t->limit_s > 0 && t->duration_s > t->limit_s + OVER_LIMIT_S)
		note(out, NOTE_LIMIT, false, "Ran %.0f s over the %.0f s limit", t->duration_s - t->limit_s,
		     t->limit_s);
	shape_notes(t, out);
	result_note(t, out);
	order_notes(out);
}

bool feedback_add(struct feedback *f, enum note_rank rank, bool good, const char *text)
{
	if (f->n == FEEDBACK_MAX)
		return false;
	note(f, rank, good, "%s", text);
	order_notes(f);
	return true;
}

char *feedback_join(const struct feedback *f)
{
	size_t len = 1;
	for (int i = 0; i < f->n; i++)
		len += strlen(f->notes[i].text) + 1;
	char *s = xmalloc(len), *p = s;
	*p = '\0';
	for (int i = 0; i < f->n; i++)
		p += sprintf(p, "%s%s", i ? "\n" : "", f->notes[i].text);
	return s;
}

double story_syllables_per_word(const struct story *s)
{
	struct text_count c = {0, 0};
	for (int i = 0; s && i < STAR_COUNT; i++) {
		if (!s->star[i])
			continue;
		struct text_count k = text_syllables(s->star[i]);
		c.words += k.words;
		c.syllables += k.syllables;
	}
	return c.words >= STORY_MIN_WORDS ? (double)c.syllables / c.words : 0;
}
