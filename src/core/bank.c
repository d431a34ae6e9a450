/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bank.c - the bank on disk and its API: loading a folder (reading each
 * file, checking its encoding, handing it to bank_parse.c), lookups,
 * freeing, and the template of a new story. */
#include "rehearse/bank.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank_parse.h"

const char *const star_names[STAR_COUNT] = {"Situation", "Task", "Action", "Result"};

const char *level_name(enum level l)
{
	switch (l) {
	case LEVEL_JUNIOR:
		return "junior";
	case LEVEL_SENIOR:
		return "senior";
	default:
		return "any";
	}
}

int level_parse(const char *s, enum level *out)
{
	if (!strcmp(s, "any"))
		*out = LEVEL_ANY;
	else if (!strcmp(s, "junior"))
		*out = LEVEL_JUNIOR;
	else if (!strcmp(s, "senior"))
		*out = LEVEL_SENIOR;
	else
		return -1;
	return 0;
}

/* Reject NUL bytes and bad UTF-8, naming the first bad line. */
static int check_encoding(const char *path, const char *text, size_t len, char *errbuf)
{
	int line = 1;
	const char *start = text;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && text[i] == '\0')
			return set_err(errbuf, "%s:%d: file contains a NUL byte", path, line);
		if (i == len || text[i] == '\n') {
			if (!utf8_valid(start, (size_t)(text + i - start)))
				return set_err(errbuf, "%s:%d: invalid UTF-8", path, line);
			line++;
			start = text + i + 1;
		}
	}
	return 0;
}

int bank_category_index(const struct bank *b, const char *name)
{
	for (size_t i = 0; i < b->ncats; i++)
		if (!strcmp(b->cats[i].name, name))
			return (int)i;
	return -1;
}

static const char *bank_name(const struct bank *b, enum bank_name_kind kind, size_t i)
{
	return kind == BANK_CATEGORY ? b->cats[i].name
	       : kind == BANK_QUESTION ? b->qs[i].id
				       : b->stories[i].id;
}

const char *bank_suggest(const struct bank *b, enum bank_name_kind kind, const char *word)
{
	size_t n = kind == BANK_CATEGORY ? b->ncats : kind == BANK_QUESTION ? b->nqs : b->nstories;
	int limit = (int)strlen(word) / 4, best_d = INT_MAX;
	if (limit < 1)
		limit = 1;
	const char *best = NULL;
	for (size_t i = 0; i < n; i++) {
		int d = edit_distance(word, bank_name(b, kind, i));
		if (d <= limit && d < best_d) {
			best_d = d;
			best = bank_name(b, kind, i);
		}
	}
	return best;
}

const char *bank_category_hint(const struct bank *b, const char *name, char *buf, size_t n)
{
	const char *near = bank_suggest(b, BANK_CATEGORY, name);
	if (near) {
		snprintf(buf, n, "did you mean '%s'?", near);
		return buf;
	}
	char list[512];
	catmask all = b->ncats >= 32 ? ~0u : (1u << b->ncats) - 1;
	snprintf(buf, n, "the categories are: %s", catmask_format(b, all, list, sizeof list));
	return buf;
}

int catmask_count(catmask m)
{
	return __builtin_popcount(m);
}

char *catmask_format(const struct bank *b, catmask m, char *buf, size_t n)
{
	buf[0] = '\0';
	size_t used = 0;
	for (size_t i = 0; i < b->ncats && used < n; i++) {
		if (!(m & (1u << i)))
			continue;
		used += (size_t)snprintf(buf + used, n - used, "%s%s", used ? ", " : "",
					 b->cats[i].name);
	}
	return buf;
}

const struct question *bank_question(const struct bank *b, const char *id)
{
	for (size_t i = 0; i < b->nqs; i++)
		if (!strcmp(b->qs[i].id, id))
			return &b->qs[i];
	return NULL;
}

