/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_card.c - the cue card of the take screen: the story's angle, whole,
 * and its four STAR parts wrapped over the rows the card has (issue 20
 * #6), the part being told given the most and marked; with f, or once
 * scrolled, the whole story; or, with no story, what to do about it. */
#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "rehearse/feedback.h"
#include "ui_take.h"

/* The card's two borders, and the text's width beside the part labels. */
#define CARD_BORDERS 2
#define PART_W (COLS - 10)
#define ANGLE_W (COLS - 6)

/* No story covers the question's category. */
static void draw_missing(struct take_screen *t, int y, int h)
{
	const struct match *m = &t->p->match;
	char miss[512];
	snprintf(miss, sizeof miss,
		 "No story in your bank covers '%s'.%s%s%s Answer from memory, or add one "
		 "with 'rehearse bank new'.",
		 take_bank(t)->cats[m->missing_category].name, m->moment ? " The moment '" : "",
		 m->moment ? m->moment->title : "", m->moment ? "' could: write it out." : "");
	ui_box(y, 1, h, COLS - 2, "no story", ui_attr(C_DIM));
	ui_wrap(y + 1, 3, COLS - 6, 0, h - 2, miss, ui_attr(C_WARN));
}

static const enum ui_color star_colors[] = {C_S, C_T, C_A, C_R};
static const char *const part_names[] = {"Situation", "Task", "Action", "Result"};

static const char *part_text(const struct story *st, int i)
{
	return st->star[i] ? st->star[i] : "";
}

/* The part the clock suggests: each part's words at a steady pace (the
 * middle of the band feedback.h calls steady), one after another. */
static int part_by_clock(const struct story *st, double elapsed)
{
	double spw = 60.0 / ((PACE_STEADY_LO + PACE_STEADY_HI) / 2), ends = 0;
	for (int i = 0; i < STAR_COUNT - 1; i++) {
		ends += count_words(part_text(st, i)) * spw;
		if (elapsed < ends)
			return i;
	}
	return STAR_COUNT - 1;
}

int take_told_part(const struct take_screen *t, enum told_how *how)
{
	*how = TOLD_PRESSED;
	if (t->phase != REC || !t->p->match.story)
		return -1;
	int pressed = -1, heard = take_heard_part(&t->take);
	for (int i = STAR_COUNT - 1; i >= 0 && pressed < 0; i--)
		if (t->take.marks.at[i] >= 0)
			pressed = i; /* marks go forward: the last one is the latest */
	if (heard > pressed) { /* the words have gone on past the last key */
		*how = TOLD_HEARD;
		return heard;
	}
	if (pressed >= 0)
		return pressed;
	*how = TOLD_GUESS;
	return part_by_clock(t->p->match.story, t->meter.live.elapsed);
}

/* "Angle (conflict): ..." into buf; "" without an angle. */
static const char *angle_text(const struct take_screen *t, char *buf, size_t n)
{
	const struct match *m = &t->p->match;
	buf[0] = '\0';
	if (m->angle)
		snprintf(buf, n, "Angle (%s): %s", take_bank(t)->cats[m->category].name, m->angle);
	return buf;
}

/* Rows each part needs whole at the card's width; returns their sum. */
static int part_needs(const struct story *st, int need[STAR_COUNT])
{
	int sum = 0;
	for (int i = 0; i < STAR_COUNT; i++) {
		need[i] = ui_wrap(LINES, 7, PART_W, 0, 0, part_text(st, i), A_NORMAL);
		need[i] = need[i] < 1 ? 1 : need[i];
		sum += need[i];
	}
	return sum;
}

static int angle_needs(const struct take_screen *t)
{
	char a[512];
	return *angle_text(t, a, sizeof a) ? ui_wrap(LINES, 3, ANGLE_W, 0, 0, a, A_NORMAL) : 0;
}

/* The whole card is drawn scrolled (f, or a scroll key) rather than fitted. */
static bool scrolled(const struct take_screen *t)
{
	return t->full || t->scroll > 0;
}

int take_card_rows(struct take_screen *t, int *least)
{
	const struct story *st = t->p->match.story;
	*least = 3;
	if (!st || t->hidden || scrolled(t))
		return INT_MAX; /* all there is */
	int need[STAR_COUNT], a = angle_needs(t);
	int sum = part_needs(st, need);
	*least = CARD_BORDERS + a + STAR_COUNT + 1; /* and a second line for the part told */
	return CARD_BORDERS + a + sum;
}

/* Share avail rows among the parts: one each (all four, Result too, stay
 * in view), then the part being told as many as it needs, then one at a
 * time to the parts after it in turn, up to what each needs. */
static void share_rows(const int need[STAR_COUNT], int avail, int told, int rows[STAR_COUNT])
{
	int left = avail;
	for (int i = 0; i < STAR_COUNT; i++) {
		rows[i] = left > 0 ? 1 : 0;
		left -= rows[i];
	}
	if (told >= 0) {
		int more = need[told] - rows[told];
		more = more < left ? more : left;
		rows[told] += more > 0 ? more : 0;
		left -= more > 0 ? more : 0;
	}
	for (bool gave = true; left > 0 && gave;) {
		gave = false;
		for (int k = 1; k <= STAR_COUNT && left > 0; k++) {
			int i = (told + k + STAR_COUNT) % STAR_COUNT;
			if (rows[i] < need[i]) {
				rows[i]++;
				left--;
				gave = true;
			}
		}
	}
}

/* The part's label; the part being told gets a marker before it: ▶ when
 * marked, a dim ▷ when the clock only suggests it. */
static void draw_star_label(int y, int i, bool told, bool guess)
{
	char lab[4] = {" STAR"[i + 1], '\0'};
	if (told)
		ui_text(y, 2, 1, guess ? "▷" : "▶",
			guess ? ui_attr(C_DIM) : ui_attr(C_ACCENT) | (int)A_BOLD);
	attron(ui_attr(star_colors[i]));
	mvprintw(y, 3, " %s ", lab);
	attroff(ui_attr(star_colors[i]));
}

/* The card's top border: the story's title, and on the right, during the
 * take, which part is being told and whether that is a guess from the
 * clock; the title gives way to it (cut with an ellipsis). */
static void draw_card_title(struct take_screen *t, int y)
{
	char tag[64] = "", title[512];
	enum told_how how;
	int told = take_told_part(t, &how), w = 0;
	bool guess = how == TOLD_GUESS;
	if (told >= 0 && !t->hidden) {
		snprintf(tag, sizeof tag,
			 guess ? " ▷ %s? a guess by time " : how == TOLD_HEARD ? " ▶ %s, heard " : " ▶ %s ",
			 part_names[told]);
		w = utf8_width(tag);
		ui_text(y, COLS - 3 - w, w, tag,
			guess ? ui_attr(C_DIM) : ui_attr(C_ACCENT) | (int)A_BOLD);
	}
	snprintf(title, sizeof title, " %s ", t->p->match.story->title);
	ui_text(y, 3, COLS - 6 - w - 1, title, A_BOLD);
}

/* The card fitted to its rows: the angle whole, the parts sharing the
 * rest, each cut with an ellipsis where its rows end. */
static void draw_fitted(struct take_screen *t, int y, int inner)
{
	const struct story *st = t->p->match.story;
	char a[512];
	int need[STAR_COUNT], rows[STAR_COUNT], row = y + 1;
	enum told_how how;
	int told = take_told_part(t, &how);
	bool guess = how == TOLD_GUESS;
	part_needs(st, need);
	if (*angle_text(t, a, sizeof a)) {
		int ar = angle_needs(t), room = inner - STAR_COUNT;
		ar = ar < room ? ar : room > 1 ? room : 1;
		ui_wrap(row, 3, ANGLE_W, 0, ar, a, ui_attr(C_ACCENT));
		row += ar; /* ar is at most what the angle needs */
	}
	share_rows(need, y + 1 + inner - row, told, rows);
	for (int i = 0; i < STAR_COUNT; i++) {
		if (rows[i] <= 0)
			continue;
		draw_star_label(row, i, i == told, guess);
		int attr = i == told && !guess ? (int)A_BOLD : (int)A_NORMAL;
		ui_wrap(row, 7, PART_W, 0, rows[i], part_text(st, i), attr);
		row += rows[i]; /* at most what the part needs: share_rows */
	}
}

/* The line of the whole card where part i starts. */
static int part_start(struct take_screen *t, int part)
{
	const struct story *st = t->p->match.story;
	int line = angle_needs(t);
	for (int i = 0; i < part; i++)
		line += ui_wrap(LINES, 7, PART_W, 0, 0, part_text(st, i), A_NORMAL);
	return line;
}

/* During the take the whole story scrolls to each part as it comes to be
 * told, when it is not in view (a scroll key may move it again). */
static void follow_part(struct take_screen *t, int told, int inner)
{
	if (told < 0 || told == t->card_followed)
		return;
	const struct story *st = t->p->match.story;
	int start = part_start(t, told), need = ui_wrap(LINES, 7, PART_W, 0, 0, part_text(st, told), 0);
	if (start < t->scroll || start + (need < inner ? need : inner) > t->scroll + inner)
		t->scroll = start; /* to its first line */
	t->card_followed = told;
}

/* The whole story, scrolled. */
static void draw_scrolled(struct take_screen *t, int y, int inner)
{
	const struct story *st = t->p->match.story;
	enum told_how how;
	int told = take_told_part(t, &how), line = 0;
	bool guess = how == TOLD_GUESS;
	follow_part(t, told, inner);
	char a[512];
	if (*angle_text(t, a, sizeof a))
		line += ui_wrap(y + 1, 3, ANGLE_W, t->scroll, inner, a, ui_attr(C_ACCENT));
	for (int i = 0; i < STAR_COUNT; i++) {
		int row = line - t->scroll, attr = i == told && !guess ? (int)A_BOLD : (int)A_NORMAL;
		int n = ui_wrap(y + 1 + (row > 0 ? row : 0), 7, PART_W, row < 0 ? -row : 0,
				inner - (row > 0 ? row : 0), part_text(st, i), attr);
		if (row >= 0 && row < inner)
			draw_star_label(y + 1 + row, i, i == told, guess);
		line += n;
	}
	if (t->scroll > 0)
		ui_text(y + inner + 1, COLS - 22, 8, " ↑ more ", ui_attr(C_DIM));
	if (line - t->scroll > inner)
		ui_text(y + inner + 1, COLS - 12, 8, " ↓ more ", ui_attr(C_DIM));
}

/* The cue card: title, angle, then the four STAR parts. */
void take_draw_card(struct take_screen *t, int y, int h)
{
	const struct match *m = &t->p->match;
	if (h < 3)
		return;
	if (!m->story) {
		draw_missing(t, y, h);
		return;
	}
	ui_box(y, 1, h, COLS - 2, NULL, ui_attr(C_DIM));
	draw_card_title(t, y);
	if (t->hidden) {
		ui_text(y + 1, 3, COLS - 6, "cue card hidden: answer from memory (h shows it)",
			ui_attr(C_DIM));
		return;
	}
	if (scrolled(t))
		draw_scrolled(t, y, h - CARD_BORDERS);
	else
		draw_fitted(t, y, h - CARD_BORDERS);
}
