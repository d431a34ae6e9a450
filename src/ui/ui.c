/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui.c - see ui.h. */
#include "ui.h"

#include <curses.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h> /* setupterm */
#include <unistd.h>
#include <wchar.h>

#include "rehearse/util.h"
#include "ui_palette.h"

static bool started, colors;
static SCREEN *screen;
static int saved_stderr = -1;

static void redirect_stderr(const char *log_path)
{
	fflush(stderr);
	saved_stderr = dup(STDERR_FILENO);
	int fd = log_path ? open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0600) : -1;
	if (fd < 0)
		fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		dup2(fd, STDERR_FILENO);
		close(fd);
	}
}

static void restore_stderr(void)
{
	if (saved_stderr < 0)
		return;
	fflush(stderr);
	dup2(saved_stderr, STDERR_FILENO);
	close(saved_stderr);
	saved_stderr = -1;
}

/* The pairs of ui_palette.h: the 256-colour ones where the terminal has
 * them, else the 8-colour ones. */
static void init_palette(void)
{
	start_color();
	use_default_colors();
	bool rich = COLORS >= 256;
	const struct ui_pair_spec *t = rich ? ui_pairs_256 : ui_pairs_8;
	size_t n = rich ? UI_PAIRS_COUNT(ui_pairs_256) : UI_PAIRS_COUNT(ui_pairs_8);
	for (size_t i = 0; i < n; i++)
		init_pair((short)t[i].pair, t[i].fg, t[i].bg);
}

int ui_start(const char *log_path, bool color)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return error("the screens need a terminal; try --dry-run, or run it in one");
	/* ncurses would write its own complaints to stderr: check first. */
	const char *term = getenv("TERM");
	if (!term || !*term || !strcmp(term, "dumb"))
		return error("TERM is not set to a terminal ncurses can drive");
	/* An unknown TERM: newterm would fail too, but keeps what it set up
	 * (ncurses' pre-screen, which nothing can free); setupterm does not. */
	int found = 0;
	if (setupterm(term, STDOUT_FILENO, &found) != OK)
		return error("TERM=%s: no such terminal in the terminfo database (try "
			     "TERM=xterm-256color)",
			     term);
	del_curterm(cur_term);
	redirect_stderr(log_path);
	screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		restore_stderr();
		return error("cannot start the screen for TERM=%s", term);
	}
	started = true;
	cbreak(); /* Ctrl-C still raises SIGINT, which we handle */
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	colors = has_colors() && color;
	if (colors)
		init_palette();
	return 0;
}

void ui_stop(void)
{
	if (!started)
		return;
	endwin();
	delscreen(screen);
	screen = NULL;
	started = false;
	restore_stderr();
}

bool ui_too_small(void)
{
	if (COLS >= UI_MIN_COLS && LINES >= UI_MIN_ROWS)
		return false;
	erase();
	char msg[96];
	snprintf(msg, sizeof msg, "terminal too small: %dx%d, rehearse needs %dx%d", COLS, LINES,
		 UI_MIN_COLS, UI_MIN_ROWS);
	/* Wrapped to the terminal, however small (issue 20 #8): the size
	 * needed is the part that must show, so it alone when all cannot. */
	int rows = ui_wrap(0, 0, COLS, 0, 0, msg, A_NORMAL);
	if (rows > LINES || COLS < 12) {
		snprintf(msg, sizeof msg, "need %dx%d", UI_MIN_COLS, UI_MIN_ROWS);
		rows = ui_wrap(0, 0, COLS, 0, 0, msg, A_NORMAL);
	}
	int y = (LINES - rows) / 2;
	ui_wrap(y > 0 ? y : 0, 0, COLS, 0, LINES, msg, A_NORMAL);
	refresh();
	return true;
}

int ui_attr(enum ui_color c)
{
	if (colors)
		return (int)COLOR_PAIR(c) | (c == C_TITLE || c == C_REC || c == C_URGENT ? A_BOLD : 0);
	switch (c) {
	case C_TITLE:
	case C_REC:
	case C_SEL:
	case C_S:
	case C_T:
	case C_A:
	case C_R:
		return A_REVERSE;
	case C_URGENT:
	case C_WARN:
		return A_BOLD;
	case C_DIM:
		return A_DIM;
	default:
		return A_NORMAL;
	}
}

