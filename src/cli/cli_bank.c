/* cli_bank.c - `rehearse bank ...`: check, coverage, select, init, new. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "rehearse/bank_tools.h"
#include "rehearse/paths.h"

static int bank_check(struct app *a)
{
	if (app_bank(a) < 0)
		return 1;
	struct bank *b = &a->bank;
	int warnings = bank_check_warnings(b, stdout);
	size_t stories = 0;
	for (size_t i = 0; i < b->nstories; i++)
		stories += !b->stories[i].is_moment;
	printf("%s: ok: %zu categories, %zu questions, %zu stories, %zu moments, %d warning%s\n",
	       b->dir, b->ncats, b->nqs, stories, b->nstories - stories, warnings,
	       warnings == 1 ? "" : "s");
	return 0;
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

static int bank_init(struct app *a, const char *dir)
{
	(void)a;
	char *src = bundled_bank_dir();
	char *cats = path_join(dir, "categories.txt");
	int rc = 0;
	if (is_file(cats)) {
		rc = error("%s: a bank is already there; not overwriting it", dir);
		goto out;
	}
	char *stories = path_join(dir, "stories");
	if (mkdir_p(stories, 0700) < 0) {
		rc = error("%s: cannot create: %s", stories, strerror(errno));
		free(stories);
		goto out;
	}
	static const char *const top[] = {"categories.txt", "questions.txt", "README.md"};
	for (size_t i = 0; i < ARRAY_SIZE(top) && rc == 0; i++) {
		char *f = path_join(src, top[i]), *t = path_join(dir, top[i]);
		if (is_file(f))
			rc = copy_file(f, t);
		free(f);
		free(t);
	}
	char *sdir = path_join(src, "stories");
	DIR *d = rc == 0 ? opendir(sdir) : NULL;
	if (rc == 0 && !d)
		rc = error("%s: cannot read: %s", sdir, strerror(errno));
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
	free(stories);
	if (rc == 0)
		printf("copied the bundled bank to %s\nuse it with: export REHEARSE_BANK=%s\n", dir,
		       dir);
out:
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

static int bank_new(struct app *a, const char *title)
{
	if (app_bank(a) < 0)
		return 1;
	char why[ERRBUF_SIZE];
	if (bank_check_title(title, why) < 0) {
		error("%s", why);
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
	if (rc == 0) {
		/* Re-check the whole bank so a mistake shows at once. */
		struct bank fresh;
		char errbuf[ERRBUF_SIZE];
		if (bank_load(&fresh, a->bank.dir, errbuf) < 0)
			rc = error("%s", errbuf);
		else
			bank_free(&fresh);
	}
	free(text);
	free(path);
	free(sdir);
	free(name);
	free(slug);
	return rc ? 1 : 0;
}

int cmd_bank(struct app *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{"count", required_argument, NULL, 'n'}, COMMON_LONG_OPTS, {NULL, 0, NULL, 0}};
	long long count = 7;
	int opt;
	while ((opt = getopt_long(argc, argv, "n:", opts, NULL)) != -1) {
		int c = app_common_option(a, opt, "bank");
		if (c < 0)
			return 0;
		if (c > 0)
			continue;
		if (opt == 'n' && (count = parse_count(optarg)) > 0)
			continue;
		if (opt == 'n')
			error("--count takes a whole number of 1 or more, not '%s'", optarg);
		return app_usage_error("bank");
	}
	const char *sub = optind < argc ? argv[optind] : NULL;
	int rest = argc - optind - 1;
	if (!sub)
		return app_usage_error("bank");
	if (!strcmp(sub, "check") && rest == 0)
		return bank_check(a) ? 1 : 0;
	if (!strcmp(sub, "coverage") && rest == 0) {
		if (app_bank(a) < 0)
			return 1;
		bank_print_coverage(&a->bank, stdout);
		return 0;
	}
	if (!strcmp(sub, "select") && rest == 0) {
		if (app_bank(a) < 0)
			return 1;
		bank_print_select(&a->bank, (size_t)count, stdout);
		return 0;
	}
	if (!strcmp(sub, "init") && rest == 1)
		return bank_init(a, argv[optind + 1]);
	if (!strcmp(sub, "new") && rest >= 1) {
		/* Allow an unquoted title: join the remaining words. */
		char *title = xstrdup("");
		for (int i = optind + 1; i < argc; i++) {
			char *t = xasprintf("%s%s%s", title, *title ? " " : "", argv[i]);
			free(title);
			title = t;
		}
		int rc = bank_new(a, title);
		free(title);
		return rc;
	}
	return app_usage_error("bank");
}
