/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_palette.c - every colour pair of the screens reads on a dark and on
 * a light terminal (issue 11, item 8): WCAG contrast of each pair, with
 * the terminal's default background taken as black and as white. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>

#include "../../src/ui/ui_palette.h"
#include "rehearse/util.h"
#include "test.h"

/* xterm's colours: the 16 basic ones, the 6x6x6 cube and the greys. */
static void xterm_rgb(int i, double rgb[3])
{
	static const int basic[8][3] = {{0, 0, 0},     {205, 0, 0},   {0, 205, 0},
					{205, 205, 0}, {0, 0, 238},   {205, 0, 205},
					{0, 205, 205}, {229, 229, 229}};
	static const int level[6] = {0, 95, 135, 175, 215, 255};
	int v[3];
	if (i < 8) {
		for (int k = 0; k < 3; k++)
			v[k] = basic[i][k];
	} else if (i >= 232) {
		v[0] = v[1] = v[2] = 8 + 10 * (i - 232);
	} else {
		v[0] = level[(i - 16) / 36], v[1] = level[(i - 16) / 6 % 6], v[2] = level[(i - 16) % 6];
	}
	for (int k = 0; k < 3; k++)
		rgb[k] = v[k] / 255.0;
}

static double luminance(const double rgb[3])
{
	double lin[3];
	for (int k = 0; k < 3; k++)
		lin[k] = rgb[k] <= 0.03928 ? rgb[k] / 12.92 : pow((rgb[k] + 0.055) / 1.055, 2.4);
	return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
}

static double contrast(double a, double b)
{
	return a > b ? (a + 0.05) / (b + 0.05) : (b + 0.05) / (a + 0.05);
}

/* A colour, with -1 the terminal's default: its foreground is white on a
 * dark terminal and black on a light one, its background the reverse. */
static double lum(int c, bool dark, bool is_fg)
{
	if (c < 0)
		return (dark == is_fg) ? 1.0 : 0.0;
	double rgb[3];
	xterm_rgb(c, rgb);
	return luminance(rgb);
}

#define MIN_CONTRAST 3.5 /* WCAG asks 3:1 for bold and large text; we ask more */

static void check_table(const struct ui_pair_spec *t, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		for (int dark = 0; dark < 2; dark++) {
			double c = contrast(lum(t[i].fg, dark, true), lum(t[i].bg, dark, false));
			if (c < MIN_CONTRAST) {
				char what[96];
				snprintf(what, sizeof what, "%s pair %d on a %s terminal: %.2f", name,
					 t[i].pair, dark ? "dark" : "light", c);
				CHECK_STR(what, "(contrast of 3.5 or more)");
			}
		}
}

static void every_pair_reads_on_dark_and_light(void)
{
	check_table(ui_pairs_256, UI_PAIRS_COUNT(ui_pairs_256), "256-colour");
	check_table(ui_pairs_8, UI_PAIRS_COUNT(ui_pairs_8), "8-colour");
	/* The check can fail: the old dim pair, blue on the default background. */
	struct ui_pair_spec old_dim = {5, 4, -1};
	CHECK(contrast(lum(old_dim.fg, true, true), lum(old_dim.bg, true, false)) < MIN_CONTRAST);
	/* Every pair 1..12 is defined in both tables. */
	for (int p = 1; p <= 12; p++) {
		int seen = 0;
		for (size_t i = 0; i < UI_PAIRS_COUNT(ui_pairs_256); i++)
			seen += ui_pairs_256[i].pair == p;
		for (size_t i = 0; i < UI_PAIRS_COUNT(ui_pairs_8); i++)
			seen += ui_pairs_8[i].pair == p;
		CHECK_INT(seen, 2);
	}
}

const struct test_case palette_cases[] = {
	TEST(every_pair_reads_on_dark_and_light),
};
const size_t palette_count = ARRAY_SIZE(palette_cases);
