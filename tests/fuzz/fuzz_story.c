/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_story.c - libFuzzer: one stories/ID.md against the bundled
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
	if (bank_parse_story(&b, "stories/fuzz.md", "fuzz", text, errbuf) == 0) {
		fuzz_bank_use(&b);
		if (bank_story(&b, "fuzz") == NULL)
			abort(); /* a parsed story can be found by its id */
		/* What `bank new` writes from this title must parse again once
		 * its categories placeholder is filled in. */
		char *tmpl = bank_story_template(&b, b.stories[0].title);
		static const char placeholder[] = "\ncategories: TODO\n";
		char *todo = tmpl ? strstr(tmpl, placeholder) : NULL;
		if (todo) {
			char *filled = xasprintf("%.*s\ncategories: %s\n%s", (int)(todo - tmpl), tmpl,
						 b.cats[0].name, todo + strlen(placeholder));
			free(tmpl);
			tmpl = filled;
		}
		/* In a bank of its own: two stories may not share a title. */
		struct bank fresh;
		fuzz_bank_with_categories(&fresh);
		if (tmpl && bank_parse_story(&fresh, "stories/again.md", "again", tmpl, errbuf) != 0) {
			fprintf(stderr, "template does not parse: %s\n", errbuf);
			abort();
		}
		bank_free(&fresh);
		free(tmpl);
	}
	bank_free(&b);
	free(text);
	return 0;
}
