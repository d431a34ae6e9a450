/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_result.c - the take screen's result phase: the result card after a
 * take (duration and status, the pacing figures, the STAR split, the
 * change from the previous take, the feedback notes) and its keys (play,
 * critique, retry, next, menu, quit); its state is struct result_state.
 * Also the title and question that every phase draws. */
#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "rehearse/bank_tools.h"
#include "rehearse/compare.h"
#include "rehearse/metrics.h"
#include "ui_take.h"

void take_draw_header(struct take_screen *t, const char *what)
{
	char left[128], right[256];
	if (t->count > 1)
		snprintf(left, sizeof left, "rehearse · %s · %s %d/%d", plan_mode_name(t->mode), what,
			 t->index + 1, t->count);
	else
		snprintf(left, sizeof left, "rehearse · %s · %s", plan_mode_name(t->mode), what);
	const struct pick *p = t->p;
	snprintf(right, sizeof right, "%s · %s · %s", p->question ? p->question->id : "story",
		 take_bank(t)->cats[take_category(p)].name,
		 p->question ? level_name(p->question->level) : "any");
	ui_title(left, right);
}

int take_draw_question(struct take_screen *t, int y)
{
	char buf[512];
	const char *text = t->p->question ? t->p->question->text : buf;
	if (!t->p->question)
		snprintf(buf, sizeof buf, "Tell me about: %s", t->p->match.story->title);
	int n = ui_wrap(y, 2, COLS - 4, 0, 3, text, A_BOLD);
	return n < 3 ? n : 3;
}

#define LABEL_W 12 /* "First word" and the other figure labels */
#define VALUE_W 30 /* the value, when a comparison follows it ... */
#define CHANGE_W 29 /* ... widened as far as leaves the change this */
#define ROOMY_LINES 30 /* from this height the card has rows to spare */

static void draw_stat(int y, int x, const char *label, const char *value, int attr)
{
	ui_text(y, x, LABEL_W, label, ui_attr(C_DIM));
	ui_text(y, x + LABEL_W, COLS - x - LABEL_W - 2, value, attr);
}

/* The change from the previous take in the figure the card calls label
 * (the comparison may call it otherwise: compare_label), or NULL. */
static const struct compare_line *find_change(const struct take_screen *t, const char *label)
{
	for (size_t i = 0; i < metric_count; i++)
		if (metrics[i].label && metrics[i].compare_label && !strcmp(metrics[i].label, label))
			label = metrics[i].compare_label;
	for (int i = 0; i < t->result.ncmp; i++)
		if (!strcmp(t->result.cmp[i].label, label))
			return &t->result.cmp[i];
	return NULL;
}

/* "was 3.2 s · better" after a figure, in the colour of its direction;
 * when the comparison is of another figure than the row shows (the long
 * pauses of "12, 4 long"), it names that figure first. */
static void draw_change(int y, int vw, const char *label, const struct compare_line *it)
{
	char s[128], what[40] = "";
	const char *word = compare_verdict_word(it->verdict);
	if (strcmp(label, it->label)) {
		snprintf(what, sizeof what, "%s %s, ", it->label, it->after);
		what[0] = (char)tolower((unsigned char)what[0]);
	}
	snprintf(s, sizeof s, "%swas %s%s%s", what, it->before, *word ? " · " : "", word);
	int attr = it->verdict == CMP_BETTER  ? ui_attr(C_OK)
		   : it->verdict == CMP_WORSE ? ui_attr(C_WARN)
					      : ui_attr(C_DIM);
	int x = 2 + LABEL_W + vw + 2;
	ui_text(y, x, COLS - x - 2, s, attr);
}

/* The parts in the order they were marked (take_mark keeps them in
 * S T A R order, but a stored take may not be): indices into at[]. */
static int time_order(const double at[STAR_COUNT], int order[STAR_COUNT])
{
	int n = 0;
	for (int i = 0; i < STAR_COUNT; i++)
		if (at[i] >= 0)
			order[n++] = i;
	for (int i = 1; i < n; i++)
		for (int k = i; k > 0 && at[order[k]] < at[order[k - 1]]; k--) {
			int tmp = order[k];
			order[k] = order[k - 1];
			order[k - 1] = tmp;
		}
	return n;
}

