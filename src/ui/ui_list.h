/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_list.h - the scrolling list that the menus are made of: the home
 * menu, the practice choices, the story bank, history and its filter. A
 * menu embeds struct ui_list as the first member of its state, draws with
 * ui_list_draw and puts UI_LIST_NAV and UI_LIST_BACK (pops with -1) in its
 * key table. */
#ifndef REHEARSE_UI_LIST_H
#define REHEARSE_UI_LIST_H

#include <curses.h>

#include "ui.h"

struct ui_list {
	struct ui_screen ui;
	char title[256];
	const char *const *items;
	int n, sel, top;
	const char *footer; /* dim lines at the bottom (NULL: none) */
	const char *header; /* a dim line over the entries, e.g. column names (NULL: none) */
	int reserve;	    /* lines under the list the screen draws itself */
};

#define UI_LIST_TICK_MS (UI_TICK_MS * 4)
/* The keys that choose the selected entry. */
#define UI_LIST_ENTER '\n', KEY_ENTER, KEY_RIGHT
#define UI_LIST_NAV(help) UI_LIST_NAV_BY(help, ui_list_move)
/* The same keys to a screen's own mover, which ends in ui_list_move. */
#define UI_LIST_NAV_BY(help, fn) \
	{{KEY_UP, 'k', KEY_DOWN, 'j', KEY_PPAGE, KEY_NPAGE}, help, fn, NULL, 0}
#define UI_LIST_BACK(help) {{'q', 27, KEY_LEFT}, help, NULL, NULL, -1}

void ui_list_init(struct ui_list *l, const struct ui_screen_ops *ops,
		  const struct ui_binding *keys, const char *title);
/* New items (the selection stays where it was, within the list). */
void ui_list_set(struct ui_list *l, const char *const *items, int n);
void ui_list_draw(void *self);
struct ui_action ui_list_move(void *self, int key);

#endif
