/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_card.c - the cue card of the take screen: the story's angle and the
 * first sentence of each STAR part (or the whole story with f), kept to
 * one line a part where the terminal is small, so the Result line is
 * always in view; or, with no story, what to do about it. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "ui_take.h"

/* A cue, not a script: the first sentence of a part, and its figures. */
static char *cue_of(const char *text)
{
	const char *end = text;
	while (*end) {
		if ((*end == '.' || *end == '!' || *end == '?') && (end[1] == ' ' || !end[1] ||
								     end[1] == '\n')) {
			end++;
			break;
		}
		end++;
	}
	bool more = *end != '\0';
	char *first = xstrndup(text, (size_t)(end - text));
	char *cue = more ? xasprintf("%s …", first) : xstrdup(first);
	free(first);
	return cue;
}

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

static void draw_star_label(int y, int i)
{
	char lab[4] = {" STAR"[i + 1], '\0'};
	attron(ui_attr(star_colors[i]));
	mvprintw(y, 3, " %s ", lab);
	attroff(ui_attr(star_colors[i]));
}

/* The cue where it does not fit wrapped: the angle and each part on one
 * line, cut with an ellipsis, so all four parts, Result too, stay in view
 * (f shows the whole story, scrollable). */
static void draw_compact(struct take_screen *t, int y, int inner)
{
	const struct match *m = &t->p->match;
	int row = y + 1;
	if (m->angle && inner > STAR_COUNT) {
		char a[512];
		snprintf(a, sizeof a, "Angle: %s", m->angle);
		ui_text(row++, 3, COLS - 6, a, ui_attr(C_ACCENT));
	}
	for (int i = 0; i < STAR_COUNT && row < y + 1 + inner; i++, row++) {
		char *text = cue_of(m->story->star[i]);
		draw_star_label(row, i);
		ui_text(row, 7, COLS - 10, text, A_NORMAL);
		free(text);
	}
}

/* The lines the wrapped cue (angle and four parts) needs. */
static int cue_lines(struct take_screen *t)
{
	const struct match *m = &t->p->match;
	int n = 0;
	if (m->angle) {
		char a[512];
		snprintf(a, sizeof a, "Angle (%s): %s", take_bank(t)->cats[m->category].name,
			 m->angle);
		n += ui_wrap(LINES, 3, COLS - 6, 0, 0, a, A_NORMAL);
	}
	for (int i = 0; i < STAR_COUNT; i++) {
		char *text = cue_of(m->story->star[i]);
		n += ui_wrap(LINES, 7, COLS - 10, 0, 0, text, A_NORMAL);
		free(text);
	}
	return n;
}

/* The four STAR parts from line (already used by the angle); returns the
 * lines the card needs in all. */
static int draw_star_parts(struct take_screen *t, int y, int inner, int line)
{
	const struct story *st = t->p->match.story;
	for (int i = 0; i < STAR_COUNT; i++) {
		int row = line - t->scroll;
		char *text = t->full ? xstrdup(st->star[i]) : cue_of(st->star[i]);
		int n = ui_wrap(y + 1 + (row > 0 ? row : 0), 7, COLS - 10, row < 0 ? -row : 0,
				inner - (row > 0 ? row : 0), text, A_NORMAL);
		free(text);
		if (row >= 0 && row < inner)
			draw_star_label(y + 1 + row, i);
		line += n;
	}
	return line;
}

/* The cue card: title, angle, then the four STAR parts, scrollable. */
void take_draw_card(struct take_screen *t, int y, int h)
{
	const struct match *m = &t->p->match;
	if (h < 3)
		return;
	if (!m->story) {
		draw_missing(t, y, h);
		return;
	}
	ui_box(y, 1, h, COLS - 2, m->story->title, ui_attr(C_DIM));
	if (t->hidden) {
		ui_text(y + 1, 3, COLS - 6, "cue card hidden: answer from memory (h shows it)",
			ui_attr(C_DIM));
		return;
	}
	int inner = h - 2, line = 0;
	if (!t->full && t->scroll == 0 && cue_lines(t) > inner) {
		draw_compact(t, y, inner);
		return;
	}
	if (m->angle) {
		char a[512];
		snprintf(a, sizeof a, "Angle (%s): %s", take_bank(t)->cats[m->category].name,
			 m->angle);
		line += ui_wrap(y + 1, 3, COLS - 6, t->scroll, inner, a, ui_attr(C_ACCENT));
	}
	line = draw_star_parts(t, y, inner, line);
	if (t->scroll > 0)
		ui_text(y, COLS - 12, 8, " ↑ more ", ui_attr(C_DIM));
	if (line - t->scroll > inner)
		ui_text(y + h - 1, COLS - 12, 8, " ↓ more ", ui_attr(C_DIM));
}
