/* SPDX-License-Identifier: GPL-3.0-or-later */
/* util.c - see util.h. */
#include "rehearse/util.h"

#include "rehearse/strbuf.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

static void vreport(const char *prefix, const char *fmt, va_list ap)
{
	fprintf(stderr, "rehearse: %s", prefix);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport("", fmt, ap);
	va_end(ap);
	return -1;
}

void warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport("warning: ", fmt, ap);
	va_end(ap);
}

static void out_of_memory(size_t n)
{
	fprintf(stderr, "rehearse: out of memory (asked for %zu bytes)\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory(n);
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return p;
}

void grow_array(void **items, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return;
	size_t c = *cap ? *cap : 8;
	while (c < need)
		c *= 2;
	*items = xrealloc(*items, c * size);
	*cap = c;
}

int set_err(char *errbuf, const char *fmt, ...)
{
	if (errbuf) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(errbuf, ERRBUF_SIZE, fmt, ap);
		va_end(ap);
	}
	return -1;
}

char *trim(char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int ascii_tolower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int ascii_strncasecmp(const char *a, const char *b, size_t n)
{
	for (; n; a++, b++, n--) {
		int ca = ascii_tolower((unsigned char)*a), cb = ascii_tolower((unsigned char)*b);
		if (ca != cb || !ca)
			return ca - cb;
	}
	return 0;
}

int ascii_strcasecmp(const char *a, const char *b)
{
	return ascii_strncasecmp(a, b, (size_t)-1);
}

bool contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (ascii_strncasecmp(hay, needle, n) == 0)
			return true;
	return n == 0;
}

size_t utf8_seq(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = n ? s[0] : 0;
	size_t len;
	unsigned min;
	if (n == 0)
		return 0;
	if (c < 0x80)
		return 1;
	if ((c & 0xE0) == 0xC0)
		len = 2, min = 0x80, c &= 0x1F;
	else if ((c & 0xF0) == 0xE0)
		len = 3, min = 0x800, c &= 0x0F;
	else if ((c & 0xF8) == 0xF0)
		len = 4, min = 0x10000, c &= 0x07;
	else
		return 0;
	/* A continuation byte is never NUL: a string's end stops the loop. */
	for (size_t k = 1; k < len; k++) {
		if (k >= n || (s[k] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[k] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	return len;
}

bool utf8_valid(const char *s, size_t n)
{
	for (size_t i = 0, k; i < n; i += k)
		if ((k = utf8_seq(s + i, n - i)) == 0)
			return false;
	return true;
}

char *printable(const char *s)
{
	size_t n = strlen(s);
	char *out = xmalloc(4 * n + 1), *o = out;
	for (size_t i = 0, k; i < n; i += k) {
		unsigned char c = (unsigned char)s[i];
		k = utf8_seq(s + i, n - i);
		if (k == 0 || c < 0x20 || c == 0x7f) {
			o += sprintf(o, "\\x%02x", c);
			k = 1;
		} else {
			memcpy(o, s + i, k);
			o += k;
		}
	}
	*o = '\0';
	return out;
}

int utf8_width(const char *s)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	int w = 0;
	size_t n = strlen(s);
	while (n) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s, n, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			/* Not a UTF-8 locale or a bad byte: count it as one column. */
			memset(&st, 0, sizeof st);
			k = 1;
			w++;
		} else {
			int cw = wcwidth(wc);
			w += cw > 0 ? cw : 0;
		}
		s += k;
		n -= k;
	}
	return w;
}

size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int count_words(const char *s)
{
	int words = 0;
	while (*s) {
		while (*s && isspace((unsigned char)*s))
			s++;
		bool wordish = false;
		while (*s && !isspace((unsigned char)*s)) {
			unsigned char c = (unsigned char)*s;
			if (isalnum(c) || c >= 0x80)
				wordish = true;
			s++;
		}
		if (wordish)
			words++;
	}
	return words;
}

char *slugify(const char *title)
{
	size_t n = strlen(title);
	char *out = xmalloc(n + 1), *o = out;
	bool dash = false;
	for (const char *p = title; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (isalnum(c) && c < 0x80) {
			if (dash && o != out)
				*o++ = '-';
			*o++ = (char)ascii_tolower(c);
			dash = false;
		} else {
			dash = true;
		}
	}
	*o = '\0';
	if (!*out) {
		free(out);
		return xstrdup("story");
	}
	if (strlen(out) > 60)
		out[60] = '\0';
	return out;
}

char *read_file(const char *path, size_t max, size_t *len, char *errbuf)
{
	/* Non-blocking, so that a FIFO or a device cannot hang us before the
	 * type check refuses it. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		set_err(errbuf, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		set_err(errbuf, "%s: not a regular file", path);
		close(fd);
		return NULL;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if ((size_t)st.st_size > max) {
		set_err(errbuf, "%s:1: file is too large (%lld bytes, the limit is %zu)",
			path, (long long)st.st_size, max);
		close(fd);
		return NULL;
	}
	/* The size is a hint: the file may grow or shrink while it is read. */
	struct strbuf sb = STRBUF_INIT;
	ssize_t got = strbuf_read(&sb, fd, (size_t)st.st_size, max);
	int saved = errno;
	close(fd);
	if (got < 0)
		set_err(errbuf, "%s: read failed: %s", path, strerror(saved));
	else if ((size_t)got > max)
		set_err(errbuf, "%s:1: file is too large (the limit is %zu bytes)", path, max);
	else
		return strbuf_detach(&sb, len);
	strbuf_release(&sb);
	return NULL;
}

