/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_bank_common.h - shared by the bank harnesses: the input as the
 * loader would pass it (a C string that passed the encoding check), and a
 * bank that already holds the bundled categories. */
#ifndef FUZZ_BANK_COMMON_H
#define FUZZ_BANK_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rehearse/bank.h"
#include "rehearse/bank_tools.h"
#include "rehearse/util.h"

/* NULL when the loader would have refused the bytes before parsing. */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
	if (memchr(data, 0, size) || !utf8_valid((const char *)data, size))
		return NULL;
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	return text;
}

static const char bundled_categories[] =
#include "categories.inc"
	;

static inline void fuzz_bank_with_categories(struct bank *b)
{
	char errbuf[ERRBUF_SIZE];
	memset(b, 0, sizeof *b);
	b->dir = xstrdup("fuzz");
	if (bank_parse_categories(b, "categories.txt", bundled_categories, errbuf) != 0)
		abort(); /* the bundled file must parse */
}

/* Use what was parsed the way the commands do. */
static inline void fuzz_bank_use(const struct bank *b)
{
	static FILE *null;
	if (!null)
		null = fopen("/dev/null", "w");
	struct pace_basis pace = pace_basis_steady(90);
	bank_check_warnings(b, &pace, null);
	bank_print_coverage(b, &pace, null);
}

#endif
