/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_categories.c - libFuzzer: categories.txt. */
#include "fuzz_bank_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	if (!text)
		return 0;
	struct bank b = {0};
	char errbuf[ERRBUF_SIZE];
	b.dir = xstrdup("fuzz");
	if (bank_parse_categories(&b, "categories.txt", text, errbuf) == 0)
		fuzz_bank_use(&b);
	bank_free(&b);
	free(text);
	return 0;
}
