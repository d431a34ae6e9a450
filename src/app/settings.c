/* SPDX-License-Identifier: GPL-3.0-or-later */
/* settings.c - the settings file in the application context: loaded once
 * at start, and the one place the bank and data folders are resolved.
 * The settings module (rehearse/config.h) reads the environment and the
 * file; the command line wins over both (--bank, --data here; the take
 * options in cli_config.c's app_take_defaults), and paths.h gives the
 * built-in folder when nothing names one. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "rehearse/paths.h"
#include "rehearse/util.h"

void app_settings_load(struct app *a)
{
	char *path = config_default_path();
	config_load(&a->config, path);
	free(path);
}

void app_settings_warn(const struct app *a)
{
	for (size_t i = 0; i < a->config.problems.n; i++)
		warning("%s", a->config.problems.v[i]);
}

bool app_color(const struct app *a)
{
	return config_yes(&a->config, CFG_COLOR);
}

/* A folder: command line > environment > settings file > built-in (a
 * value of "bundled" or "default" asks for the built-in). why says which,
 * as `rehearse --help` and `rehearse config` show it. */
static char *resolve(struct app *a, enum config_key k, const char *opt, const char **why)
{
	const struct config_value *v = &a->config.v[k];
	const struct config_key_info *info = config_key_info(k);
	if (opt) {
		*why = k == CFG_BANK ? "--bank" : "--data";
		return xstrdup(opt);
	}
	if (v->source != CFG_FROM_BUILTIN && strcmp(v->value, info->builtin)) {
		if (v->source == CFG_FROM_ENV) {
			*why = info->env;
		} else {
			free(a->config_why[k]);
			a->config_why[k] = xasprintf("%s:%d", a->config.path, v->line);
			*why = a->config_why[k];
		}
		return xstrdup(v->value);
	}
	if (k == CFG_BANK) {
		*why = "bundled";
		return bundled_bank_dir();
	}
	return default_data_dir(why);
}

char *app_bank_dir(struct app *a, const char **why)
{
	return resolve(a, CFG_BANK, a->bank_opt, why);
}

char *app_data_dir(struct app *a, const char **why)
{
	return resolve(a, CFG_DATA, a->data_opt, why);
}
