/* SPDX-License-Identifier: GPL-3.0-or-later */
/* config.c - see config.h. */
#include "rehearse/config.h"

#include "rehearse/strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum kind { K_NUMBER, K_NUMBER_OR_OFF, K_BOOL, K_LEVEL, K_PATH, K_TEXT, K_KEEP_AS };

struct key_def {
	struct config_key_info info;
	enum kind kind;
	long min, max;
};

/* Indexed by enum config_key. The names are the command-line options'. */
static const struct key_def keys[CFG_NKEYS] = {
	[CFG_SECONDS] = {{"seconds", NULL, "90", "5 to 3600", "time limit of an answer, in seconds"},
			 K_NUMBER, 5, 3600},
	[CFG_PREP] = {{"prep", NULL, "off", "0 to 600 seconds or off",
		       "seconds to prepare before recording starts by itself (off: Space starts it)"},
		      K_NUMBER_OR_OFF, 0, 600},
	[CFG_OVERTIME] = {{"overtime", NULL, "no", "yes or no",
			   "let the clock run on past the limit, up to twice it"},
			  K_BOOL, 0, 0},
	[CFG_DEVICE] = {{"device", NULL, "default", "a device number or name, or default",
			 "input device (see 'rehearse devices')"},
			K_TEXT, 0, 0},
	[CFG_LEVEL] = {{"level", NULL, "any", "junior, senior or any", "level of the questions"},
		       K_LEVEL, 0, 0},
	[CFG_ROUND_SIZE] = {{"round-size", NULL, "5", "1 to 50", "questions in a mock round"},
			    K_NUMBER, 1, 50},
	[CFG_BANK] = {{"bank", "REHEARSE_BANK", "bundled", "a folder, or bundled",
		       "prompt bank folder"},
		      K_PATH, 0, 0},
	[CFG_DATA] = {{"data", "REHEARSE_DATA", "default", "a folder, or default",
		       "data folder for recordings and history"},
		      K_PATH, 0, 0},
	[CFG_COLOR] = {{"color", "NO_COLOR", "yes", "yes or no",
			"colours on the screens (NO_COLOR turns them off)"},
		       K_BOOL, 0, 0},
	[CFG_VOICE] = {{"voice", NULL, "yes", "yes or no",
			"a mock round reads each question aloud (the interviewer's voice)"},
		       K_BOOL, 0, 0},
	[CFG_ROUND_CARD] = {{"round-card", NULL, "no", "yes or no",
			     "a mock round shows the cue card from the start"},
			    K_BOOL, 0, 0},
	[CFG_KEEP_AS] = {{"keep-as", NULL, "wav", "wav or flac",
			  "how finished takes are kept: flac is about half the size, converted "
			  "after the take"},
			 K_KEEP_AS, 0, 0},
	[CFG_FOLLOW_UPS] = {{"follow-ups", NULL, "yes", "yes or no",
			     "a mock round asks a follow-up question after each answer"},
			    K_BOOL, 0, 0},
	[CFG_STORY_FOLLOW] = {{"story-follow", NULL, "yes", "yes or no",
			       "follow the story you tell: which parts and sentences were heard"},
			      K_BOOL, 0, 0},
};

const struct config_key_info *config_key_info(enum config_key k)
{
	return (unsigned)k < CFG_NKEYS ? &keys[k].info : NULL;
}

struct config_range config_key_range(enum config_key k)
{
	if ((unsigned)k >= CFG_NKEYS)
		return (struct config_range){0, 0};
	return (struct config_range){keys[k].min, keys[k].max};
}

int config_key_find(const char *name)
{
	if (!strcmp(name, "colour"))
		name = "color";
	for (int k = 0; k < CFG_NKEYS; k++)
		if (!strcmp(keys[k].info.name, name))
			return k;
	return -1;
}

static int parse_bool(const char *v)
{
	static const char *const yes[] = {"yes", "true", "on", "1"};
	static const char *const no[] = {"no", "false", "off", "0"};
	for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
		if (!ascii_strcasecmp(v, yes[i]))
			return 1;
		if (!ascii_strcasecmp(v, no[i]))
			return 0;
	}
	return -1;
}

static char *expand_home(const char *v)
{
	const char *home = getenv("HOME");
	if (v[0] == '~' && (v[1] == '/' || !v[1]) && home && *home)
		return xasprintf("%s%s", home, v + 1);
	return xstrdup(v);
}

static int check_number(const struct key_def *d, const char *v, char **out)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (end == v || *end || errno || n < d->min || n > d->max)
		return -1;
	*out = xasprintf("%ld", n);
	return 0;
}

