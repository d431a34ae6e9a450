/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bank.h - the prompt bank: categories, questions and stories, loaded from
 * plain-text files a person can edit (see prompts/README.md for the format).
 *
 * bank_load() either returns a consistent bank or fails with the first
 * message of the form "FILE:LINE: what is wrong" (b->problems, kept on
 * failure until bank_free, lists every one: each bad line of
 * questions.txt, and each bad field line of categories.txt). A story file with a mistake
 * is left out of the bank and named in b->problems; the rest loads. It never crashes on any
 * input; files larger than BANK_MAX_FILE bytes are refused. */
#ifndef REHEARSE_BANK_H
#define REHEARSE_BANK_H

#include <stdbool.h>
#include <stddef.h>

#include "rehearse/util.h"

#define BANK_MAX_FILE (256 * 1024)
#define BANK_MAX_CATEGORIES 32

enum star { STAR_S, STAR_T, STAR_A, STAR_R, STAR_COUNT };
extern const char *const star_names[STAR_COUNT]; /* "Situation", ... */

/* "Situation+Task at most 20% of the marked time", as data. */
struct shape_target {
	unsigned sections; /* bit (1 << enum star) for each section summed */
	bool at_most;	   /* true: share <= percent; false: share >= percent */
	double percent;
};

#define MAX_TARGETS 4
/* A follow-up is one question read aloud after the answer: a line, not a
 * paragraph (in characters, utf8_width, after trimming). */
#define BANK_MAX_FOLLOW_UP 200
struct category {
	char *name;
	char *coach;
	struct strvec checks; /* self-critique checklist items */
	/* "follow-up:" lines: what a round's interviewer may ask after an
	 * answer of this category (none: no follow-up). */
	struct strvec follow_ups;
	struct shape_target targets[MAX_TARGETS];
	int ntargets;
};

enum level { LEVEL_ANY, LEVEL_JUNIOR, LEVEL_SENIOR };
const char *level_name(enum level l);
int level_parse(const char *s, enum level *out); /* 0 or -1 */

typedef unsigned catmask; /* bit i: the bank's category i */

struct question {
	char *id;
	catmask cats;
	int first_cat; /* the first category listed: the question's main one */
	enum level level;
	char *text;
	int line;
};

struct story {
	char *id; /* file name without .md */
	char *path;
	char *title;
	catmask cats;
	int strength; /* 1..5 */
	enum level level; /* "level:": whose career it comes from (LEVEL_ANY: not said) */
	struct strvec question_ids;     /* "questions:": shown first for these */
	struct strvec not_question_ids; /* "not-questions:": never shown for these */
	char *angle[BANK_MAX_CATEGORIES]; /* per category, may be NULL */
	char *star[STAR_COUNT];		  /* all NULL for a moment */
	int words;			  /* words across the STAR sections */
	bool is_moment;
};

struct bank {
	char *dir;
	struct category *cats;
	size_t ncats, capcats;
	struct question *qs;
	size_t nqs, capqs;
	struct story *stories;
	size_t nstories, capstories;
	/* "file:line: message" for each problem found: a story file left out
	 * (the bank loads without it), or each bad line of questions.txt. */
	struct strvec problems;
};

/* Load DIR/categories.txt, DIR/questions.txt and DIR/stories/ *.md.
 * Returns 0 (broken stories aside, see problems), or -1 with the first
 * "file:line: message" in errbuf (ERRBUF_SIZE). */
int bank_load(struct bank *b, const char *dir, char *errbuf);
void bank_free(struct bank *b);
/* Every problem of the bank in DIR, in one run (for `bank check`): what
 * bank_load would fail with, each bad line of questions.txt and each story
 * file left out. Appends to out; returns how many there are. */
int bank_problems(const char *dir, struct strvec *out);

/* Parse single files into a bank that already holds what they refer to;
 * exposed so the tests can feed one broken file at a time. */
int bank_parse_categories(struct bank *b, const char *path, const char *text, char *errbuf);
int bank_parse_questions(struct bank *b, const char *path, const char *text, char *errbuf);
int bank_parse_story(struct bank *b, const char *path, const char *id, const char *text,
		     char *errbuf);

int bank_category_index(const struct bank *b, const char *name); /* -1 if none */
const struct question *bank_question(const struct bank *b, const char *id);
const struct story *bank_story(const struct bank *b, const char *id_or_title);
/* "Did you mean": the category, question id or story id nearest to word
 * when it looks like a slip of the keys (edit_distance at most a quarter of
 * its length, at least 1), else NULL. */
enum bank_name_kind { BANK_CATEGORY, BANK_QUESTION, BANK_STORY };
const char *bank_suggest(const struct bank *b, enum bank_name_kind kind, const char *word);
/* What to say after "no category 'NAME'": "did you mean 'conflict'?" when
 * one is near, else "the categories are: leadership, ...". Returns buf. */
const char *bank_category_hint(const struct bank *b, const char *name, char *buf, size_t n);
int catmask_count(catmask m);
/* "conflict, leadership" for a mask; returns buf. */
char *catmask_format(const struct bank *b, catmask m, char *buf, size_t n);

/* A title `bank new` may write: valid UTF-8, one line without control
 * characters, not blank, at most BANK_MAX_TITLE bytes. 0, or -1 with the
 * reason in errbuf (no file name: nothing has been written). */
#define BANK_MAX_TITLE 200
int bank_check_title(const char *title, char *errbuf);

/* Text of a new STAR template for `bank new`. Caller frees. NULL when
 * bank_check_title refuses the title. */
char *bank_story_template(const struct bank *b, const char *title);

#endif
