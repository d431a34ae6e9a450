/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_list.c - see ui_list.h. */
#include "ui_list.h"

#include <stdio.h>

void ui_list_init(struct ui_list *l, const struct ui_screen_ops *ops,
		  const struct ui_binding *keys, const char *title)
{
	ui_screen_init(&l->ui, ops, keys, UI_LIST_TICK_MS);
	snprintf(l->title, sizeof l->title, "%s", title);
}

void ui_list_set(struct ui_list *l, const char *const *items, int n)
{
	l->items = items;
	l->n = n;
	if (l->sel >= n)
		l->sel = 0;
}

void ui_list_draw(void *self)
{
	struct ui_list *l = self;
	ui_clear();
	ui_title(l->title, "");
	int y0 = 2;
	if (l->header)
		ui_text(y0++, 2, COLS - 4, l->header, ui_attr(C_DIM));
	int rows = LINES - 2 - y0 - l->reserve;
	if (rows < 1)
		rows = 1;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + rows)
		l->top = l->sel - rows + 1;
	for (int i = l->top; i < l->n && i < l->top + rows; i++) {
		int a = i == l->sel ? ui_attr(C_SEL) : (int)A_NORMAL;
		if (i == l->sel)
			ui_fill(y0 + i - l->top, 1, COLS - 2, " ", a);
		ui_text(y0 + i - l->top, 2, COLS - 4, l->items[i], a);
	}
	if (l->n == 0)
		ui_text(y0, 2, COLS - 4, "(nothing here yet)", ui_attr(C_DIM));
	if (l->footer && l->footer[0]) {
		/* As many lines as it needs, over the help line (at most 8). */
		int need = ui_wrap(0, 2, COLS - 4, 0, 0, l->footer, 0);
		need = need > 8 ? 8 : need;
		ui_wrap(LINES - 2 - need, 2, COLS - 4, 0, need, l->footer, ui_attr(C_DIM));
	}
}

struct ui_action ui_list_move(void *self, int key)
{
	struct ui_list *l = self;
	int last = l->n ? l->n - 1 : 0;
	if (key == KEY_UP || key == 'k')
		l->sel = l->sel > 0 ? l->sel - 1 : 0;
	else if (key == KEY_DOWN || key == 'j')
		l->sel = l->sel < last ? l->sel + 1 : l->sel;
	else if (key == KEY_PPAGE)
		l->sel = l->sel > 10 ? l->sel - 10 : 0;
	else if (key == KEY_NPAGE)
		l->sel = l->sel + 10 < l->n ? l->sel + 10 : last;
	return ui_stay();
}