/* Equal but for case, and spaces, hyphens and underscores counting as one
 * separator: "ci pipeline" names ci-pipeline. */
static bool loose_equal(const char *a, const char *b)
{
	for (;; a++, b++) {
		bool sa = *a == ' ' || *a == '-' || *a == '_', sb = *b == ' ' || *b == '-' || *b == '_';
		if (sa && sb)
			continue;
		if (ascii_tolower((unsigned char)*a) != ascii_tolower((unsigned char)*b))
			return false;
		if (!*a)
			return true;
	}
}

const struct story *bank_story(const struct bank *b, const char *key)
{
	for (size_t i = 0; i < b->nstories; i++)
		if (!strcmp(b->stories[i].id, key))
			return &b->stories[i];
	for (size_t i = 0; i < b->nstories; i++)
		if (loose_equal(b->stories[i].id, key) || loose_equal(b->stories[i].title, key))
			return &b->stories[i];
	return NULL;
}

static int load_one(struct bank *b, const char *path, const char *id, char *errbuf,
		    int (*parse)(struct bank *, const char *, const char *, char *),
		    bool is_story)
{
	size_t len;
	char *text = read_file(path, BANK_MAX_FILE, &len, errbuf);
	if (!text)
		return -1;
	char *body = skip_bom(text);
	int rc = check_encoding(path, body, len - (size_t)(body - text), errbuf);
	if (rc == 0)
		rc = is_story ? bank_parse_story(b, path, id, body, errbuf)
			      : parse(b, path, body, errbuf);
	free(text);
	return rc;
}

static int md_filter(const struct dirent *d)
{
	size_t n = strlen(d->d_name);
	return d->d_name[0] != '.' && n > 3 && !strcmp(d->d_name + n - 3, ".md") &&
	       ascii_strcasecmp(d->d_name, "README.md") != 0;
}

/* The file name is the story's id, and reaches WAV names, the terminal
 * and exports: a name with a newline, an escape sequence or bytes that
 * are not UTF-8 is refused, and shown escaped. */
static void refuse_name(struct bank *b, const char *path)
{
	char *shown = printable(path);
	char *msg = xasprintf("%s: a story's file name is its id: letters, digits, - _ . and "
			      "then .md (rename the file)",
			      shown);
	strvec_push(&b->problems, msg);
	free(msg);
	free(shown);
}

static int load_stories(struct bank *b, const char *dir, char *errbuf)
{
	char *sdir = path_join(dir, "stories");
	struct dirent **ents = NULL;
	int n = scandir(sdir, &ents, md_filter, alphasort);
	if (n < 0) {
		int rc = errno == ENOENT ? 0 : set_err(errbuf, "%s: cannot read folder: %s", sdir,
						       strerror(errno));
		free(sdir);
		return rc;
	}
	/* One broken story does not block the others: it is left out and
	 * named in b->problems, for the home screen and `bank check`. */
	for (int i = 0; i < n; i++) {
		char *path = path_join(sdir, ents[i]->d_name);
		char *id = xstrndup(ents[i]->d_name, strlen(ents[i]->d_name) - 3);
		if (!bank_valid_id(id))
			refuse_name(b, path);
		else if (load_one(b, path, id, errbuf, NULL, true) < 0)
			strvec_push(&b->problems, errbuf);
		free(id);
		free(path);
		free(ents[i]);
	}
	free(ents);
	free(sdir);
	return 0;
}

/* bank_load without the clean-up on failure, so the problems can be read. */
static int load_keeping_problems(struct bank *b, const char *dir, char *errbuf)
{
	memset(b, 0, sizeof *b);
	b->dir = xstrdup(dir);
	if (!is_dir(dir))
		return set_err(errbuf, "%s: prompt bank folder not found", dir);
	char *cpath = path_join(dir, "categories.txt");
	char *qpath = path_join(dir, "questions.txt");
	int rc = load_one(b, cpath, NULL, errbuf, bank_parse_categories, false);
	if (rc == 0)
		rc = load_one(b, qpath, NULL, errbuf, bank_parse_questions, false);
	if (rc == 0)
		rc = load_stories(b, dir, errbuf);
	free(cpath);
	free(qpath);
	return rc;
}

