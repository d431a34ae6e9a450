/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_questions.c - libFuzzer: questions.txt against the bundled
 * categories. */
#include "fuzz_bank_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	if (!text)
		return 0;
	struct bank b;
	char errbuf[ERRBUF_SIZE];
	fuzz_bank_with_categories(&b);
	if (bank_parse_questions(&b, "questions.txt", text, errbuf) == 0) {
		fuzz_bank_use(&b);
		for (size_t i = 0; i < b.nqs; i++)
			if (bank_question(&b, b.qs[i].id) == NULL)
				abort(); /* every parsed question can be found by its id */
	}
	bank_free(&b);
	free(text);
	return 0;
}