/* Each marked part's width in a bar of w columns, in proportion to its
 * share but never narrower than its label ("R 9%"), which takes from the
 * widest part: a short Result keeps its figure (issue 20). */
static void part_widths(const struct star_shape *sh, const int order[STAR_COUNT], int n, int w,
			int cw[STAR_COUNT], char lab[STAR_COUNT][16])
{
	int used = 0, pct[STAR_COUNT];
	star_percents(sh, pct);
	for (int k = 0; k < n; k++) {
		int i = order[k];
		cw[k] = sh->share[i] > 0 ? (int)(sh->share[i] * w + 0.5) : 0;
		snprintf(lab[k], 16, "%s%c %d%%", cw[k] > 7 ? " " : "", "STAR"[i], pct[i]);
		int min = sh->share[i] > 0 ? (int)strlen(lab[k]) : 0;
		if (cw[k] < min)
			cw[k] = min;
		used += cw[k];
	}
	while (used > w) {
		int wide = 0;
		for (int k = 1; k < n; k++)
			if (cw[k] > cw[wide])
				wide = k;
		if (cw[wide] <= (int)strlen(lab[wide]))
			break; /* nothing left to give: ui_text cuts the last */
		cw[wide]--;
		used--;
	}
}

/* The parts with no start after the bar: " S T not marked" (keys only) or
 * " S T not marked or heard" when the follower followed the story. */
static void missing_parts(const struct take *k, char *buf, size_t n)
{
	const struct star_shape *sh = &k->feedback.shape;
	buf[0] = '\0';
	for (int i = 0; i < STAR_COUNT; i++)
		if (k->feedback.starts.at[i] < 0 || sh->share[i] <= 0)
			snprintf(buf + strlen(buf), n - strlen(buf), " %c", "STAR"[i]);
	if (buf[0])
		snprintf(buf + strlen(buf), n - strlen(buf), " not %s",
			 follow_usable(take_follow_result(k)) ? "marked or heard" : "marked");
}

/* The STAR split as a bar in time order, from the keys pressed and the
 * starts the follower heard (feedback.starts); a part with no start is
 * named after it rather than drawn as 0%. */
static void draw_shape(struct take_screen *t, int y)
{
	const struct star_shape *sh = &t->take.feedback.shape;
	if (!sh->marked) {
		ui_text(y, 2, COLS - 4,
			"STAR split: no marks (press s, t, a, r while answering to see the shape)",
			ui_attr(C_DIM));
		return;
	}
	ui_text(y, 2, LABEL_W, "STAR split", ui_attr(C_DIM));
	static const enum ui_color colors[] = {C_S, C_T, C_A, C_R};
	char missing[48];
	missing_parts(&t->take, missing, sizeof missing);
	int x0 = 2 + LABEL_W, w = COLS - x0 - 2 - (int)strlen(missing), x = x0;
	int order[STAR_COUNT], n = time_order(t->take.feedback.starts.at, order), cw[STAR_COUNT];
	char lab[STAR_COUNT][16];
	part_widths(sh, order, n, w, cw, lab);
	for (int k = 0; k < n; k++) {
		int i = order[k];
		if (cw[k] <= 0)
			continue;
		ui_fill(y, x, cw[k], " ", ui_attr(colors[i]));
		ui_text(y, x, cw[k], lab[k], ui_attr(colors[i]));
		x += cw[k];
	}
	ui_text(y, x0 + w, COLS - 2 - x0 - w, missing, ui_attr(C_WARN));
}

/* What became of following the story, in a plain word: long when it is
 * all the row says, short after the parts' starts. NULL: it followed. */
