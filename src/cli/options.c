/* SPDX-License-Identifier: GPL-3.0-or-later */
/* options.c - see options.h. */
#include "options.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"

int opt_flag(const struct cli_option *o, const char *arg)
{
	(void)arg;
	*(bool *)o->value = true;
	return 0;
}

int opt_set_int(const struct cli_option *o, const char *arg)
{
	(void)arg;
	*(int *)o->value = (int)o->min;
	return 0;
}

int opt_string(const struct cli_option *o, const char *arg)
{
	*(const char **)o->value = arg;
	return 0;
}

static int whole_in_range(const struct cli_option *o, const char *arg, long long *v)
{
	*v = parse_count(arg);
	return *v < 0 || *v < o->min || *v > o->max ? -1 : 0;
}

int opt_int(const struct cli_option *o, const char *arg)
{
	long long v;
	if (whole_in_range(o, arg, &v) < 0)
		return -1;
	*(int *)o->value = (int)v;
	return 0;
}

int opt_llong(const struct cli_option *o, const char *arg)
{
	long long v;
	if (whole_in_range(o, arg, &v) < 0)
		return -1;
	*(long long *)o->value = v;
	return 0;
}

int opt_whole_seconds(const struct cli_option *o, const char *arg)
{
	long long v;
	if (whole_in_range(o, arg, &v) < 0)
		return -1;
	*(double *)o->value = (double)v;
	return 0;
}

/* An empty folder name is refused: it would silently mean the default. */
#define FOLDER_TAKES "a folder (leave the option out for the default)"
static int opt_folder(const struct cli_option *o, const char *arg)
{
	return *arg ? opt_string(o, arg) : -1;
}

/* The options every command takes, pointing into the application. */
#define COMMON_COUNT 4
static void common_options(struct app *a, bool *help, struct cli_option out[COMMON_COUNT])
{
	const struct cli_option common[COMMON_COUNT] = {
		OPT_CALLBACK("bank", "DIR", &a->bank_opt, opt_folder, FOLDER_TAKES,
			     "prompt bank folder (also REHEARSE_BANK)"),
		OPT_CALLBACK("data", "DIR", &a->data_opt, opt_folder, FOLDER_TAKES,
			     "data folder for recordings and history (also REHEARSE_DATA)"),
		OPT_STRING("audio", "NAME", &a->audio_opt,
			   "audio backend: portaudio (the default) or fake (for tests)"),
		OPT_FLAG("help", help, "this help"),
	};
	memcpy(out, common, sizeof common);
}

/* The option called name (or a unique prefix of one); NULL and a message
 * if there is none or more than one. */
static const struct cli_option *find_long(const struct cli_option *const tables[2],
					  const char *name, size_t len)
{
	const struct cli_option *found = NULL;
	int prefixes = 0;
	for (int t = 0; t < 2; t++)
		for (const struct cli_option *o = tables[t]; o && o->name; o++) {
			if (strncmp(o->name, name, len) != 0)
				continue;
			if (o->name[len] == '\0')
				return o;
			found = o;
			prefixes++;
		}
	if (prefixes == 1)
		return found;
	error(prefixes ? "option '--%.*s' is ambiguous" : "unknown option '--%.*s'", (int)len,
	      name);
	return NULL;
}

static const struct cli_option *find_short(const struct cli_option *opts, char c)
{
	for (const struct cli_option *o = opts; o && o->name; o++)
		if (o->short_name && o->short_name == c)
			return o;
	error("unknown option '-%c'", c);
	return NULL;
}

/* The option a word names; *value points at a value written into the
 * word (--name=VALUE, -xVALUE), else NULL. NULL after a message. */
static const struct cli_option *word_option(const struct cli_option *const tables[2],
					    const char *word, const char **value)
{
	*value = NULL;
	if (word[1] == '-') {
		const char *eq = strchr(word + 2, '=');
		if (eq)
			*value = eq + 1;
		return find_long(tables, word + 2, eq ? (size_t)(eq - word - 2) : strlen(word + 2));
	}
	const struct cli_option *o = find_short(tables[0], word[1]);
	if (o && word[2] && !o->arg) {
		error("unknown option '%s'", word);
		return NULL;
	}
	if (word[2])
		*value = word + 2;
	return o;
}

