/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui.h - the ncurses layer shared by every screen: start-up and tear-down,
 * the screen driver, colours, and drawing helpers. Screens draw from their
 * own state and call into the engine, store and audio layers; nothing
 * below the screens draws. */
#ifndef REHEARSE_UI_H
#define REHEARSE_UI_H

#include <stdbool.h>
#include <stddef.h>

#define UI_MIN_COLS 80
#define UI_MIN_ROWS 24
#define UI_TICK_MS 50

enum ui_color {
	C_TITLE = 1,
	C_OK,
	C_WARN,
	C_URGENT,
	C_DIM,
	C_ACCENT,
	C_REC,
	C_S,
	C_T,
	C_A,
	C_R,
	C_SEL,
};

/* Start the screen; stderr goes to log_path while it is up. color false:
 * no colours (the settings' "color", which NO_COLOR turns off). */
int ui_start(const char *log_path, bool color);
void ui_stop(void);
/* run_editor on path with the screen handed to it, and back after. */
int ui_run_editor(const char *path, char *errbuf);

/* Below the minimum size, draw a notice and return true. */
bool ui_too_small(void);

int ui_attr(enum ui_color c); /* COLOR_PAIR or a monochrome fallback */
void ui_clear(void);
void ui_title(const char *left, const char *right);
/* The help line at the bottom. */
void ui_keys(const char *help);
/* Draw text wrapped at word boundaries into width columns from (y, x),
 * skipping the first skip lines, at most max lines; when the text goes on
 * past them, the last line drawn ends with an ellipsis. Returns the number
 * of lines the whole text needs. */
int ui_wrap(int y, int x, int width, int skip, int max, const char *text, int attr);
/* The one rule for cut text (issue 20 #19): how many of the len bytes
 * of text to draw in width columns, counted in characters' columns (UTF-8,
 * wide characters), never splitting one. When text does not fit, or more
 * says something follows it that will not be drawn, *ellipsis is set and
 * the bytes returned leave one column for the "…". */
size_t ui_cut(const char *text, size_t len, int width, bool more, bool *ellipsis);
/* Text cut to width columns (with an ellipsis: ui_cut). */
void ui_text(int y, int x, int width, const char *text, int attr);
void ui_fill(int y, int x, int width, const char *glyph, int attr);
void ui_bar(int y, int x, int width, double frac, int attr);
/* Five rows tall M:SS. */
void ui_big_clock(int y, int x, double seconds, int attr);
void ui_box(int y, int x, int h, int w, const char *title, int attr);
/* A one-line sparkline of values (0..max) over width columns. */
void ui_sparkline(int y, int x, int width, const double *v, size_t n, double max, int attr);

/* The screen driver.
 *
 * A screen is a struct ui_screen, embedded as the first member of the
 * screen's own state, and a table of callbacks. ui_run() is the only loop:
 * it stops on a signal, shows "terminal too small", draws the top screen
 * and its help line, waits for a key and hands it to the screen's key
 * table. Callbacks never call each other's screens: they return an action
 * (stay, push a new screen, replace this one, or pop with a result) and
 * the driver does it, giving the result to the screen below (resume). */
struct ui_screen;

enum ui_verb { UI_STAY, UI_PUSH, UI_REPLACE, UI_POP };
struct ui_action {
	enum ui_verb verb;
	struct ui_screen *next; /* PUSH, REPLACE (NULL: stay) */
	int result;		/* POP: handed to the screen below */
};

#define UI_MAX_KEYS 8
/* One row of a key table: the keys, their help text (NULL: not shown),
 * what they do (NULL: pop the screen with result), and when they apply
 * (NULL: always; false: the keys are ignored and the help is hidden). A
 * table ends with a row of no keys. The help line is these texts joined
 * by " · ", in table order. */
struct ui_binding {
	int keys[UI_MAX_KEYS]; /* 0-terminated */
	const char *help;
	struct ui_action (*fn)(void *self, int key);
	bool (*when)(void *self);
	int result;
};
#define UI_END_KEYS {{0}, NULL, NULL, NULL, 0}

struct ui_screen_ops {
	/* Draw everything but the help line (NULL: a flow that is never shown,
	 * only pushes others from enter and resume). */
	void (*draw)(void *self);
	/* Before each draw: clocks, audio polling. NULL: nothing. */
	struct ui_action (*tick)(void *self);
	/* Just pushed. NULL: nothing. */
	struct ui_action (*enter)(void *self);
	/* The screen above popped with result. NULL: stay. */
	struct ui_action (*resume)(void *self, int result);
	/* A key no row of the table took (NULL: ignored). */
	struct ui_action (*other_key)(void *self, int key);
	/* Free the screen and its state, also on a signal (then
	 * interrupted() is true). Required. */
	void (*done)(void *self);
	/* Drawn over the screen below it, which is drawn first. */
	bool overlay;
};

struct ui_screen {
	const struct ui_screen_ops *ops;
	const struct ui_binding *keys; /* the current table; may change */
	int tick_ms;		       /* how long to wait for a key */
	bool dirty; /* set by the driver on a key, a resize or a return */
};

static inline struct ui_action ui_stay(void)
{
	return (struct ui_action){UI_STAY, NULL, 0};
}
static inline struct ui_action ui_push(struct ui_screen *next)
{
	return (struct ui_action){UI_PUSH, next, 0};
}
static inline struct ui_action ui_replace(struct ui_screen *next)
{
	return (struct ui_action){UI_REPLACE, next, 0};
}
static inline struct ui_action ui_pop(int result)
{
	return (struct ui_action){UI_POP, NULL, result};
}
/* Set up the base of a newly allocated screen. */
void ui_screen_init(struct ui_screen *s, const struct ui_screen_ops *ops,
		    const struct ui_binding *keys, int tick_ms);

/* Run screens until the first one pops (returns its result) or a signal
 * arrives (interrupted() is then true; every screen's done has run). */
int ui_run(struct ui_screen *first);

/* The help screen for screen of: its keys as its table has them now
 * (ui_run pushes it on `?` where no row takes `?`), and a STAR primer. */
struct ui_screen *ui_help(struct ui_screen *of);

/* A question on the bottom line over the current screen; pops with the
 * key pressed, one of keys, or 27 for Esc. */
struct ui_screen *ui_prompt(const char *question, const char *keys);

#endif
