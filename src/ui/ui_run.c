/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_run.c - the screen driver (see ui.h): one loop for every screen, a
 * stack of screens, key tables that give both the handling and the help
 * line, and the prompt that asks a question on the bottom line. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "interrupt.h"
#include "rehearse/strbuf.h"
#include "rehearse/util.h"
#include "ui.h"

#define MAX_DEPTH 16

struct driver {
	struct ui_screen *stack[MAX_DEPTH];
	int depth;
	int result; /* of the bottom screen */
};

void ui_screen_init(struct ui_screen *s, const struct ui_screen_ops *ops,
		    const struct ui_binding *keys, int tick_ms)
{
	s->ops = ops;
	s->keys = keys;
	s->tick_ms = tick_ms;
	s->dirty = true;
}

static bool applies(struct ui_screen *s, const struct ui_binding *b)
{
	return !b->when || b->when(s);
}

static const struct ui_binding *find_binding(struct ui_screen *s, int key)
{
	for (const struct ui_binding *b = s->keys; b && b->keys[0]; b++)
		for (int i = 0; i < UI_MAX_KEYS && b->keys[i]; i++)
			if (b->keys[i] == key && applies(s, b))
				return b;
	return NULL;
}

/* The help line, made from the same table that handles the keys. */
static void draw_help(struct ui_screen *s)
{
	struct strbuf help = STRBUF_INIT;
	for (const struct ui_binding *b = s->keys; b && b->keys[0]; b++)
		if (b->help && applies(s, b))
			strbuf_addsep(&help, " · ", b->help);
	/* Where ? opens the help (ui_run's own key), say so when it fits. */
	if (!find_binding(s, '?') && !s->ops->other_key && help.len) {
		size_t len = help.len;
		bool cut = false;
		strbuf_addsep(&help, " · ", "? help");
		if (ui_cut(help.buf, help.len, COLS - 2, false, &cut) < help.len || cut)
			strbuf_setlen(&help, len); /* the screen's own keys first */
	}
	ui_keys(help.buf); /* it cuts to the screen's width */
	strbuf_release(&help);
}

static void apply(struct driver *d, struct ui_action a);

static void pop_top(struct driver *d)
{
	struct ui_screen *s = d->stack[--d->depth];
	s->ops->done(s);
}

static void push(struct driver *d, struct ui_screen *s)
{
	if (d->depth == MAX_DEPTH) { /* deeper than any path through the menus */
		s->ops->done(s);
		return;
	}
	d->stack[d->depth++] = s;
	s->dirty = true;
	if (s->ops->enter)
		apply(d, s->ops->enter(s));
}

static void apply(struct driver *d, struct ui_action a)
{
	if (a.verb == UI_STAY || ((a.verb == UI_PUSH || a.verb == UI_REPLACE) && !a.next))
		return;
	if (a.verb == UI_REPLACE)
		pop_top(d);
	if (a.verb != UI_POP) {
		push(d, a.next);
		return;
	}
	pop_top(d);
	if (d->depth == 0) {
		d->result = a.result;
		return;
	}
	struct ui_screen *top = d->stack[d->depth - 1];
	top->dirty = true;
	if (top->ops->resume)
		apply(d, top->ops->resume(top, a.result));
}

static void draw(struct driver *d, struct ui_screen *top)
{
	if (ui_too_small())
		return;
	if (top->ops->overlay && d->depth > 1) {
		struct ui_screen *below = d->stack[d->depth - 2];
		below->ops->draw(below);
		draw_help(below);
	}
	top->ops->draw(top);
	if (!top->ops->overlay)
		draw_help(top);
	refresh();
}

static void handle_key(struct driver *d, struct ui_screen *top, int key)
{
	top->dirty = true;
	const struct ui_binding *b = find_binding(top, key);
	if (b)
		apply(d, b->fn ? b->fn(top, key) : ui_pop(b->result));
	else if (key == '?' && !top->ops->other_key) /* a screen that types keys keeps them */
		apply(d, ui_push(ui_help(top)));
	else if (top->ops->other_key)
		apply(d, top->ops->other_key(top, key));
}

int ui_run(struct ui_screen *first)
{
	struct driver d = {.depth = 0, .result = 0};
	push(&d, first);
	while (d.depth > 0) {
		struct ui_screen *top = d.stack[d.depth - 1];
		if (interrupted())
			break;
		if (!top->ops->draw) { /* a flow with nothing left to push */
			apply(&d, ui_pop(0));
			continue;
		}
		if (top->ops->tick) {
			struct ui_action a = top->ops->tick(top);
			if (a.verb != UI_STAY) {
				apply(&d, a);
				continue;
			}
		}
		draw(&d, top);
		timeout(top->tick_ms);
		int key = getch();
		if (key != ERR && !interrupted())
			handle_key(&d, top, key);
	}
	if (d.depth == 0)
		return d.result;
	while (d.depth > 0)
		pop_top(&d);
	return -1;
}

/* The prompt: one line over the screen below. */
struct prompt {
	struct ui_screen ui;
	char *question;
	char *keys;
};

static void prompt_draw(void *self)
{
	struct prompt *p = self;
	int a = ui_attr(C_REC);
	ui_fill(LINES - 1, 0, COLS, " ", a);
	ui_text(LINES - 1, 1, COLS - 2, p->question, a);
}

static struct ui_action prompt_key(void *self, int key)
{
	struct prompt *p = self;
	if (key == 27 || (key > 0 && key < 256 && strchr(p->keys, key)))
		return ui_pop(key);
	return ui_stay();
}

static void prompt_done(void *self)
{
	struct prompt *p = self;
	free(p->question);
	free(p->keys);
	free(p);
}

static const struct ui_screen_ops prompt_ops = {
	.draw = prompt_draw, .other_key = prompt_key, .done = prompt_done, .overlay = true};

struct ui_screen *ui_prompt(const char *question, const char *keys)
{
	struct prompt *p = xcalloc(1, sizeof *p);
	ui_screen_init(&p->ui, &prompt_ops, NULL, UI_TICK_MS);
	p->question = xstrdup(question);
	p->keys = xstrdup(keys);
	return &p->ui;
}
