/* settings.c - the settings file in the application context: loaded once
 * at start, and the folders it may name. The settings module
 * (rehearse/config.h) resolves environment, file and built-in; the command
 * line wins over all three (--bank, --data here; the take options in
 * cli_config.c's app_take_defaults). */
#include <stdlib.h>

#include "app.h"
#include "rehearse/paths.h"
#include "rehearse/util.h"

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
