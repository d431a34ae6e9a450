/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_categories.c - libFuzzer: categories.txt. */
#include "fuzz_bank_common.h"
#include "rehearse/engine.h"

/* A round's follow-ups, one pick per category (told as itself). */
static void use_follow_ups(const struct bank *b, uint64_t seed)
{
	struct pick picks[BANK_MAX_CATEGORIES] = {{0}};
	for (size_t c = 0; c < b->ncats; c++)
		picks[c].match.category = (int)c;
	struct rng r;
	rng_seed(&r, seed);
	engine_follow_ups(b, &r, picks, b->ncats);
	for (size_t c = 0; c < b->ncats; c++)
		if (picks[c].follow_up && !strvec_has(&b->cats[c].follow_ups, picks[c].follow_up))
			abort(); /* a follow-up of another category */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	if (!text)
		return 0;
	struct bank b = {0};
	char errbuf[ERRBUF_SIZE];
	b.dir = xstrdup("fuzz");
	if (bank_parse_categories(&b, "categories.txt", text, errbuf) == 0) {
		fuzz_bank_use(&b);
		use_follow_ups(&b, size);
	}
	bank_free(&b);
	free(text);
	return 0;
}
