/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bank_parse.c - the parsers of the bank's three kinds of file
 * (bank_parse_categories, bank_parse_questions, bank_parse_story in
 * bank.h). Every failure names file and line. */
#include "bank_parse.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Iterate over the lines of a text, in place. */
struct lines {
	char *next;
	int no;
};

static char *next_line(struct lines *it)
{
	if (!it->next || !*it->next)
		return NULL;
	char *line = it->next;
	char *nl = strchr(line, '\n');
	if (nl) {
		*nl = '\0';
		it->next = nl + 1;
	} else {
		it->next = NULL;
	}
	size_t n = strlen(line);
	if (n && line[n - 1] == '\r')
		line[n - 1] = '\0';
	it->no++;
	return line;
}

/* "unknown category 'comunication'; did you mean 'communication'?" */
static int unknown_category(const struct bank *b, const char *path, int line, const char *name,
			    char *errbuf)
{
	const char *near = bank_suggest(b, BANK_CATEGORY, name);
	return set_err(errbuf, "%s:%d: unknown category '%s'%s%s%s", path, line, name,
		       near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
}

/* Parse "a, b, c" into a category mask; the first is stored in *first. */
static int parse_categories_list(const struct bank *b, const char *path, int line, char *list,
				 catmask *mask, int *first, char *errbuf)
{
	*mask = 0;
	if (first)
		*first = -1;
	for (char *save = NULL, *tok = strtok_r(list, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		char *name = trim(tok);
		if (!*name)
			continue;
		int idx = bank_category_index(b, name);
		if (idx < 0)
			return unknown_category(b, path, line, name, errbuf);
		if (first && *first < 0)
			*first = idx;
		*mask |= 1u << idx;
	}
	if (!*mask)
		return set_err(errbuf, "%s:%d: no category given", path, line);
	return 0;
}

/* "S+T" or "Situation+Task": the sections as a mask; returns what
 * follows, or NULL when it is not a list of STAR parts. */
static const char *target_sections(const char *p, unsigned *sections)
{
	for (;;) {
		while (*p == ' ')
			p++;
		const char *letters = "star";
		const char *hit = *p ? strchr(letters, ascii_tolower((unsigned char)*p)) : NULL;
		if (!hit)
			return NULL;
		*sections |= 1u << (hit - letters);
		p++;
		while (isalpha((unsigned char)*p))
			p++;
		while (*p == ' ')
			p++;
		if (*p != '+')
			return p;
		p++;
	}
}

/* "S+T <= 20%" */
static int parse_target(const char *path, int line, const char *s, struct shape_target *t,
			char *errbuf)
{
	memset(t, 0, sizeof *t);
	const char *p = target_sections(s, &t->sections);
	if (!p)
		return set_err(errbuf, "%s:%d: bad target '%s' (expected like 'S+T <= 20%%')",
			       path, line, s);
	if (starts_with(p, "<="))
		t->at_most = true;
	else if (starts_with(p, ">="))
		t->at_most = false;
	else
		return set_err(errbuf, "%s:%d: bad target '%s' (use <= or >=)", path, line, s);
	p += 2;
	char *end;
	errno = 0;
	double v = strtod(p, &end);
	while (*end == ' ' || *end == '%')
		end++;
	if (end == p || *end || errno || v < 0 || v > 100)
		return set_err(errbuf, "%s:%d: bad target percentage in '%s' (0 to 100)", path,
			       line, s);
	t->percent = v;
	return 0;
}

/* "[name]" starts a category. */
static int category_header(struct bank *b, const char *path, int no, char *s,
			   struct category **cur, char *errbuf)
{
	char *close = strchr(s, ']');
	if (!close || close[1])
		return set_err(errbuf, "%s:%d: expected [category]", path, no);
	if (b->ncats == BANK_MAX_CATEGORIES)
		return set_err(errbuf, "%s:%d: too many categories (at most %d)", path, no,
			       BANK_MAX_CATEGORIES);
	*close = '\0';
	char *name = trim(s + 1);
	if (!*name || strpbrk(name, " ,|"))
		return set_err(errbuf, "%s:%d: bad category name '%s'", path, no, name);
	if (bank_category_index(b, name) >= 0)
		return set_err(errbuf, "%s:%d: duplicate category '%s'", path, no, name);
	GROW(b->cats, b->capcats, b->ncats + 1);
	*cur = &b->cats[b->ncats++];
	memset(*cur, 0, sizeof **cur);
	(*cur)->name = xstrdup(name);
	return 0;
}

/* "follow-up: What did you learn?": one question, said aloud after an
 * answer, so one line of a length a person can hear as a question. */
static int follow_up_field(struct category *cur, const char *path, int no, const char *val,
			   char *errbuf)
{
	if (!*val)
		return set_err(errbuf, "%s:%d: follow-up has no question (write it after "
				       "'follow-up:')", path, no);
	if (utf8_width(val) > BANK_MAX_FOLLOW_UP)
		return set_err(errbuf,
			       "%s:%d: follow-up is %d characters long; at most %d (one short "
			       "question, read aloud)",
			       path, no, utf8_width(val), BANK_MAX_FOLLOW_UP);
	if (strvec_has(&cur->follow_ups, val))
		return set_err(errbuf, "%s:%d: the same follow-up is already in [%s]", path, no,
			       cur->name);
	strvec_push(&cur->follow_ups, val);
	return 0;
}

/* "followup", "follow up", "follow-ups": a slip for "follow-up". */
static int unknown_key(const char *path, int no, const char *key, char *errbuf)
{
	bool follow = !ascii_strncasecmp(key, "follow", 6);
	return set_err(errbuf, "%s:%d: unknown key '%s'%s", path, no, key,
		       follow ? "; did you mean 'follow-up'?"
			      : " (coach, check, target, follow-up)");
}

/* "key: value" inside a category. */
static int category_field(struct category *cur, const char *path, int no, const char *key,
			  const char *val, char *errbuf)
{
	if (!cur)
		return set_err(errbuf, "%s:%d: '%s' before any [category]", path, no, key);
	if (!strcmp(key, "coach")) {
		free(cur->coach);
		cur->coach = xstrdup(val);
	} else if (!strcmp(key, "check")) {
		strvec_push(&cur->checks, val);
	} else if (!strcmp(key, "target")) {
		if (cur->ntargets == MAX_TARGETS)
			return set_err(errbuf, "%s:%d: at most %d targets per category", path, no,
				       MAX_TARGETS);
		return parse_target(path, no, val, &cur->targets[cur->ntargets++], errbuf);
	} else if (!strcmp(key, "follow-up")) {
		return follow_up_field(cur, path, no, val, errbuf);
	} else {
		return unknown_key(path, no, key, errbuf);
	}
	return 0;
}

/* A "key: value" line. */
static int category_line(struct category *cur, const char *path, int no, char *s, char *errbuf)
{
	char *colon = strchr(s, ':');
	if (!colon)
		return set_err(errbuf, "%s:%d: expected 'key: value'", path, no);
	*colon = '\0';
	return category_field(cur, path, no, trim(s), trim(colon + 1), errbuf);
}

/* Every bad field line is reported, as in questions.txt: errbuf gets the
 * first and b->problems all of them. A bad [category] header stops the
 * file there: the lines after it would be read into the wrong category. */
int bank_parse_categories(struct bank *b, const char *path, const char *text, char *errbuf)
{
	char *copy = xstrdup(text);
	struct lines it = {copy, 0};
	struct category *cur = NULL;
	int bad = 0;
	bool stop = false;
	char *line, msg[ERRBUF_SIZE];
	while (!stop && (line = next_line(&it))) {
		char *s = trim(line);
		if (!*s || *s == '#')
			continue;
		stop = *s == '[';
		if (stop ? category_header(b, path, it.no, s, &cur, msg) == 0
			 : category_line(cur, path, it.no, s, msg) == 0) {
			stop = false;
			continue;
		}
		if (bad++ == 0)
			snprintf(errbuf, ERRBUF_SIZE, "%s", msg);
		strvec_push(&b->problems, msg);
	}
	if (bad == 0 && b->ncats == 0)
		bad = set_err(errbuf, "%s:1: no categories defined", path);
	free(copy);
	return bad ? -1 : 0;
}

bool bank_valid_id(const char *id)
{
	if (!*id)
		return false;
	for (const unsigned char *p = (const unsigned char *)id; *p; p++)
		if (!(*p < 0x80 && isalnum(*p)) && *p != '-' && *p != '_' && *p != '.')
			return false;
	return true;
}

static int parse_question_line(struct bank *b, const char *path, int no, char *s, char *errbuf)
{
	char *field[4];
	int nf = 0;
	field[nf++] = s;
	for (char *p = s; *p && nf < 4; p++)
		if (*p == '|') {
			*p = '\0';
			field[nf++] = p + 1;
		}
	if (nf < 4)
		return set_err(errbuf, "%s:%d: expected 'id | categories | level | text'", path,
			       no);
	char *id = trim(field[0]), *cats = trim(field[1]), *lvl = trim(field[2]);
	char *text = trim(field[3]);
	if (!bank_valid_id(id))
		return set_err(errbuf, "%s:%d: bad question id '%s' (letters, digits, - _ .)",
			       path, no, id);
	const struct question *dup = bank_question(b, id);
	if (dup)
		return set_err(errbuf, "%s:%d: duplicate question id '%s' (first at line %d)",
			       path, no, id, dup->line);
	struct question q = {.line = no};
	if (parse_categories_list(b, path, no, cats, &q.cats, &q.first_cat, errbuf))
		return -1;
	if (level_parse(lvl, &q.level))
		return set_err(errbuf, "%s:%d: unknown level '%s' (junior, senior or any)", path,
			       no, lvl);
	if (!*text)
		return set_err(errbuf, "%s:%d: question '%s' has no text", path, no, id);
	q.id = xstrdup(id);
	q.text = xstrdup(text);
	GROW(b->qs, b->capqs, b->nqs + 1);
	b->qs[b->nqs++] = q;
	return 0;
}

/* Every bad line is reported, not just the first: errbuf gets the first
 * and b->problems all of them (a good line does not depend on a bad one). */
int bank_parse_questions(struct bank *b, const char *path, const char *text, char *errbuf)
{
	char *copy = xstrdup(text);
	struct lines it = {copy, 0};
	int rc = 0;
	char *line, msg[ERRBUF_SIZE];
	while ((line = next_line(&it))) {
		char *s = trim(line);
		if (!*s || *s == '#' || parse_question_line(b, path, it.no, s, msg) == 0)
			continue;
		if (rc == 0)
			snprintf(errbuf, ERRBUF_SIZE, "%s", msg);
		strvec_push(&b->problems, msg);
		rc = -1;
	}
	if (rc == 0 && b->nqs == 0)
		rc = set_err(errbuf, "%s:1: no questions defined", path);
	free(copy);
	return rc;
}

void story_free(struct story *s)
{
	free(s->id);
	free(s->path);
	free(s->title);
	strvec_free(&s->question_ids);
	strvec_free(&s->not_question_ids);
	for (int i = 0; i < BANK_MAX_CATEGORIES; i++)
		free(s->angle[i]);
	for (int i = 0; i < STAR_COUNT; i++)
		free(s->star[i]);
}

/* "questions: a, b" or "not-questions: c": ids of questions.txt; a
 * question cannot be both pinned to a story and kept from it. */
static int question_list(struct bank *b, const char *path, int no, char *val, struct strvec *ids,
			 const struct strvec *other, char *errbuf)
{
	for (char *save = NULL, *t = strtok_r(val, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		char *id = trim(t);
		if (!*id)
			continue;
		if (!bank_question(b, id)) {
			const char *near = bank_suggest(b, BANK_QUESTION, id);
			return set_err(errbuf, "%s:%d: no question with id '%s'%s%s%s", path, no,
				       id, near ? "; did you mean '" : "", near ? near : "",
				       near ? "'?" : "");
		}
		if (strvec_has(other, id))
			return set_err(errbuf,
				       "%s:%d: question '%s' is in both 'questions:' and "
				       "'not-questions:'",
				       path, no, id);
		strvec_push(ids, id);
	}
	return 0;
}

static int story_header_field(struct bank *b, struct story *st, const char *path, int no,
			      char *key, char *val, int *lines, char *errbuf)
{
	if (!strcmp(key, "categories")) {
		lines[0] = no;
		return parse_categories_list(b, path, no, val, &st->cats, NULL, errbuf);
	}
	if (!strcmp(key, "strength")) {
		char *end;
		long v = strtol(val, &end, 10);
		if (end == val || *trim(end) || v < 1 || v > 5)
			return set_err(errbuf, "%s:%d: strength must be 1 to 5, not '%s'", path,
				       no, val);
		st->strength = (int)v;
		return 0;
	}
	if (!strcmp(key, "level"))
		return level_parse(val, &st->level) == 0
			       ? 0
			       : set_err(errbuf, "%s:%d: unknown level '%s' (junior, senior or any)",
					 path, no, val);
	if (!strcmp(key, "questions"))
		return question_list(b, path, no, val, &st->question_ids, &st->not_question_ids,
				     errbuf);
	if (!strcmp(key, "not-questions"))
		return question_list(b, path, no, val, &st->not_question_ids, &st->question_ids,
				     errbuf);
	if (starts_with(key, "angle ")) {
		char *cat = trim(key + 6);
		int idx = bank_category_index(b, cat);
		if (idx < 0)
			return unknown_category(b, path, no, cat, errbuf);
		free(st->angle[idx]);
		st->angle[idx] = xstrdup(val);
		lines[1 + idx] = no;
		return 0;
	}
	return set_err(errbuf,
		       "%s:%d: unknown field '%s' (categories, strength, level, questions, "
		       "not-questions, angle CATEGORY)",
		       path, no, key);
}

static int star_index(const char *heading)
{
	for (int i = 0; i < STAR_COUNT; i++)
		if (!ascii_strcasecmp(heading, star_names[i]))
			return i;
	return -1;
}

/* A STAR section being read: appending a line is amortised O(length of
 * the line), so a story at the size limit loads in linear time. */
struct section_buf {
	size_t len, cap;
};

/* Append a body line to a STAR section, keeping paragraphs. */
static void section_append(char **sec, struct section_buf *sb, const char *line)
{
	size_t n = strlen(line), sep = sb->len ? 1 : 0;
	if (sb->len + sep + n + 1 > sb->cap) {
		size_t cap = sb->cap ? sb->cap : 256;
		while (cap < sb->len + sep + n + 1)
			cap *= 2;
		*sec = xrealloc(*sec, cap);
		sb->cap = cap;
	}
	if (sep)
		(*sec)[sb->len++] = '\n';
	memcpy(*sec + sb->len, line, n + 1);
	sb->len += n;
}

/* All four STAR sections (a story) or none (a moment); trim and count. */
static int story_sections_finish(struct story *st, const char *path, int last_section_line,
				 char *errbuf)
{
	int present = 0;
	for (int i = 0; i < STAR_COUNT; i++)
		if (st->star[i]) {
			char *t = trim(st->star[i]);
			memmove(st->star[i], t, strlen(t) + 1);
			present++;
		}
	st->is_moment = present == 0;
	for (int i = 0; i < STAR_COUNT && present; i++)
		if (!st->star[i])
			return set_err(errbuf,
				       "%s:%d: missing '## %s' section (a story needs all four STAR "
				       "sections, a moment none)",
				       path, last_section_line, star_names[i]);
	for (int i = 0; i < STAR_COUNT; i++)
		if (st->star[i])
			st->words += count_words(st->star[i]);
	return 0;
}

static int story_finish(struct bank *b, struct story *st, const char *path, int nlines,
			const int *lines, int last_section_line, char *errbuf)
{
	if (!st->cats)
		return set_err(errbuf, "%s:%d: missing 'categories:' line", path, nlines ? 2 : 1);
	if (!st->strength)
		return set_err(errbuf, "%s:%d: missing 'strength:' line (1 to 5)", path,
			       nlines ? 2 : 1);
	for (size_t i = 0; i < b->ncats; i++)
		if (st->angle[i] && !(st->cats & (1u << i)))
			return set_err(errbuf,
				       "%s:%d: angle for '%s', but the story's categories do not "
				       "include it",
				       path, lines[1 + i], b->cats[i].name);
	return story_sections_finish(st, path, last_section_line, errbuf);
}

/* Titles name stories on the command line (--story TITLE), so two stories
 * may not share one: the later file is left out and named. */
static int story_title(const struct bank *b, struct story *st, const char *path, int no, char *s,
		       char *errbuf)
{
	if (!starts_with(s, "# ") || !*trim(s + 2))
		return set_err(errbuf, "%s:%d: expected the title as '# Title'", path, no);
	for (size_t i = 0; i < b->nstories; i++)
		if (!strcasecmp(b->stories[i].title, trim(s + 2)))
			return set_err(errbuf, "%s:%d: the title '%s' is already used by %s", path,
				       no, trim(s + 2), b->stories[i].path);
	st->title = xstrdup(trim(s + 2));
	return 0;
}

/* '## Situation' and the like: the section the next lines belong to. */
static int story_heading(struct story *st, const char *path, int no, const char *h,
			 int *section, char *errbuf)
{
	*section = star_index(h);
	if (*section < 0)
		return set_err(errbuf,
			       "%s:%d: unknown section '%s' (Situation, Task, Action, Result)",
			       path, no, h);
	if (st->star[*section])
		return set_err(errbuf, "%s:%d: section '%s' appears twice", path, no,
			       star_names[*section]);
	st->star[*section] = xstrdup("");
	return 0;
}

int bank_parse_story(struct bank *b, const char *path, const char *id, const char *text,
		     char *errbuf)
{
	char *copy = xstrdup(text);
	struct lines it = {copy, 0};
	struct story st = {0};
	struct section_buf sbuf[STAR_COUNT] = {{0}};
	int lines[1 + BANK_MAX_CATEGORIES] = {0};
	int section = -1, last_section_line = 1, rc = 0;
	char *line;
	while (rc == 0 && (line = next_line(&it))) {
		char *s = trim(line);
		if (!st.title) {
			if (*s)
				rc = story_title(b, &st, path, it.no, s, errbuf);
			continue;
		}
		if (starts_with(s, "## ")) {
			last_section_line = it.no;
			rc = story_heading(&st, path, it.no, trim(s + 3), &section, errbuf);
			continue;
		}
		if (section >= 0) {
			section_append(&st.star[section], &sbuf[section], s);
			continue;
		}
		if (!*s || starts_with(s, "<!--"))
			continue;
		char *colon = strchr(s, ':');
		if (!colon) {
			rc = set_err(errbuf, "%s:%d: expected 'field: value' or a '## Situation' "
					     "heading", path, it.no);
			break;
		}
		*colon = '\0';
		rc = story_header_field(b, &st, path, it.no, trim(s), trim(colon + 1), lines,
					errbuf);
	}
	if (rc == 0 && !st.title)
		rc = set_err(errbuf, "%s:1: empty story file (expected '# Title')", path);
	if (rc == 0)
		rc = story_finish(b, &st, path, it.no, lines, last_section_line, errbuf);
	free(copy);
	if (rc) {
		story_free(&st);
		return rc;
	}
	st.id = xstrdup(id);
	st.path = xstrdup(path);
	GROW(b->stories, b->capstories, b->nstories + 1);
	b->stories[b->nstories++] = st;
	return 0;
}
