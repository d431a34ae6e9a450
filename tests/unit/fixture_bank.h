/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fixture_bank.h - a small bank built from strings, so engine tests do
 * not depend on the bundled bank's wording. */
#ifndef REHEARSE_FIXTURE_BANK_H
#define REHEARSE_FIXTURE_BANK_H

#include <stdio.h>
#include <string.h>

#include "rehearse/bank.h"

static const char fixture_categories[] =
	"[leadership]\n[conflict]\ntarget: S+T <= 20%\n[failure]\ntarget: A+R >= 70%\n"
	"[achievement]\n[collaboration]\n[adaptability]\n[communication]\n";

/* Three questions per category, mixed levels. */
static const char fixture_questions[] =
	"l1 | leadership | any | L one\nl2 | leadership | senior | L two\n"
	"l3 | leadership, communication | junior | L three\n"
	"c1 | conflict | any | C one\nc2 | conflict, collaboration | senior | C two\n"
	"c3 | conflict | junior | C three\n"
	"f1 | failure | any | F one\nf2 | failure | senior | F two\nf3 | failure | junior | F three\n"
	"a1 | achievement | any | A one\na2 | achievement | senior | A two\n"
	"a3 | achievement | junior | A three\n"
	"o1 | collaboration | any | O one\no2 | collaboration | senior | O two\n"
	"o3 | collaboration | junior | O three\n"
	"d1 | adaptability | any | D one\nd2 | adaptability | senior | D two\n"
	"d3 | adaptability | junior | D three\n"
	"m1 | communication | any | M one\nm2 | communication | senior | M two\n"
	"m3 | communication | junior | M three\n";

#define STAR_BODY "\n## Situation\ns\n## Task\nt\n## Action\na\n## Result\nr\n"

static inline int fixture_story(struct bank *b, const char *id, const char *header,
				char *errbuf)
{
	char text[2048];
	snprintf(text, sizeof text, "# Story %s\n%s%s", id, header, STAR_BODY);
	return bank_parse_story(b, "fixture.md", id, text, errbuf);
}

/* Stories: "strong" covers conflict+leadership+failure (strength 5);
 * "named" covers achievement and names c3; "weak" covers conflict
 * (strength 2); moment "idea" covers communication. */
static inline int fixture_bank(struct bank *b)
{
	char errbuf[ERRBUF_SIZE];
	memset(b, 0, sizeof *b);
	b->dir = xstrdup("fixture");
	if (bank_parse_categories(b, "c", fixture_categories, errbuf) ||
	    bank_parse_questions(b, "q", fixture_questions, errbuf) ||
	    fixture_story(b, "strong",
			  "categories: conflict, leadership, failure\nstrength: 5\n"
			  "angle conflict: keep the clash short\n",
			  errbuf) ||
	    fixture_story(b, "named", "categories: achievement\nstrength: 1\nquestions: c3\n",
			  errbuf) ||
	    fixture_story(b, "weak", "categories: conflict, collaboration\nstrength: 2\n",
			  errbuf) ||
	    bank_parse_story(b, "idea.md", "idea",
			     "# Idea\ncategories: communication\nstrength: 3\n", errbuf)) {
		fprintf(stderr, "fixture bank: %s\n", errbuf);
		return -1;
	}
	return 0;
}

#endif