void ui_clear(void)
{
	erase();
}

/* Bytes of the first n of s that fit in width columns (a byte that is
 * not a character counts one column, so bad UTF-8 still ends). */
static size_t fit(const char *s, size_t n, int width, int *used)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t i = 0;
	int w = 0;
	while (i < n) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s + i, n - i, &st);
		int cw = 1;
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&st, 0, sizeof st);
			k = 1;
		} else {
			cw = wcwidth(wc);
			if (cw < 0)
				cw = 0;
		}
		if (w + cw > width)
			break;
		w += cw;
		i += k;
	}
	if (used)
		*used = w;
	return i;
}

size_t ui_cut(const char *text, size_t len, int width, bool more, bool *ellipsis)
{
	*ellipsis = false;
	if (width <= 0)
		return 0;
	size_t k = fit(text, len, width, NULL);
	if ((k < len || more) && width > 1) {
		*ellipsis = true;
		k = fit(text, len, width - 1, NULL);
	}
	return k;
}

void ui_text(int y, int x, int width, const char *text, int attr)
{
	if (width <= 0 || y < 0 || y >= LINES)
		return;
	attron(attr);
	bool dots;
	size_t k = ui_cut(text, strlen(text), width, false, &dots);
	mvaddnstr(y, x, text, (int)k);
	if (dots)
		addstr("…");
	attroff(attr);
}

void ui_fill(int y, int x, int width, const char *glyph, int attr)
{
	attron(attr);
	move(y, x);
	for (int i = 0; i < width; i++)
		addstr(glyph);
	attroff(attr);
}

void ui_title(const char *left, const char *right)
{
	/* The left side gets what the right one leaves (the right one at most
	 * half the line), so a short right side never cuts the left. */
	int a = ui_attr(C_TITLE);
	ui_fill(0, 0, COLS, " ", a);
	int w = utf8_width(right);
	if (w > COLS / 2 - 2)
		w = COLS / 2 - 2;
	ui_text(0, 1, COLS - w - 3, left, a);
	ui_text(0, COLS - w - 1, w, right, a);
}

void ui_keys(const char *help)
{
	int a = ui_attr(C_TITLE);
	ui_fill(LINES - 1, 0, COLS, " ", a);
	ui_text(LINES - 1, 1, COLS - 2, help, a);
}

/* One line of a wrapped text, n bytes of p; with more (the text goes on
 * past the rows given), ended with " …" after the last word that leaves
 * room for it, or, for a single word too long for that, "…" in place of
 * what it covers (ui_cut). */
static void wrapped_line(int y, int x, int width, const char *p, size_t n, bool more, int attr)
{
	size_t k = n;
	bool dots = false;
	const char *tail = "";
	if (more) {
		k = fit(p, n, width - 2, NULL);
		size_t word = k;
		if (k < n)
			while (word > 0 && p[word] != ' ')
				word--;
		if (word > 0) {
			k = word;
			tail = " …";
		} else {
			k = ui_cut(p, n, width, true, &dots);
		}
	}
	attron(attr);
	mvaddnstr(y, x, p, (int)k);
	addstr(dots ? "…" : tail);
	attroff(attr);
}

/* Anything but blanks left in p. */
static bool text_left(const char *p)
{
	return p[strspn(p, " \n")] != '\0';
}

int ui_wrap(int y, int x, int width, int skip, int max, const char *text, int attr)
{
	int line = 0;
	const char *p = text;
	while (*p) {
		if (*p == '\n') {
			p++;
			line++;
			continue;
		}
		while (*p == ' ')
			p++;
		/* Take as many words as fit. */
		const char *end = p, *cut = NULL;
		size_t fits = fit(p, strlen(p), width, NULL);
		const char *nl = strchr(p, '\n');
		size_t lim = nl ? (size_t)(nl - p) : strlen(p);
		if (fits >= lim) {
			cut = p + lim;
		} else {
			for (end = p + fits; end > p && *end != ' '; end--)
				;
			cut = end > p ? end : p + (fits ? fits : 1);
		}
		int row = line - skip;
		if (row >= 0 && row < max)
			wrapped_line(y + row, x, width, p, (size_t)(cut - p),
				     row == max - 1 && text_left(cut), attr);
		line++;
		p = cut;
		if (*p == '\n')
			p++;
	}
	return line;
}

