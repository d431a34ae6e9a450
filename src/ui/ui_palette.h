/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_palette.h - the colour pairs, as data, so a unit test can check each
 * one's contrast on a dark and on a light terminal (tests/unit/
 * test_palette.c). Colours are xterm numbers: 0-7 the basic ones, 16-255
 * the 256-colour cube and greys; -1 is the terminal's own default.
 *
 * A pair with a background of its own is readable on any terminal when
 * its two colours contrast. A pair drawn on the terminal's background
 * must read on black and on white alike: of the basic colours only red
 * and magenta do (blue vanishes on black, yellow, cyan and green on
 * white), so with 256 colours the text colours are mid-tones that do
 * (green 28, orange 130, red 196, teal 30, grey 243), and with 8 the
 * others get a black background of their own. */
#ifndef REHEARSE_UI_PALETTE_H
#define REHEARSE_UI_PALETTE_H

struct ui_pair_spec {
	int pair;	/* enum ui_color */
	short fg, bg;	/* xterm colour numbers; -1: the terminal's default */
};

/* enum ui_color order: TITLE, OK, WARN, URGENT, DIM, ACCENT, REC, S, T, A, R, SEL. */
#define UI_PAIRS_BACKGROUNDS                                                                 \
	{1, 0, 6},    /* title, help line: black on cyan */                                     \
	{7, 7, 1},    /* REC: white on red (bold) */                                            \
	{8, 7, 4},    /* S: white on blue (black on blue is unreadable) */                      \
	{9, 0, 5},    /* T: black on magenta */                                                 \
	{10, 0, 2},   /* A: black on green */                                                   \
	{11, 0, 3},   /* R: black on yellow */                                                  \
	{12, 0, 7}    /* the selection: black on white */

static const struct ui_pair_spec ui_pairs_256[] = {
	UI_PAIRS_BACKGROUNDS,
	{2, 28, -1},  /* ok: green */
	{3, 130, -1}, /* warn: orange */
	{4, 196, -1}, /* urgent: red */
	{5, 243, -1}, /* dim: mid grey */
	{6, 30, -1},  /* accent: teal */
};

static const struct ui_pair_spec ui_pairs_8[] = {
	UI_PAIRS_BACKGROUNDS,
	{2, 2, 0},  /* ok: green on black */
	{3, 3, 0},  /* warn: yellow on black */
	{4, 1, -1}, /* urgent: red (drawn bold) */
	{5, -1, -1}, /* dim: the terminal's own colours */
	{6, 6, 0},  /* accent: cyan on black */
};

#define UI_PAIRS_COUNT(t) (sizeof(t) / sizeof((t)[0]))

#endif