int bank_load(struct bank *b, const char *dir, char *errbuf)
{
	if (load_keeping_problems(b, dir, errbuf) == 0)
		return 0;
	bank_free(b);
	return -1;
}

int bank_problems(const char *dir, struct strvec *out)
{
	struct bank b;
	char errbuf[ERRBUF_SIZE];
	int rc = load_keeping_problems(&b, dir, errbuf);
	for (size_t i = 0; i < b.problems.n; i++)
		strvec_push(out, b.problems.v[i]);
	if (rc < 0 && !strvec_has(out, errbuf))
		strvec_push(out, errbuf);
	bank_free(&b);
	return (int)out->n;
}

void bank_free(struct bank *b)
{
	for (size_t i = 0; i < b->ncats; i++) {
		free(b->cats[i].name);
		free(b->cats[i].coach);
		strvec_free(&b->cats[i].checks);
		strvec_free(&b->cats[i].follow_ups);
	}
	for (size_t i = 0; i < b->nqs; i++) {
		free(b->qs[i].id);
		free(b->qs[i].text);
	}
	for (size_t i = 0; i < b->nstories; i++)
		story_free(&b->stories[i]);
	free(b->cats);
	free(b->qs);
	free(b->stories);
	free(b->dir);
	strvec_free(&b->problems);
	memset(b, 0, sizeof *b);
}

int bank_check_title(const char *title, char *errbuf)
{
	size_t n = strlen(title);
	if (!utf8_valid(title, n))
		return set_err(errbuf, "the title is not valid UTF-8");
	bool blank = true;
	for (const unsigned char *p = (const unsigned char *)title; *p; p++) {
		/* A control character (a newline above all) would end the
		 * '# Title' line and let the rest pass for header fields. */
		if (*p < 0x20 || *p == 0x7f)
			return set_err(errbuf, "the title contains a control character "
					       "(a newline or tab, say): give it on one line");
		if (!isspace(*p))
			blank = false;
	}
	if (blank)
		return set_err(errbuf, "the story needs a title");
	if (n > BANK_MAX_TITLE)
		return set_err(errbuf, "the title is too long (%zu bytes, the limit is %d)", n,
			       BANK_MAX_TITLE);
	return 0;
}

/* The categories line is a placeholder that `bank check` flags, so an
 * unedited template never counts as covering a category. */
char *bank_story_template(const struct bank *b, const char *title)
{
	char ignored[ERRBUF_SIZE];
	if (bank_check_title(title, ignored) < 0)
		return NULL;
	char cats[512];
	catmask all = b->ncats >= 32 ? ~0u : (1u << b->ncats) - 1;
	catmask_format(b, all, cats, sizeof cats);
	return xasprintf(
		"# %s\n"
		"<!-- categories: one or more of %s, with commas -->\n"
		"categories: TODO\n"
		"strength: 3\n"
		"<!-- questions: ids from questions.txt this story answers (optional) -->\n"
		"<!-- not-questions: ids it should never be shown for (optional) -->\n"
		"<!-- level: junior or senior, whose career it comes from (optional) -->\n"
		"<!-- angle CATEGORY: one line on how to tell it for that category -->\n"
		"\n"
		"## Situation\n"
		"Where and when: the team, the product, the stakes, in two or three sentences.\n"
		"\n"
		"## Task\n"
		"What you were responsible for, and what made it hard.\n"
		"\n"
		"## Action\n"
		"What you did, step by step, and why: name people, tools and numbers.\n"
		"\n"
		"## Result\n"
		"What changed, with numbers, and what you learned.\n",
		title, cats);
}