static const char *follow_word(const struct take *k, bool alone)
{
	switch (k->follow_state) {
	case FOLLOW_OFF:
		return alone ? "story follower off (setting story-follow)" : "follower off";
	case FOLLOW_NOT_BUILT:
		return alone ? "story following not built into this rehearse" : "follower not built";
	case FOLLOW_NO_STORY:
		return alone ? "no written story to follow" : "no story to follow";
	case FOLLOW_FAILED:
		return k->follow_note[0] ? k->follow_note : "the story follower failed";
	default:
		if (k->follow.followed)
			return NULL;
		if (k->follow_any) /* the cue card showed none: the bank's were listened for */
			return alone ? "no story on the cue card, and none of your bank's was recognised"
				     : "no story suggested, none of yours heard";
		return alone ? "could not follow the story (too little of it was recognised)"
			     : "story not followed";
	}
}

/* Under the bar (issue 18): where each part began and whether it was
 * heard or pressed, and a plain word when the follower did not follow. */
static void draw_starts(const struct take *k, int y, const char *starts)
{
	char row[ERRBUF_SIZE + 200];
	const char *word = follow_word(k, !starts[0]);
	if (!starts[0] && !word)
		word = "no part's start was heard";
	snprintf(row, sizeof row, "%s%s%s", starts, starts[0] && word ? " · " : "", word ? word : "");
	ui_text(y, 2, LABEL_W, "STAR starts", ui_attr(C_DIM));
	ui_text(y, 2 + LABEL_W, COLS - LABEL_W - 4, row, word ? ui_attr(C_DIM) : 0);
}

/* No part has a start: the hint to press keys and the follower's word on
 * one row when some wording of them fits, else on two. */
static int draw_unmarked(const struct take *k, int y)
{
	static const char *const hints[] = {
		"STAR split: no marks (press s, t, a, r while answering to see the shape)",
		"STAR split: no marks (press s t a r while answering)",
		"STAR: no marks (keys s t a r)",
	};
	const char *words[] = {follow_word(k, true), follow_word(k, false)};
	char row[ERRBUF_SIZE + 200];
	for (int w = 0; w < 2 && words[w]; w++)
		for (size_t h = 0; h < ARRAY_SIZE(hints); h++) {
			snprintf(row, sizeof row, "%s · %s", hints[h], words[w]);
			if (ui_wrap(0, 2, COLS - 4, 0, 0, row, A_NORMAL) == 1) {
				ui_text(y, 2, COLS - 4, row, ui_attr(C_DIM));
				return 1;
			}
		}
	ui_text(y, 2, COLS - 4, hints[0], ui_attr(C_DIM));
	draw_starts(k, y + 1, "");
	return 2;
}

/* When the cue card showed no story and one of the bank's was told: its
 * title, on a row of its own (the left-out notes are its sentences, so
 * the person must see which story they are from, keys pressed or not). */
static int draw_heard_story(const struct take *k, int y)
{
	const struct story *st = take_heard_story(k);
	if (!st)
		return 0;
	static const char why[] = " (the cue card had none)";
	int width = COLS - LABEL_W - 4;
	char row[400];
	bool room = utf8_width(st->title) + (int)sizeof why - 1 <= width;
	snprintf(row, sizeof row, "%s%s", st->title, room ? why : "");
	ui_text(y, 2, LABEL_W, "Story heard", ui_attr(C_DIM));
	ui_text(y, 2 + LABEL_W, width, row, 0);
	return 1;
}

/* The STAR rows: the split and the parts' starts, and the story heard
 * when the cue card had none. Returns the rows used. */
static int draw_star_rows(struct take_screen *t, int y)
{
	char starts[160];
	star_starts_text(&t->take.feedback, starts, sizeof starts);
	int rows = 2;
	if (!t->take.feedback.shape.marked && !starts[0]) {
		rows = draw_unmarked(&t->take, y);
	} else {
		draw_shape(t, y);
		draw_starts(&t->take, y + 1, starts);
	}
	return rows + draw_heard_story(&t->take, y + rows);
}

struct figure_grid {
	int y, n;
	int vw; /* the values' width when a comparison follows them */
	const struct take_screen *t;
};

/* A figure's text as the card shows it: the pace from the words when the
 * follower followed the story (issue 18), else the metrics table's. */