char *skip_bom(char *text)
{
	return strncmp(text, "\xEF\xBB\xBF", 3) == 0 ? text + 3 : text;
}

int mkdir_p(const char *path, mode_t mode)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, mode) < 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	int rc = mkdir(p, mode);
	free(p);
	if (rc < 0 && errno != EEXIST)
		return -1;
	if (!is_dir(path)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *path_join(const char *a, const char *b)
{
	if (b[0] == '/')
		return xstrdup(b);
	size_t n = strlen(a);
	return xasprintf("%s%s%s", a, n && a[n - 1] == '/' ? "" : "/", b);
}

double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

double monotonic_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

void format_local_time(long long epoch, char *buf, size_t n)
{
	time_t t = (time_t)epoch;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

void format_mmss(double seconds, char *buf, size_t n)
{
	if (seconds < 0)
		seconds = 0;
	long s = (long)(seconds + 0.5);
	snprintf(buf, n, "%ld:%02ld", s / 60, s % 60);
}

void strvec_push(struct strvec *sv, const char *s)
{
	GROW(sv->v, sv->cap, sv->n + 1);
	sv->v[sv->n++] = xstrdup(s);
}

void strvec_free(struct strvec *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	memset(sv, 0, sizeof *sv);
}

bool strvec_has(const struct strvec *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return true;
	return false;
}

void json_string(FILE *out, const char *s)
{
	if (!s) {
		fputs("null", out);
		return;
	}
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (*p < 0x20) {
				fprintf(out, "\\u%04x", *p);
			} else if (*p < 0x80) {
				fputc(*p, out);
			} else {
				/* JSON is UTF-8: a byte that is not becomes U+FFFD. */
				size_t k = utf8_seq((const char *)p, 4);
				if (k == 0)
					fputs("\\ufffd", out);
				else
					fwrite(p, 1, k, out);
				p += k ? k - 1 : 0;
			}
		}
	}
	fputc('"', out);
}

void json_number(FILE *out, double v)
{
	if (v != v || v > 1e300 || v < -1e300)
		fputs("null", out);
	else if (v == (double)(long long)v && v < 1e15 && v > -1e15)
		fprintf(out, "%lld", (long long)v);
	else
		fprintf(out, "%.4f", v);
}

int run_editor(const char *path, char *errbuf)
{
	const char *ed = getenv("VISUAL");
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	pid_t pid = fork();
	if (pid < 0)
		return set_err(errbuf, "cannot start the editor: %s", strerror(errno));
	if (pid == 0) {
		/* As git runs it: the setting is shell text (quotes, spaces in a
		 * path, flags all work), the file is "$@", never expanded. */
		char *cmd = xasprintf("%s \"$@\"", ed);
		execl("/bin/sh", "sh", "-c", cmd, ed, path, (char *)NULL);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return set_err(errbuf, "the editor (%s) exited with an error", ed);
	return 0;
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Levenshtein distance over bytes, two rows; ASCII case folded. */
int edit_distance(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	int *prev = xcalloc(nb + 1, sizeof *prev), *cur = xcalloc(nb + 1, sizeof *cur);
	for (size_t j = 0; j <= nb; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= na; i++) {
		cur[0] = (int)i;
		for (size_t j = 1; j <= nb; j++) {
			int same = ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]);
			int best = prev[j - 1] + !same;
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			cur[j] = best;
		}
		int *t = prev;
		prev = cur;
		cur = t;
	}
	int d = prev[nb];
	free(prev);
	free(cur);
	return d;
}

int temp_beside(const char *path, char **tmp, char *errbuf)
{
	*tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(*tmp); /* 0600 */
	if (fd < 0) {
		set_err(errbuf, "%s: cannot create: %s", *tmp, strerror(errno));
		free(*tmp);
		*tmp = NULL;
	}
	return fd;
}

int install_file(const char *tmp, const char *path, bool replace, char *errbuf)
{
	int rc = 0;
	if (replace && rename(tmp, path) < 0)
		rc = set_err(errbuf, "%s: cannot write: %s", path, strerror(errno));
	else if (!replace && link(tmp, path) < 0)
		rc = set_err(errbuf, errno == EEXIST ? "%s: already exists; --force replaces it"
						     : "%s: cannot write: %s",
			     path, strerror(errno));
	if (rc < 0 || !replace)
		unlink(tmp);
	return rc;
}

int write_file_new(const char *path, const char *text, size_t len, bool replace, char *errbuf)
{
	char *tmp;
	int fd = temp_beside(path, &tmp, errbuf);
	if (fd < 0)
		return -1;
	int rc = 0;
	for (const char *p = text; len && rc == 0;) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			rc = set_err(errbuf, "%s: cannot write: %s", path, strerror(errno));
		else {
			p += w;
			len -= (size_t)w;
		}
	}
	return temp_finish(fd, tmp, path, replace, rc, errbuf);
}

int temp_finish(int fd, char *tmp, const char *path, bool replace, int rc, char *errbuf)
{
	if (rc == 0 && fsync(fd) < 0)
		rc = set_err(errbuf, "%s: cannot write: %s", path, strerror(errno));
	if (close(fd) < 0 && rc == 0)
		rc = set_err(errbuf, "%s: cannot write: %s", path, strerror(errno));
	if (rc == 0)
		rc = install_file(tmp, path, replace, errbuf);
	else
		unlink(tmp);
	free(tmp);
	return rc;
}