/* A value is one line of text: a newline would write a second line. */
static bool has_control(const char *v)
{
	for (; *v; v++)
		if ((unsigned char)*v < 0x20 || *v == 0x7f)
			return true;
	return false;
}

/* value itself (allocated) when it is one of words (NULL-terminated). */
static char *one_of(const char *value, const char *const *words)
{
	for (; *words; words++)
		if (!strcmp(value, *words))
			return xstrdup(value);
	return NULL;
}

/* A value of a key that is not a number, in its written form, or NULL
 * when the key does not take it. */
static char *normalise_text(const struct key_def *d, const char *value)
{
	int b;
	switch (d->kind) {
	case K_BOOL:
		return (b = parse_bool(value)) >= 0 ? xstrdup(b ? "yes" : "no") : NULL;
	case K_LEVEL:
		return one_of(value, (const char *const[]){"junior", "senior", "any", NULL});
	case K_PATH: /* "bundled" or "default": where paths.h says */
		if (!*value)
			return NULL;
		return strcmp(value, d->info.builtin) ? expand_home(value) : xstrdup(value);
	case K_TEXT:
		return *value && utf8_valid(value, strlen(value)) ? xstrdup(value) : NULL;
	case K_KEEP_AS:
		return one_of(value, (const char *const[]){"wav", "flac", NULL});
	default:
		return NULL;
	}
}

/* The value in its written form (*out, allocated), or *out NULL when the
 * key does not take it; -1 for a number out of range. */
static int normalise_value(const struct key_def *d, const char *value, char **out)
{
	if (d->kind == K_NUMBER_OR_OFF && !ascii_strcasecmp(value, "off")) {
		*out = xstrdup("off");
		return 0;
	}
	if (d->kind == K_NUMBER_OR_OFF || d->kind == K_NUMBER)
		return check_number(d, value, out);
	*out = normalise_text(d, value);
	return 0;
}

int config_check(enum config_key k, const char *value, char **out, char *errbuf)
{
	const struct key_def *d = &keys[k];
	*out = NULL;
	if (has_control(value))
		return set_err(errbuf, "%s takes %s, not a value with control characters",
			       d->info.name, d->info.values);
	if (normalise_value(d, value, out) == 0 && *out)
		return 0;
	return set_err(errbuf, "%s takes %s, not '%s'", d->info.name, d->info.values, value);
}

char *config_default_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/rehearse/config", xdg);
	const char *home = getenv("HOME");
	return xasprintf("%s/.config/rehearse/config", home && *home ? home : ".");
}

static void set_value(struct config *c, int k, char *value, enum config_source src, int line)
{
	free(c->v[k].value);
	c->v[k] = (struct config_value){value, src, line};
}

static void problem(struct config *c, int line, const char *msg)
{
	char *s = xasprintf("%s:%d: %s", c->path, line, msg);
	strvec_push(&c->problems, s);
	free(s);
}

/* Split "key = value" in place; a value may be wrapped in double quotes to
 * keep its outer spaces. Returns the key or NULL when there is no '='. */
static char *split_line(char *line, char **value)
{
	char *eq = strchr(line, '=');
	if (!eq)
		return NULL;
	*eq = '\0';
	char *v = trim(eq + 1);
	size_t n = strlen(v);
	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		v[n - 1] = '\0';
		v++;
	}
	*value = v;
	return trim(line);
}

static void parse_line(struct config *c, char *line, int lineno)
{
	char errbuf[ERRBUF_SIZE], *value, *norm;
	char *key = split_line(line, &value);
	if (!key || !*key) {
		problem(c, lineno, "expected 'key = value'; line ignored");
		return;
	}
	int k = config_key_find(key);
	if (k < 0) {
		snprintf(errbuf, sizeof errbuf, "unknown setting '%s' ignored", key);
		problem(c, lineno, errbuf);
		return;
	}
	if (config_check(k, value, &norm, errbuf) < 0) {
		size_t n = strlen(errbuf);
		snprintf(errbuf + n, sizeof errbuf - n, "; line ignored");
		problem(c, lineno, errbuf);
		return;
	}
	if (c->v[k].source == CFG_FROM_FILE) {
		snprintf(errbuf, sizeof errbuf, "%s is set again (first on line %d); this one wins",
			 keys[k].info.name, c->v[k].line);
		problem(c, lineno, errbuf);
	}
	set_value(c, k, norm, CFG_FROM_FILE, lineno);
}