static const char *figure_text(const struct take *k, const char *label, const char *text,
			       bool *warn, char *buf, size_t n)
{
	bool good;
	if (strcmp(label, "Pace") || !follow_usable(take_follow_result(k)))
		return text;
	text = pace_summary_heard(&k->result.analysis, take_follow_result(k), buf, n, &good);
	*warn = !good;
	return text;
}

/* The widest value a comparison follows, so that none is cut (the pace
 * with its range and a long label) while the change keeps CHANGE_W. */
static void measure_figure(const char *label, const char *text, bool warn, void *ctx)
{
	struct figure_grid *g = ctx;
	char buf[96];
	const char *shown = figure_text(&g->t->take, label, text, &warn, buf, sizeof buf);
	int w = (int)utf8_chars(shown), most = COLS - LABEL_W - 6 - CHANGE_W;
	if (shown == text && find_change(g->t, label) && w > g->vw)
		g->vw = w < most ? w : most > VALUE_W ? most : VALUE_W;
}

/* One figure a row, so no value is cut at 80 columns; with a previous
 * take of the question, its value and the change follow. */
static void draw_figure(const char *label, const char *text, bool warn, void *ctx)
{
	struct figure_grid *g = ctx;
	int y = g->y + g->n++;
	const struct compare_line *it = find_change(g->t, label);
	char buf[96];
	const char *shown = figure_text(&g->t->take, label, text, &warn, buf, sizeof buf);
	/* A pace from words is not compared with the syllables' estimates
	 * ("152 wpm heard ... was 136 wpm · same" would mislead). */
	if (shown != text)
		it = NULL;
	text = shown;
	ui_text(y, 2, LABEL_W, label, ui_attr(C_DIM));
	ui_text(y, 2 + LABEL_W, it ? g->vw : COLS - LABEL_W - 4, text, warn ? ui_attr(C_WARN) : 0);
	if (it)
		draw_change(y, g->vw, label, it);
}

/* The figures of the metrics table (rehearse/metrics.h), then the pace
 * over time. Returns the rows used. */
static int draw_figures(const struct take_screen *t, const struct analysis *a, int y)
{
	struct figure_grid g = {y, 0, VALUE_W, t};
	metric_each_figure(a, t->take.duration_s, measure_figure, &g);
	metric_each_figure(a, t->take.duration_s, draw_figure, &g);
	ui_text(y + g.n, 2, LABEL_W, "Pace/time", ui_attr(C_DIM));
	ui_sparkline(y + g.n, 2 + LABEL_W, COLS - LABEL_W - 4, a->pace, a->npace, 300,
		     ui_attr(C_ACCENT));
	return g.n + 1;
}

/* The take's status as every screen words it: a complete take that ran
 * on past the limit is "over time" (take_meaning, issue 20 #19). */
static const char *status_word(const struct take_screen *t, bool *over)
{
	const struct take *k = &t->take;
	const struct analysis *a = &k->result.analysis;
	struct take_meaning m = take_meaning(k->status, k->has_analysis, a->has_speech, a->speech_s,
					     k->duration_s, take_limit(t));
	*over = m.over;
	return m.over && m.heard ? m.status : attempt_status_name(k->status);
}

/* Duration and status, the figures (or why there are none), overflows.
 * Returns the rows used. */
static int draw_summary_rows(struct take_screen *t, int y, int status_attr)
{
	const struct take *k = &t->take;
	bool over;
	char v[160], d[16], l[16];
	format_mmss(k->duration_s, d, sizeof d);
	format_mmss(take_limit(t), l, sizeof l);
	snprintf(v, sizeof v, "%s of %s", d, l);
	draw_stat(y, 2, "Duration", v, A_BOLD);
	ui_text(y, COLS / 2, 8, "Status", ui_attr(C_DIM));
	ui_text(y, COLS / 2 + 8, COLS / 2 - 10, status_word(t, &over), status_attr | A_BOLD);
	const struct analysis *a = k->has_analysis ? &k->result.analysis : NULL;
	int rows = 2;
	if (a && a->has_speech)
		rows = 1 + draw_figures(t, a, y + 1);
	else if (a)
		ui_text(y + 1, 2, COLS - 4, "No speech was heard in this take.", ui_attr(C_WARN));
	else
		ui_text(y + 1, 2, COLS - 4, "Timer only: nothing was recorded, so no pacing figures.",
			ui_attr(C_DIM));
	if (k->result.overflows || k->result.dropped) {
		snprintf(v, sizeof v, "input overflows %llu, dropped %llu samples",
			 (unsigned long long)k->result.overflows,
			 (unsigned long long)k->result.dropped);
		ui_text(y + rows++, 2, COLS - 4, v, ui_attr(C_WARN));
	}
	return rows;
}