void ui_bar(int y, int x, int width, double frac, int attr)
{
	if (frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	int full = (int)(frac * width * 8 + 0.5);
	static const char *const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
	move(y, x);
	attron(attr);
	for (int i = 0; i < width; i++) {
		int cell = full - i * 8;
		addstr(cell >= 8 ? "█" : cell > 0 ? eighths[cell] : " ");
	}
	attroff(attr);
	attron(ui_attr(C_DIM));
	for (int i = 0; i < width; i++)
		if (full - i * 8 <= 0)
			mvaddstr(y, x + i, "·");
	attroff(ui_attr(C_DIM));
}

static const char *const font[11][5] = {
	{"███", "█ █", "█ █", "█ █", "███"}, {" █ ", "██ ", " █ ", " █ ", "███"},
	{"███", "  █", "███", "█  ", "███"}, {"███", "  █", "███", "  █", "███"},
	{"█ █", "█ █", "███", "  █", "  █"}, {"███", "█  ", "███", "  █", "███"},
	{"███", "█  ", "███", "█ █", "███"}, {"███", "  █", "  █", "  █", "  █"},
	{"███", "█ █", "███", "█ █", "███"}, {"███", "█ █", "███", "  █", "███"},
	{"   ", " █ ", "   ", " █ ", "   "},
};

void ui_big_clock(int y, int x, double seconds, int attr)
{
	char t[16];
	format_mmss(seconds < 0 ? -seconds : seconds, t, sizeof t);
	attron(attr);
	for (int row = 0; row < 5; row++) {
		move(y + row, x);
		for (const char *c = t; *c; c++) {
			int g = *c == ':' ? 10 : *c - '0';
			if (g < 0 || g > 10)
				continue;
			addstr(font[g][row]);
			addstr(" ");
		}
	}
	attroff(attr);
}

void ui_box(int y, int x, int h, int w, const char *title, int attr)
{
	attron(attr);
	mvaddstr(y, x, "┌");
	mvaddstr(y, x + w - 1, "┐");
	mvaddstr(y + h - 1, x, "└");
	mvaddstr(y + h - 1, x + w - 1, "┘");
	for (int i = 1; i < w - 1; i++) {
		mvaddstr(y, x + i, "─");
		mvaddstr(y + h - 1, x + i, "─");
	}
	for (int r = 1; r < h - 1; r++) {
		mvaddstr(y + r, x, "│");
		mvaddstr(y + r, x + w - 1, "│");
	}
	attroff(attr);
	if (title && *title) {
		char t[512];
		snprintf(t, sizeof t, " %s ", title);
		ui_text(y, x + 2, w - 4, t, A_BOLD);
	}
}

void ui_sparkline(int y, int x, int width, const double *v, size_t n, double max, int attr)
{
	static const char *const ticks[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
	if (n == 0 || width <= 0 || max <= 0)
		return;
	attron(attr);
	for (int i = 0; i < width; i++) {
		size_t lo = (size_t)i * n / (size_t)width, hi = (size_t)(i + 1) * n / (size_t)width;
		if (hi <= lo)
			hi = lo + 1;
		double s = 0;
		for (size_t k = lo; k < hi && k < n; k++)
			s += v[k];
		s /= (double)(hi - lo);
		int t = (int)(s / max * 7.99);
		mvaddstr(y, x + i, ticks[t < 0 ? 0 : t > 7 ? 7 : t]);
	}
	attroff(attr);
}

int ui_run_editor(const char *path, char *errbuf)
{
	def_prog_mode();
	endwin();
	int rc = run_editor(path, errbuf);
	reset_prog_mode();
	refresh();
	return rc;
}
