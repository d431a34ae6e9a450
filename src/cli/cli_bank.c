/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_bank.c - `rehearse bank ...`: check, coverage, select, init, new. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "rehearse/bank_tools.h"
#include "rehearse/paths.h"

/* The pace lengths are judged at: the person's own once their history
 * has one. A history that is not there yet is not created for this. */
static struct pace_basis bank_pace(struct app *a)
{
	double limit = (double)config_number(&a->config, CFG_SECONDS);
	struct pace_basis p = pace_basis_steady(limit);
	char *db = app_db_path(a), errbuf[ERRBUF_SIZE];
	bool have = is_file(db);
	free(db);
	if (have && app_store_read(a) == 0 &&
	    pace_basis_from_store(&a->store, limit, &p, errbuf) < 0)
		warning("%s; lengths are judged at a steady pace", errbuf);
	return p;
}

/* Every problem in one run, each on its own line; then, as far as the
 * bank loads, the warnings about lengths and coverage; then the counts. */
static int bank_check(struct app *a)
{
	const char *why;
	char *dir = app_bank_dir(a, &why); /* --bank, REHEARSE_BANK, the settings */
	struct strvec problems = {0};
	int n = bank_problems(dir, &problems);
	for (size_t i = 0; i < problems.n; i++)
		error("%s", problems.v[i]);
	strvec_free(&problems);
	struct bank b;
	char errbuf[ERRBUF_SIZE];
	int loaded = bank_load(&b, dir, errbuf); /* its failure is among the problems */
	free(dir);
	if (loaded < 0)
		return 1;
	struct pace_basis pace = bank_pace(a);
	int warnings = bank_check_warnings(&b, &pace, stdout);
	size_t stories = 0;
	for (size_t i = 0; i < b.nstories; i++)
		stories += !b.stories[i].is_moment;
	char errors[32] = "";
	if (n)
		snprintf(errors, sizeof errors, "%d error%s, ", n, n == 1 ? "" : "s");
	size_t follow_ups = bank_follow_up_count(&b);
	printf("%s: %s: %zu categories, %zu questions, %zu stories, %zu moments, %zu follow-up%s, "
	       "%s%d warning%s\n",
	       b.dir, n ? "not ok" : "ok", b.ncats, b.nqs, stories, b.nstories - stories,
	       follow_ups, follow_ups == 1 ? "" : "s", errors, warnings, warnings == 1 ? "" : "s");
	bank_free(&b);
	return n > 0;
}

static int write_file_excl(const char *path, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return error("%s: cannot create: %s", path, strerror(errno));
	const char *p = text;
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = errno;
			close(fd);
			unlink(path);
			return error("%s: cannot write: %s", path, strerror(e));
		}
		p += w;
		len -= (size_t)w;
	}
	if (close(fd) < 0)
		return error("%s: cannot write: %s", path, strerror(errno));
	return 0;
}

static int copy_file(const char *from, const char *to)
{
	char errbuf[ERRBUF_SIZE];
	size_t len;
	char *text = read_file(from, BANK_MAX_FILE, &len, errbuf);
	if (!text)
		return error("%s", errbuf);
	int rc = write_file_excl(to, text, len);
	free(text);
	return rc;
}

/* categories.txt, questions.txt and the README, where there are. */
static int copy_top_files(const char *src, const char *dir)
{
	static const char *const top[] = {"categories.txt", "questions.txt", "README.md"};
	int rc = 0;
	for (size_t i = 0; i < ARRAY_SIZE(top) && rc == 0; i++) {
		char *f = path_join(src, top[i]), *t = path_join(dir, top[i]);
		if (is_file(f))
			rc = copy_file(f, t);
		free(f);
		free(t);
	}
	return rc;
}

static int copy_stories(const char *src, const char *stories)
{
	char *sdir = path_join(src, "stories");
	DIR *d = opendir(sdir);
	int rc = d ? 0 : error("%s: cannot read: %s", sdir, strerror(errno));
	for (struct dirent *e; d && rc == 0 && (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		char *f = path_join(sdir, e->d_name), *t = path_join(stories, e->d_name);
		rc = copy_file(f, t);
		free(f);
		free(t);
	}
	if (d)
		closedir(d);
	free(sdir);
	return rc;
}

/* The folder dir would be made in ("." for a bare name). */
static char *parent_dir(const char *dir)
{
	char *p = xstrdup(dir);
	size_t n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	char *slash = strrchr(p, '/');
	if (!slash) {
		free(p);
		return xstrdup(".");
	}
	slash[slash == p] = '\0'; /* "/x" -> "/" */
	return p;
}

/* Copy the bundled bank, or the one --bank names, to dir. Its parent must
 * exist: a typo in a path should not silently grow a tree of folders. */
static int bank_init(struct app *a, const char *dir)
{
	bool chosen = a->bank_opt && *a->bank_opt;
	char *src = chosen ? xstrdup(a->bank_opt) : bundled_bank_dir();
	char *cats = path_join(dir, "categories.txt");
	char *stories = path_join(dir, "stories");
	char *parent = parent_dir(dir);
	int rc;
	if (is_file(cats))
		rc = error("%s: a bank is already there; not overwriting it", dir);
	else if (!is_dir(parent))
		rc = error("%s: no such folder; create it first, or choose another place", parent);
	else if (mkdir_p(stories, 0700) < 0)
		rc = error("%s: cannot create: %s", stories, strerror(errno));
	else if ((rc = copy_top_files(src, dir)) == 0 && (rc = copy_stories(src, stories)) == 0)
		printf("copied the %s bank to %s\nuse it with: export REHEARSE_BANK=%s\n",
		       chosen ? "chosen" : "bundled", dir, dir);
	free(parent);
	free(stories);
	free(cats);
	free(src);
	return rc ? 1 : 0;
}

static int edit_file(const char *path)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		printf("not a terminal, so no editor was started; edit %s\n", path);
		return 0;
	}
	char errbuf[ERRBUF_SIZE];
	int rc = run_editor(path, errbuf);
	if (rc < 0)
		return error("%s; the story is kept at %s", errbuf, path);
	return 0;
}