/* "rating 3/5 → 4/5 better" into s; returns the length. */
static int change_text(char *s, size_t n, const char *what, const struct compare_line *it)
{
	const char *word = compare_verdict_word(it->verdict);
	return snprintf(s, n, " %s %s → %s%s%s", what, it->before, it->after, *word ? " " : "",
			word);
}

/* Under the STAR bar: the previous take's STAR share and rating. Judged
 * against the category's target, the split names it (compare.c); when it
 * cannot be (a take unmarked), both whole splits. */
static void draw_compare_line(struct take_screen *t, int y)
{
	const struct compare_line *st = find_change(t, "STAR split");
	const struct compare_line *r = find_change(t, "Rating");
	char s[256];
	int n = snprintf(s, sizeof s, "vs take %lld:", t->result.prev_id);
	if (st && st->verdict != CMP_NONE)
		n += snprintf(s + n, sizeof s - (size_t)n, " %s · %s", st->change,
			      compare_verdict_word(st->verdict));
	else if (st)
		n += change_text(s + n, sizeof s - (size_t)n, "STAR split", st);
	if (st && r)
		n += snprintf(s + n, sizeof s - (size_t)n, " ·");
	if (r)
		change_text(s + n, sizeof s - (size_t)n, "rating", r);
	ui_text(y, 2, COLS - 4, s, ui_attr(C_ACCENT));
}

/* The notes the card shows: the take's and the card's own, the story's
 * fit at the person's pace (issue 18), with the delivery notes, and the
 * pivot's shift in shares with the targets. */
static void shown_notes(const struct take_screen *t, struct feedback *out)
{
	*out = t->take.feedback;
	if (t->result.fit[0])
		feedback_add(out, NOTE_DELIVERY, false, t->result.fit);
	if (t->result.pivot[0])
		feedback_add(out, NOTE_TARGET, true, t->result.pivot);
}

/* The rows note i needs at the card's width. */
static int note_rows(const struct feedback_note *n)
{
	return ui_wrap(0, 4, COLS - 6, 0, 0, n->text, A_NORMAL);
}

/* The feedback notes from the first one scrolled to, in rows y..bottom-1
 * (feedback_build put the most important first); when some do not fit,
 * the last row says how many more there are and how to reach them. */
static void draw_notes(struct take_screen *t, int y, int bottom)
{
	struct feedback shown;
	shown_notes(t, &shown);
	const struct feedback *f = &shown;
	struct result_state *r = &t->result;
	if (r->first_note >= f->n)
		r->first_note = f->n > 0 ? f->n - 1 : 0;
	int need = 0;
	for (int i = r->first_note; i < f->n; i++)
		need += note_rows(&f->notes[i]);
	bool marker = need > bottom - y || r->first_note > 0;
	r->notes_h = bottom - y;
	int end = marker ? bottom - 1 : bottom, i = r->first_note;
	for (; i < f->n && y + note_rows(&f->notes[i]) <= end; i++) {
		const struct feedback_note *n = &f->notes[i];
		ui_text(y, 2, 2, n->good ? "✓" : "!", n->good ? ui_attr(C_OK) : ui_attr(C_WARN));
		y += ui_wrap(y, 4, COLS - 6, 0, end - y, n->text, A_NORMAL);
	}
	r->notes_after = f->n - i;
	if (marker) {
		char s[64];
		if (r->notes_after > 0)
			snprintf(s, sizeof s, "+%d more: ↓%s", r->notes_after,
				 r->first_note ? " · ↑ back" : "");
		else
			snprintf(s, sizeof s, "%d above: ↑", r->first_note);
		ui_text(bottom - 1, 2, COLS - 4, s, ui_attr(C_ACCENT));
	}
}