/* Apply one option at argv[*i]; advances *i past a separate value. */
static int apply_option(const struct cli_option *const tables[2], int argc, char **argv,
			int *i)
{
	const char *arg;
	const struct cli_option *o = word_option(tables, argv[*i], &arg);
	if (!o)
		return -1;
	if (!o->arg && arg)
		return error("option '--%s' takes no value", o->name);
	if (o->arg && !arg && *i + 1 < argc)
		arg = argv[++*i];
	else if (o->arg && !arg)
		return error("option '--%s' needs a value (%s)", o->name, o->arg);
	if (o->set(o, arg) == 0)
		return 0;
	error("--%s takes %s, not '%s'", o->name, o->takes ? o->takes : "another value", arg);
	return -2; /* a refused value: the message says it all */
}

static int parse_only(struct app *a, const struct cli_command *cmd, int argc, char **argv)
{
	bool help = false, operands_only = false;
	struct cli_option common[COMMON_COUNT + 1] = {OPT_END, OPT_END, OPT_END, OPT_END, OPT_END};
	common_options(a, &help, common);
	const struct cli_option *const tables[2] = {cmd->opts, common};
	int n = 1;
	for (int i = 1; i < argc; i++) {
		const char *w = argv[i];
		if (operands_only || w[0] != '-' || w[1] == '\0') {
			argv[n++] = argv[i];
			operands_only = cmd->stop_at_operand;
			continue;
		}
		if (!strcmp(w, "--")) {
			operands_only = true;
			continue;
		}
		int rc = apply_option(tables, argc, argv, &i);
		if (rc == -2)
			return PARSE_USAGE;
		if (rc < 0)
			return usage_error(cmd), PARSE_USAGE;
		if (help) {
			if (cmd->name)
				print_command_help(cmd, command_summary(cmd->name), stdout);
			return PARSE_HELP;
		}
	}
	int k = n - 1;
	if (k < cmd->min_operands || (cmd->max_operands >= 0 && k > cmd->max_operands))
		return usage_error(cmd), PARSE_USAGE;
	return k;
}

int open_needs(struct app *a, unsigned needs)
{
	a->needs |= needs;
	if ((needs & NEED_BANK) && app_bank(a) < 0)
		return -1;
	if ((needs & NEED_STORE) && app_store(a) < 0)
		return -1;
	if ((needs & NEED_STORE_READ) && app_store_read(a) < 0)
		return -1;
	if ((needs & NEED_STORE_THERE) && app_store_there(a) < 0)
		return -1;
	return 0;
}

int parse_options(struct app *a, const struct cli_command *cmd, int argc, char **argv)
{
	int n = parse_only(a, cmd, argc, argv);
	return n >= 0 && open_needs(a, a->needs) < 0 ? PARSE_FAILED : n;
}

int parse_id_command(struct app *a, const struct cli_command *cmd, int argc, char **argv,
		     long long *id)
{
	int n = parse_only(a, cmd, argc, argv);
	if (n < 0)
		return parse_exit_code(n);
	*id = parse_count(argv[1]);
	if (*id <= 0)
		return usage_error(cmd);
	return open_needs(a, a->needs) < 0 ? 1 : -1;
}

int parse_exit_code(int parsed)
{
	return parsed == PARSE_HELP ? 0 : parsed == PARSE_FAILED ? 1 : EXIT_USAGE;
}

static void print_options(const struct cli_option *opts, FILE *out)
{
	for (const struct cli_option *o = opts; o && o->name; o++) {
		char left[64], sh[8] = "";
		if (o->short_name)
			snprintf(sh, sizeof sh, "-%c, ", o->short_name);
		snprintf(left, sizeof left, "%s--%s%s%s", sh, o->name, o->arg ? " " : "",
			 o->arg ? o->arg : "");
		fprintf(out, "  %-18s %s\n", left, o->help);
	}
}

int usage_error(const struct cli_command *cmd)
{
	fprintf(stderr, "usage: %s\n", cmd->synopsis);
	print_options(cmd->opts, stderr);
	return EXIT_USAGE;
}

void print_command_help(const struct cli_command *cmd, const char *summary, FILE *out)
{
	fprintf(out, "%s\n\nusage: %s\n", summary ? summary : cmd->name, cmd->synopsis);
	print_options(cmd->opts, out);
	fprintf(out, "\nEvery command also takes --bank DIR, --data DIR and --audio NAME.\n");
}