/* After the editor: check the bank again and name what is still wrong
 * with the new story (its placeholders, until they are filled in). */
static int recheck(const char *dir, const char *path)
{
	struct strvec problems = {0};
	bank_problems(dir, &problems);
	int mine = 0;
	for (size_t i = 0; i < problems.n; i++)
		if (starts_with(problems.v[i], path)) {
			mine++;
			printf("to do: %s\n", problems.v[i]);
		}
	if (mine)
		printf("the story is left out of the bank until 'rehearse bank check' passes\n");
	else if (problems.n)
		printf("the story is fine; 'rehearse bank check' lists %zu other problem%s\n",
		       problems.n, problems.n == 1 ? "" : "s");
	else
		printf("checked: the story and the bank are fine\n");
	strvec_free(&problems);
	return 0;
}

static int bank_new(struct app *a, const char *title)
{
	char why[ERRBUF_SIZE];
	if (bank_check_title(title, why) < 0) {
		error("%s", why);
		return 1;
	}
	const struct story *same = bank_story(&a->bank, title);
	if (same && !strcasecmp(same->title, title)) {
		error("%s already has the title '%s'; give the new story another", same->path,
		      title);
		return 1;
	}
	char *slug = slugify(title);
	char *name = xasprintf("%s.md", slug);
	char *sdir = path_join(a->bank.dir, "stories");
	char *path = path_join(sdir, name);
	char *text = bank_story_template(&a->bank, title);
	int rc = mkdir_p(sdir, 0700) < 0 ? error("%s: cannot create: %s", sdir, strerror(errno))
					 : write_file_excl(path, text, strlen(text));
	if (rc == 0) {
		printf("wrote %s\n", path);
		rc = edit_file(path);
	}
	if (rc == 0)
		rc = recheck(a->bank.dir, path);
	free(text);
	free(path);
	free(sdir);
	free(name);
	free(slug);
	return rc ? 1 : 0;
}

/* "bank new" takes an unquoted title too: join the remaining words. */
static int bank_new_words(struct app *a, int n, char **words, long long count)
{
	(void)count;
	char *title = xstrdup("");
	for (int i = 0; i < n; i++) {
		char *t = xasprintf("%s%s%s", title, *title ? " " : "", words[i]);
		free(title);
		title = t;
	}
	int rc = bank_new(a, title);
	free(title);
	return rc;
}

static int bank_coverage(struct app *a, int n, char **words, long long count)
{
	(void)n, (void)words, (void)count;
	struct pace_basis pace = bank_pace(a);
	bank_print_coverage(&a->bank, &pace, stdout);
	return 0;
}

static int bank_select(struct app *a, int n, char **words, long long count)
{
	(void)n, (void)words;
	bank_print_select(&a->bank, (size_t)count, stdout);
	return 0;
}

static int bank_check_words(struct app *a, int n, char **words, long long count)
{
	(void)n, (void)words, (void)count;
	return bank_check(a) ? 1 : 0;
}

static int bank_init_words(struct app *a, int n, char **words, long long count)
{
	(void)n, (void)count;
	return bank_init(a, words[0]);
}

/* The subcommands: the words each takes after its name, and what it needs
 * opened (as commands[] says for a command). check loads the bank itself,
 * after listing every problem; init copies it without loading it. */
static const struct bank_sub {
	const char *name;
	int min_words, max_words;
	unsigned needs;
	int (*run)(struct app *a, int n, char **words, long long count);
} bank_subs[] = {
	{"check", 0, 0, 0, bank_check_words},
	{"coverage", 0, 0, NEED_BANK, bank_coverage},
	{"select", 0, 0, NEED_BANK, bank_select},
	{"init", 1, 1, 0, bank_init_words},
	{"new", 1, INT_MAX, NEED_BANK, bank_new_words},
};

int cmd_bank(struct app *a, int argc, char **argv)
{
	long long count = 7;
	const struct cli_option opts[] = {
		{"count", 'n', "N", "with select: how many stories (default 7)", opt_llong, &count, 1,
		 LLONG_MAX, "a whole number of 1 or more"},
		OPT_END,
	};
	const struct cli_command cmd = {
		"bank",
		"rehearse bank check | coverage | select [--count N] | init DIR | new TITLE\n"
		"  check              validate the bank; warn about lengths and coverage\n"
		"  coverage           the story x category matrix with word counts\n"
		"  select             rank stories and moments; the best N\n"
		"  init DIR           copy the bundled bank (or --bank's) to DIR to start your own\n"
		"  new TITLE          write a STAR template and open it in $EDITOR",
		opts, 1, -1, false};
	int n = parse_options(a, &cmd, argc, argv);
	if (n < 0)
		return parse_exit_code(n);
	int rest = n - 1;
	for (size_t i = 0; i < ARRAY_SIZE(bank_subs); i++) {
		const struct bank_sub *s = &bank_subs[i];
		if (strcmp(argv[1], s->name) != 0 || rest < s->min_words || rest > s->max_words)
			continue;
		if (open_needs(a, s->needs) < 0)
			return 1;
		return s->run(a, rest, argv + 2, count);
	}
	return usage_error(&cmd);
}
