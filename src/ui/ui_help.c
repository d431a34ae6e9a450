/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_help.c - the help screen `?` opens over any screen (ui_run.c pushes
 * it): every key the screen below takes now, made from its key table (the
 * same rows that handle the keys and make its help line), and a short
 * STAR primer behind `s`. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rehearse/strbuf.h"
#include "rehearse/util.h"
#include "ui.h"

struct help_screen {
	struct ui_screen ui;
	char *text; /* one key row a line: "keys\twhat they do" */
	bool primer;
	int scroll;
};

/* The STAR method in a few lines, for someone who has not met it. */
static const char *const primer[] = {
	"A behavioural answer tells one real story in four parts, in order:",
	"",
	"S  Situation  where and when, in a sentence or two: only what the",
	"              listener needs to follow the rest.",
	"T  Task       what was yours to do, and why it was hard.",
	"A  Action     what you did, and why: most of the answer belongs here.",
	"R  Result     what changed, in figures if you can, and what you learned.",
	"",
	"Keep Situation and Task short. Each category has a target for its",
	"shape (conflict: little time on the disagreement, most on resolving it;",
	"failure: most of it on recovery and learning); the result card checks",
	"your answer against it, from the parts you mark with s t a r while",
	"answering or, when it follows the story on the card, from the parts it",
	"hears in your words. Tell the story aloud within the limit (90 s",
	"unless set).",
};

static const struct {
	int key;
	const char *name;
} key_names[] = {
	{' ', "Space"},	  {'\n', "Enter"},     {KEY_ENTER, "Enter"},   {27, "Esc"},
	{KEY_UP, "↑"},	  {KEY_DOWN, "↓"},     {KEY_LEFT, "←"},	       {KEY_RIGHT, "→"},
	{KEY_NPAGE, "PgDn"}, {KEY_PPAGE, "PgUp"}, {KEY_BACKSPACE, "Backspace"}, {KEY_DC, "Del"},
	{'\t', "Tab"},
};

static void add_key_name(struct strbuf *sb, int key)
{
	char one[2] = {(char)key, 0};
	const char *name = key > 32 && key < 127 ? one : NULL;
	for (size_t i = 0; !name && i < ARRAY_SIZE(key_names); i++)
		if (key_names[i].key == key)
			name = key_names[i].name;
	strbuf_addsep(sb, " ", name ? name : keyname(key));
}

/* The help text without its leading key word ("p play" is "play"). */
static const char *what_it_does(const char *help)
{
	const char *sp = strchr(help, ' ');
	return sp ? sp + 1 : help;
}

static char *describe(struct ui_screen *of)
{
	struct strbuf sb = STRBUF_INIT;
	for (const struct ui_binding *b = of->keys; b && b->keys[0]; b++) {
		if (!b->help || (b->when && !b->when(of)))
			continue;
		struct strbuf keys = STRBUF_INIT;
		for (int i = 0; i < UI_MAX_KEYS && b->keys[i]; i++)
			if (!(b->keys[i] == KEY_ENTER && i > 0 && b->keys[i - 1] == '\n'))
				add_key_name(&keys, b->keys[i]);
		strbuf_addf(&sb, "%s\t%s\n", keys.buf, what_it_does(b->help));
		strbuf_release(&keys);
	}
	return strbuf_detach(&sb, NULL);
}

/* The furthest scroll that still fills the page: the last line at the
 * bottom, never a blank page. */
static int help_last_scroll(const struct help_screen *h)
{
	int lines = 0, rows = h->primer ? LINES - 3 : LINES - 4;
	if (h->primer)
		lines = (int)ARRAY_SIZE(primer);
	else
		for (const char *p = h->text; *p; p++)
			lines += *p == '\n';
	return lines > rows ? lines - rows : 0;
}

static void help_draw(void *self)
{
	struct help_screen *h = self;
	if (h->scroll > help_last_scroll(h)) /* the terminal grew: no blank page */
		h->scroll = help_last_scroll(h);
	ui_clear();
	ui_title(h->primer ? "rehearse · help · the STAR method" : "rehearse · help · keys here",
		 "");
	int y = 2, line = 0;
	if (h->primer) {
		for (size_t i = 0; i < ARRAY_SIZE(primer) && y < LINES - 1; i++)
			if (line++ >= h->scroll)
				ui_text(y++, 2, COLS - 4, primer[i], A_NORMAL);
		return;
	}
	for (const char *p = h->text; *p && y < LINES - 2; line++) {
		const char *tab = strchr(p, '\t'), *nl = strchr(p, '\n');
		if (line >= h->scroll) {
			char *keys = xstrndup(p, (size_t)(tab - p));
			char *what = xstrndup(tab + 1, (size_t)(nl - tab - 1));
			ui_text(y, 2, 18, keys, A_BOLD);
			ui_text(y++, 21, COLS - 23, what, A_NORMAL);
			free(keys);
			free(what);
		}
		p = nl + 1;
	}
	if (y < LINES - 2)
		ui_text(y + 1, 2, COLS - 4, "New to STAR answers? s shows the method in brief.",
			ui_attr(C_DIM));
}

static struct ui_action help_scroll(void *self, int key)
{
	struct help_screen *h = self;
	if (key == KEY_UP || key == 'k')
		h->scroll -= h->scroll > 0;
	else
		h->scroll += h->scroll < help_last_scroll(h);
	return ui_stay();
}

/* "↑↓ scroll" only where there is something to scroll to. */
static bool help_scrolls(void *self)
{
	return help_last_scroll(self) > 0;
}

static struct ui_action help_primer(void *self, int key)
{
	(void)key;
	struct help_screen *h = self;
	h->primer = !h->primer;
	h->scroll = 0;
	return ui_stay();
}

static void help_done(void *self)
{
	struct help_screen *h = self;
	free(h->text);
	free(h);
}

static const struct ui_binding help_keys[] = {
	{{'s'}, "s the STAR method / the keys", help_primer, NULL, 0},
	{{KEY_UP, KEY_DOWN, 'j', 'k'}, "↑↓ scroll", help_scroll, help_scrolls, 0},
	{{'?', 27, 'q'}, "? Esc q close", NULL, NULL, 0},
	UI_END_KEYS,
};

static const struct ui_screen_ops help_ops = {.draw = help_draw, .done = help_done};

struct ui_screen *ui_help(struct ui_screen *of)
{
	struct help_screen *h = xcalloc(1, sizeof *h);
	ui_screen_init(&h->ui, &help_ops, help_keys, UI_TICK_MS * 4);
	h->text = describe(of);
	return &h->ui;
}