/* Once a critique is saved, the card says what it was: one row. */
static int draw_saved_critique(const struct take_screen *t, int y)
{
	if (!t->result.rating && !t->result.note[0])
		return 0;
	char s[320], r[8] = "none";
	if (t->result.rating)
		snprintf(r, sizeof r, "%d/5", t->result.rating);
	snprintf(s, sizeof s, "Your rating %s%s%s", r, t->result.note[0] ? " · note: " : "",
		 t->result.note);
	ui_text(y, 2, COLS - 4, s, ui_attr(C_ACCENT));
	return 1;
}

static void draw_result(struct take_screen *t)
{
	ui_clear();
	take_draw_header(t, take_phase_word(RESULT));
	struct take *k = &t->take;
	bool over;
	status_word(t, &over);
	int status_attr = k->status == ATTEMPT_COMPLETE && !over ? ui_attr(C_OK)
			  : k->status == ATTEMPT_FAILED	  ? ui_attr(C_URGENT)
							  : ui_attr(C_WARN);
	int y = 2 + take_draw_question(t, 2) + 1;
	y += draw_summary_rows(t, y, status_attr);
	y += draw_star_rows(t, y);
	if (t->result.ncmp)
		draw_compare_line(t, y++);
	y += draw_saved_critique(t, y);
	/* A blank row before the notes where rows are not short: at 80x24 the
	 * STAR starts row took it, and the notes keep their rows. */
	y += LINES > ROOMY_LINES;
	if (k->reason[0] && k->status != ATTEMPT_COMPLETE)
		y += ui_wrap(y, 2, COLS - 4, 0, 2, k->reason, status_attr | A_BOLD);
	draw_notes(t, y, LINES - 3);
	if (k->wav_path)
		ui_text(LINES - 2, 2, COLS - 4, k->wav_path, ui_attr(C_DIM));
	if (t->msg[0])
		ui_text(LINES - 3, 2, COLS - 4, t->msg, t->msg_attr);
}

/* After the take is stored (and again after a critique, for the rating):
 * the change from the previous take of the same question. */
/* The story's length at the person's own pace (bank check's rule and
 * words), when history has their pace and the story is over the limit at
 * it; unreadable history says nothing here (bank check reports it). */
static void load_story_fit(struct take_screen *t)
{
	struct pace_basis pace;
	char errbuf[ERRBUF_SIZE];
	t->result.fit[0] = '\0';
	if (attempt_mode_is_follow_up(t->env->mode))
		return; /* a follow-up's answer is not the story */
	if (pace_basis_from_store(t->env->store, take_limit(t), &pace, errbuf) == 0)
		story_fit_text(t->p->match.story, &pace, t->result.fit, sizeof t->result.fit);
}

/* Told for another category than last time: how the parts' shares moved
 * (issue 18's pivot line), from the keys and the heard starts of both. */
static void load_pivot(struct take_screen *t, const struct attempt_row *now)
{
	struct attempt_row last;
	double starts[STAR_COUNT];
	char errbuf[ERRBUF_SIZE];
	t->result.pivot[0] = '\0';
	if (compare_find_last_telling(t->env->store, now, &last, starts, errbuf) != 1)
		return;
	struct compare_take was;
	compare_take_from_row(&last, starts, &was);
	compare_pivot_text(&last, &was.shape, now->category, &t->take.feedback.shape,
			   t->result.pivot, sizeof t->result.pivot);
	attempt_row_free(&last);
}

