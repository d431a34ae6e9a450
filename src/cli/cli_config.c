/* cli_config.c - the settings in the front end: loading the settings file
 * once at start, the defaults the commands take from it, and
 * `rehearse config` to show and change them.
 *
 * The settings module (rehearse/config.h) resolves environment, file and
 * built-in; the command line is applied on top by each command, after
 * app_take_defaults(). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rehearse/paths.h"
#include "session.h"

void app_settings_load(struct app *a)
{
	char *path = config_default_path();
	config_load(&a->config, path);
	free(path);
	/* The screens follow NO_COLOR; "color = no" in the file says the same. */
	if (!config_yes(&a->config, CFG_COLOR))
		setenv("NO_COLOR", "1", 0);
}

void app_settings_warn(const struct app *a)
{
	for (size_t i = 0; i < a->config.problems.n; i++)
		warning("%s", a->config.problems.v[i]);
}

void app_take_defaults(const struct app *a, struct take_opts *o)
{
	const struct config *c = &a->config;
	o->seconds = (double)config_number(c, CFG_SECONDS);
	o->prep = (double)config_number(c, CFG_PREP);
	o->overtime = config_yes(c, CFG_OVERTIME);
	const char *dev = config_get(c, CFG_DEVICE);
	o->device = strcmp(dev, "default") ? dev : NULL;
	level_parse(config_get(c, CFG_LEVEL), &o->level);
}

int app_round_size(const struct app *a)
{
	return (int)config_number(&a->config, CFG_ROUND_SIZE);
}

/* A folder: its option, else the environment or the file, else the
 * built-in that paths.h works out. why says which, as for --help. */
static char *resolve(struct app *a, enum config_key k, const char *opt, const char **why,
		     char *(*builtin)(const char *, const char **))
{
	const struct config_value *v = &a->config.v[k];
	if ((opt && *opt) || v->source != CFG_FROM_FILE)
		return builtin(opt, why);
	free(a->config_why[k]);
	a->config_why[k] = xasprintf("%s:%d", a->config.path, v->line);
	*why = a->config_why[k];
	return xstrdup(v->value);
}

char *app_bank_dir(struct app *a, const char **why)
{
	return resolve(a, CFG_BANK, a->bank_opt, why, resolve_bank_dir);
}

char *app_data_dir(struct app *a, const char **why)
{
	return resolve(a, CFG_DATA, a->data_opt, why, resolve_data_dir);
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
		printf("%-10s = %-34s # %s\n", config_key_info(k)->name, value, from);
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
		printf("%-10s %s (%s; built-in %s%s%s)\n", info->name, info->help, info->values,
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
	free(norm);
	if (rc < 0)
		return error("%s", errbuf);
	const char *env = config_key_info(k)->env;
	if (env && getenv(env) && *getenv(env))
		warning("%s is set in the environment, which wins over the file", env);
	return 0;
}

/* Parse config's options: 0, -1 after --help, or EXIT_USAGE. */
static int config_options(struct app *a, int argc, char **argv, bool *keys, bool *unset)
{
	enum { OPT_KEYS = 2100, OPT_UNSET };
	static const struct option opts[] = {{"keys", no_argument, NULL, OPT_KEYS},
					     {"unset", no_argument, NULL, OPT_UNSET},
					     COMMON_LONG_OPTS,
					     {NULL, 0, NULL, 0}};
	int opt;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		int c = app_common_option(a, opt, "config");
		if (c != 0) {
			if (c < 0)
				return -1;
		} else if (opt == OPT_KEYS) {
			*keys = true;
		} else if (opt == OPT_UNSET) {
			*unset = true;
		} else {
			return app_usage_error("config");
		}
	}
	return 0;
}

int cmd_config(struct app *a, int argc, char **argv)
{
	bool keys = false, unset = false;
	int rc = config_options(a, argc, argv, &keys, &unset);
	if (rc != 0)
		return rc < 0 ? 0 : rc;
	int nargs = argc - optind;
	if (keys)
		return nargs == 0 && !unset ? print_keys() : app_usage_error("config");
	if (nargs > 2 || (unset && nargs != 1))
		return app_usage_error("config");
	if (nargs == 0)
		return print_settings(a);
	if (nargs == 1 && !unset)
		return print_one(a, argv[optind]) < 0 ? 1 : 0;
	return set_setting(a, argv[optind], unset ? NULL : argv[optind + 1]) < 0 ? 1 : 0;
}

void app_settings_free(struct app *a)
{
	config_free(&a->config);
	for (int k = 0; k < CFG_NKEYS; k++)
		free(a->config_why[k]);
}
