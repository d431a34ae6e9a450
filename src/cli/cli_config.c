/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_config.c - the settings in the front end: the take defaults the
 * commands take from them, and `rehearse config` to show and change them.
 *
 * The settings module (rehearse/config.h) resolves environment, file and
 * built-in, and the application context loads it (src/app/settings.c);
 * the command line is applied on top by each command, after
 * app_take_defaults(). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rehearse/paths.h"
#include "session.h"

void app_take_defaults(const struct app *a, struct take_opts *o)
{
	const struct config *c = &a->config;
	o->seconds = (double)config_number(c, CFG_SECONDS);
	o->prep = (double)config_number(c, CFG_PREP);
	o->overtime = config_yes(c, CFG_OVERTIME);
	const char *dev = config_get(c, CFG_DEVICE);
	o->device = strcmp(dev, "default") ? dev : NULL;
	level_parse(config_get(c, CFG_LEVEL), &o->level);
	o->round_size = (int)config_number(c, CFG_ROUND_SIZE);
	o->no_voice = !config_yes(c, CFG_VOICE);
	o->show_card = config_yes(c, CFG_ROUND_CARD);
	o->no_follow_ups = !config_yes(c, CFG_FOLLOW_UPS);
	o->no_story_follow = !config_yes(c, CFG_STORY_FOLLOW);
}

/* The value in force and where it came from; folders are shown as the
 * path they resolve to. Caller frees *value and *from. */
static void value_in_force(struct app *a, int k, char **value, char **from)
{
	const struct config_value *v = &a->config.v[k];
	const char *why = "built-in";
	*value = k == CFG_BANK ? app_bank_dir(a, &why)
		 : k == CFG_DATA ? app_data_dir(a, &why)
				 : xstrdup(v->value);
	if (k == CFG_BANK || k == CFG_DATA)
		*from = xstrdup(why);
	else if (v->source == CFG_FROM_FILE)
		*from = xasprintf("%s:%d", a->config.path, v->line);
	else
		*from = xstrdup(v->source == CFG_FROM_ENV ? config_key_info(k)->env : why);
}

static int print_settings(struct app *a)
{
	printf("# settings file: %s%s\n", a->config.path,
	       access(a->config.path, F_OK) == 0 ? "" : " (not there yet)");
	for (int k = 0; k < CFG_NKEYS; k++) {
		char *value, *from;
		value_in_force(a, k, &value, &from);
		printf("%-12s = %-32s # %s\n", config_key_info(k)->name, value, from);
		free(value);
		free(from);
	}
	return 0;
}

static int print_one(struct app *a, const char *key)
{
	int k = config_key_find(key);
	if (k < 0)
		return error("no setting '%s'; 'rehearse config --keys' lists them", key);
	char *value, *from;
	value_in_force(a, k, &value, &from);
	printf("%s\n", value);
	free(value);
	free(from);
	return 0;
}

static int print_keys(void)
{
	for (int k = 0; k < CFG_NKEYS; k++) {
		const struct config_key_info *info = config_key_info(k);
		printf("%-12s %s (%s; built-in %s%s%s)\n", info->name, info->help, info->values,
		       info->builtin, info->env ? "; overridden by " : "",
		       info->env ? info->env : "");
	}
	return 0;
}

static int set_setting(struct app *a, const char *key, const char *value)
{
	char errbuf[ERRBUF_SIZE], *norm = NULL;
	int k = config_key_find(key);
	if (k < 0)
		return error("no setting '%s'; 'rehearse config --keys' lists them", key);
	if (value && config_check(k, value, &norm, errbuf) < 0)
		return error("%s", errbuf);
	int rc = config_write(a->config.path, config_key_info(k)->name, norm, errbuf);
	if (rc == 0 && norm) /* say what was done, as git config does not */
		printf("%s = %s (written to %s)\n", config_key_info(k)->name, norm,
		       a->config.path);
	else if (rc == 0)
		printf("%s removed from %s; the %s value applies\n", config_key_info(k)->name,
		       a->config.path, config_key_info(k)->env ? "environment's or built-in" : "built-in");
	free(norm);
	if (rc < 0)
		return error("%s", errbuf);
	const char *env = config_key_info(k)->env;
	if (env && getenv(env) && *getenv(env))
		warning("%s is set in the environment, which wins over the file", env);
	return 0;
}

int cmd_config(struct app *a, int argc, char **argv)
{
	bool keys = false, unset = false;
	const struct cli_option opts[] = {
		OPT_FLAG("unset", &unset, "remove KEY from the settings file"),
		OPT_FLAG("keys", &keys, "every setting, what it takes and its built-in value"),
		OPT_END,
	};
	const struct cli_command cmd = {
		"config", "rehearse config [KEY [VALUE] | --unset KEY | --keys]", opts, 0, 2, false};
	int n = parse_options(a, &cmd, argc, argv);
	if (n < 0)
		return parse_exit_code(n);
	if (keys)
		return n == 0 && !unset ? print_keys() : usage_error(&cmd);
	if (unset && n != 1)
		return usage_error(&cmd);
	if (n == 0)
		return print_settings(a);
	if (n == 1 && !unset)
		return print_one(a, argv[1]) < 0 ? 1 : 0;
	return set_setting(a, argv[1], unset ? NULL : argv[2]) < 0 ? 1 : 0;
}