static void parse_text(struct config *c, char *text)
{
	int lineno = 0;
	for (char *line = text, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		char *t = trim(line);
		if (!*t || *t == '#' || *t == ';')
			continue;
		if (!utf8_valid(t, strlen(t))) {
			problem(c, lineno, "not valid UTF-8; line ignored");
			continue;
		}
		parse_line(c, t, lineno);
	}
}

static void apply_env(struct config *c)
{
	for (int k = 0; k < CFG_NKEYS; k++) {
		const char *name = keys[k].info.env, *v = name ? getenv(name) : NULL;
		if (!v || !*v)
			continue;
		/* NO_COLOR means "no colour" whatever it holds (no-color.org). */
		char *val = k == CFG_COLOR ? xstrdup("no") : expand_home(v);
		set_value(c, k, val, CFG_FROM_ENV, 0);
	}
}

int config_load(struct config *c, const char *path)
{
	memset(c, 0, sizeof *c);
	c->path = xstrdup(path);
	for (int k = 0; k < CFG_NKEYS; k++)
		c->v[k].value = xstrdup(keys[k].info.builtin);
	char errbuf[ERRBUF_SIZE];
	size_t len;
	char *text = NULL;
	if (access(path, F_OK) == 0 && !(text = read_file(path, 1 << 20, &len, errbuf)))
		strvec_push(&c->problems, errbuf);
	if (text)
		parse_text(c, skip_bom(text));
	free(text);
	apply_env(c);
	return (int)c->problems.n;
}

void config_free(struct config *c)
{
	for (int k = 0; k < CFG_NKEYS; k++)
		free(c->v[k].value);
	free(c->path);
	strvec_free(&c->problems);
	memset(c, 0, sizeof *c);
}

const char *config_get(const struct config *c, enum config_key k)
{
	return c->v[k].value ? c->v[k].value : keys[k].info.builtin;
}

long config_number(const struct config *c, enum config_key k)
{
	const char *v = config_get(c, k);
	return strcmp(v, "off") ? strtol(v, NULL, 10) : -1;
}

bool config_yes(const struct config *c, enum config_key k)
{
	return parse_bool(config_get(c, k)) == 1;
}

/* The file's lines with key's first line replaced by "key = value" (or
 * dropped when value is NULL), its later lines dropped, and the line
 * appended when the file had none. */
static char *rewrite(const char *old, const char *key, const char *value)
{
	int k = config_key_find(key);
	struct strbuf out;
	strbuf_init(&out, strlen(old) + 64);
	bool done = false;
	for (const char *line = old, *next; *line; line = next) {
		next = strchr(line, '\n');
		next = next ? next + 1 : line + strlen(line);
		char *copy = xstrndup(line, (size_t)(next - line)), *v;
		char *t = trim(copy), *name = *t == '#' ? NULL : split_line(t, &v);
		bool ours = name && config_key_find(name) == k;
		free(copy);
		if (ours && !done && value)
			strbuf_addf(&out, "%s = %s\n", key, value);
		if (ours) {
			done = true;
			continue;
		}
		strbuf_add(&out, line, (size_t)(next - line));
		if (out.len && out.buf[out.len - 1] != '\n')
			strbuf_addch(&out, '\n');
	}
	if (!done && value)
		strbuf_addf(&out, "%s = %s\n", key, value);
	return strbuf_detach(&out, NULL);
}

static int write_atomically(const char *path, const char *text, char *errbuf)
{
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp); /* 0600 */
	if (fd < 0) {
		set_err(errbuf, "%s: cannot write: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	size_t len = strlen(text);
	bool ok = write(fd, text, len) == (ssize_t)len && fsync(fd) == 0;
	int saved = errno;
	ok = close(fd) == 0 && ok;
	if (ok && rename(tmp, path) == 0) {
		free(tmp);
		return 0;
	}
	saved = ok ? errno : saved;
	unlink(tmp);
	free(tmp);
	return set_err(errbuf, "%s: cannot write: %s", path, strerror(saved));
}

int config_write(const char *path, const char *key, const char *value, char *errbuf)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	if (slash && slash != dir)
		*slash = '\0';
	int rc = slash && slash != dir && mkdir_p(dir, 0700) < 0
			 ? set_err(errbuf, "%s: cannot create the folder: %s", dir, strerror(errno))
			 : 0;
	free(dir);
	if (rc < 0)
		return -1;
	size_t len;
	char *old = NULL;
	if (access(path, F_OK) == 0 && !(old = read_file(path, 1 << 20, &len, errbuf)))
		return -1;
	char *text = rewrite(old ? skip_bom(old) : "", key, value);
	rc = write_atomically(path, text, errbuf);
	free(text);
	free(old);
	return rc;
}