void take_load_compare(struct take_screen *t)
{
	const struct take_env *env = t->env;
	struct attempt_row before, now;
	double before_marks[STAR_COUNT];
	char errbuf[ERRBUF_SIZE];
	load_story_fit(t);
	t->result.ncmp = 0;
	if (!t->take.id || store_get_attempt(env->store, t->take.id, &now, errbuf) < 0)
		return;
	if (compare_find_previous(env->store, &now, &before, before_marks, errbuf) == 1) {
		struct compare_take b, a;
		compare_take_from_row(&before, before_marks, &b);
		/* This take as its card shows it: keys, and the starts heard. */
		compare_take_from_row(&now, t->take.feedback.starts.at, &a);
		t->result.ncmp = compare_takes(&b, &a, &take_bank(t)->cats[take_category(t->p)], t->result.cmp);
		t->result.prev_id = before.id;
		attempt_row_free(&before);
	}
	load_pivot(t, &now);
	attempt_row_free(&now);
}

static bool has_wav(void *self)
{
	struct take_screen *t = self;
	return t->take.wav_path != NULL;
}

/* Practice (one question) always has a next one: a newly drawn question. */
static bool has_next(void *self)
{
	struct take_screen *t = self;
	return t->index + 1 < t->count || t->count == 1;
}

static bool is_last(void *self)
{
	return !has_next(self);
}

static bool from_home(void *self)
{
	struct take_screen *t = self;
	return t->s->from_home;
}

static struct ui_action key_play(void *self, int key)
{
	(void)key;
	struct take_screen *t = self;
	return ui_push(screen_play(t->s, t->take.id));
}

static struct ui_action key_critique(void *self, int key)
{
	(void)key;
	struct take_screen *t = self;
	return ui_push(screen_critique(t->s, t->take.id));
}

/* How many notes a card holds before the first one shown (PgUp), or
 * from it (PgDn, the notes shown): at least one, so none is jumped over. */
static int page_of(const struct take_screen *t, bool up)
{
	const struct result_state *r = &t->result;
	struct feedback shown;
	shown_notes(t, &shown);
	if (!up)
		return shown.n - r->first_note - r->notes_after > 1
			       ? shown.n - r->first_note - r->notes_after
			       : 1;
	int k = 0, rows = 0; /* the marker keeps its row */
	for (int i = r->first_note - 1; i >= 0; i--, k++) {
		rows += note_rows(&shown.notes[i]);
		if (rows > r->notes_h - 1)
			break;
	}
	return k > 1 ? k : 1;
}

/* Scroll the notes a note (Down, j, Up, k) or a card (PgDn, PgUp) at a
 * time. */
static struct ui_action key_scroll(void *self, int key)
{
	struct take_screen *t = self;
	struct result_state *r = &t->result;
	int step = key == KEY_NPAGE || key == KEY_PPAGE ? page_of(t, key == KEY_PPAGE) : 1;
	if (key == KEY_DOWN || key == 'j' || key == KEY_NPAGE)
		r->first_note += step < r->notes_after ? step : r->notes_after;
	else
		r->first_note = r->first_note > step ? r->first_note - step : 0;
	return ui_stay();
}

static bool can_scroll(void *self)
{
	struct take_screen *t = self;
	return t->result.notes_after > 0 || t->result.first_note > 0;
}

static const struct ui_binding result_keys[] = {
	{{'p'}, "p play", key_play, has_wav, 0},
	{{'c'}, "c critique", key_critique, NULL, 0},
	{{'r'}, "r retry", NULL, NULL, OUT_RETRY},
	{{'n', '\n', KEY_ENTER}, "n next question", NULL, has_next, OUT_NEXT},
	{{'n', '\n', KEY_ENTER}, "n done", NULL, is_last, OUT_NEXT},
	{{'m'}, "m menu", NULL, from_home, OUT_MENU},
	{{'q'}, "q quit", NULL, NULL, OUT_QUIT},
	{{KEY_DOWN, 'j', KEY_NPAGE, KEY_UP, 'k', KEY_PPAGE}, "↓↑ more notes", key_scroll, can_scroll, 0},
	UI_END_KEYS,
};

const struct take_phase take_result_phase = {
	"result", draw_result, NULL, result_keys, UI_TICK_MS * 4};
