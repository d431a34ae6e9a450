/* SPDX-License-Identifier: GPL-3.0-or-later */
/* config.h - the settings file: the defaults people would otherwise type on
 * every run, kept in $XDG_CONFIG_HOME/rehearse/config
 * (~/.config/rehearse/config) as plain "key = value" lines; '#' starts a
 * comment line.
 *
 * Every setting is declared once, in the table behind config_key_info():
 * its name, the environment variable that overrides it (if any), its
 * built-in value and how a value is checked. Parsing, printing,
 * `rehearse config`, the man page and the completions all follow it.
 *
 * Precedence: the command line (applied by the caller on top of
 * config_get()), then the environment, then the file, then the built-in.
 *
 * A bad line never stops the program: config_load() keeps the rest and
 * collects "file:line: what is wrong" messages for the caller to print. */
#ifndef REHEARSE_CONFIG_H
#define REHEARSE_CONFIG_H

#include <stdbool.h>

#include "rehearse/util.h"

enum config_key {
	CFG_SECONDS,	/* answer limit, 5..3600 */
	CFG_PREP,	/* preparation seconds 0..600, or "off" (wait for Space) */
	CFG_OVERTIME,	/* yes/no */
	CFG_DEVICE,	/* input device, number or name; "default" */
	CFG_LEVEL,	/* junior, senior or any */
	CFG_ROUND_SIZE, /* questions in a mock round, 1..50 */
	CFG_BANK,	/* prompt bank folder; "bundled" */
	CFG_DATA,	/* data folder; "default" */
	CFG_COLOR,	/* yes/no */
	CFG_VOICE,	/* yes/no: a round reads its questions aloud */
	CFG_ROUND_CARD, /* yes/no: a round shows the cue card from the start */
	CFG_KEEP_AS,	/* wav or flac: how finished takes are kept */
	CFG_FOLLOW_UPS, /* yes/no: a round asks follow-up questions */
	CFG_STORY_FOLLOW, /* yes/no: follow the told story (issue 18) */
	CFG_NKEYS
};

enum config_source { CFG_FROM_BUILTIN, CFG_FROM_FILE, CFG_FROM_ENV };

struct config_key_info {
	const char *name;
	const char *env;     /* overriding environment variable, or NULL */
	const char *builtin; /* the value when nothing sets it */
	const char *values;  /* what it takes, for messages and help */
	const char *help;    /* one line */
};

/* The table, or NULL past the last key. */
const struct config_key_info *config_key_info(enum config_key k);

/* The whole numbers a number key takes (for the others, 0 to 0). The
 * command-line options that set the same thing (--seconds, --prep,
 * --count) take their range and its words (info->values) from here. */
struct config_range {
	long min, max;
};
struct config_range config_key_range(enum config_key k);
/* The key called name ("colour" is taken for "color"); -1 if none. */
int config_key_find(const char *name);

/* Check a value for key k and write its normal form (e.g. "On" -> "yes",
 * "~/bank" -> "/home/me/bank") into a new string *out. Returns 0, or -1
 * with "KEY takes VALUES, not 'VALUE'" in errbuf. */
int config_check(enum config_key k, const char *value, char **out, char *errbuf);

struct config_value {
	char *value; /* normal form; never NULL after config_load */
	enum config_source source;
	int line; /* in the file, when source is CFG_FROM_FILE */
};

struct config {
	char *path; /* the settings file (it need not exist) */
	struct config_value v[CFG_NKEYS];
	struct strvec problems; /* "file:line: ..." for the caller to show */
};

/* $XDG_CONFIG_HOME/rehearse/config when XDG_CONFIG_HOME is absolute, else
 * $HOME/.config/rehearse/config. Newly allocated. */
char *config_default_path(void);

/* Built-ins, then the file at path (a missing file is no problem), then the
 * environment. Never fails; returns the number of problems collected. */
int config_load(struct config *c, const char *path);
void config_free(struct config *c);

const char *config_get(const struct config *c, enum config_key k);
/* The value as a number (keys taking numbers; "off" gives -1). */
long config_number(const struct config *c, enum config_key k);
bool config_yes(const struct config *c, enum config_key k);

/* Set key to value in the file at path (value NULL removes it), keeping
 * every other line and comment. The folder is created 0700, the file is
 * written 0600 through a temporary file and rename, so a crash leaves the
 * old file or the new one. Returns 0, or -1 with errbuf. */
int config_write(const char *path, const char *key, const char *value, char *errbuf);

#endif
