/* ui.h - the ncurses layer shared by every screen: start-up and tear-down,
 * signals, colours, and drawing helpers. Screens draw from their own state
 * and call into the engine, store and audio layers; nothing below the
 * screens draws. */
#ifndef REHEARSE_UI_H
#define REHEARSE_UI_H

#include <signal.h>
#include <stdbool.h>

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

/* The last of SIGINT, SIGTERM or SIGHUP received (0: none). Handlers only
 * set it; the screens act on it. */
extern volatile sig_atomic_t ui_signal;
/* Install the handlers (and ignore SIGPIPE, and SIGXFSZ so a file-size
 * limit shows up as a failed write instead of killing the process). */
void ui_install_signals(void);

/* Start the screen; stderr goes to log_path while it is up. */
int ui_start(const char *log_path);
void ui_stop(void);
bool ui_active(void);

/* Wait up to timeout_ms for a key (ERR if none). */
int ui_key(int timeout_ms);
/* Below the minimum size, draw a notice and return true. */
bool ui_too_small(void);

int ui_attr(enum ui_color c); /* COLOR_PAIR or a monochrome fallback */
void ui_clear(void);
void ui_title(const char *left, const char *right);
void ui_keys(const char *help);
/* Draw text wrapped at word boundaries into width columns from (y, x),
 * skipping the first skip lines, at most max lines. Returns the number of
 * lines the whole text needs. */
int ui_wrap(int y, int x, int width, int skip, int max, const char *text, int attr);
/* Text cut to width columns (with an ellipsis). */
void ui_text(int y, int x, int width, const char *text, int attr);
void ui_fill(int y, int x, int width, const char *glyph, int attr);
void ui_bar(int y, int x, int width, double frac, int attr);
/* Five rows tall M:SS. */
void ui_big_clock(int y, int x, double seconds, int attr);
void ui_box(int y, int x, int h, int w, const char *title, int attr);
/* A one-line sparkline of values (0..max) over width columns. */
void ui_sparkline(int y, int x, int width, const double *v, size_t n, double max, int attr);
/* Ask a yes/no style question on the bottom line; returns the key. */
int ui_prompt(const char *question, const char *keys);

#endif
