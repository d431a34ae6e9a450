/* SPDX-License-Identifier: GPL-3.0-or-later */
/* paths.h - the built-in places of the prompt bank and the data folder,
 * used when neither the command line, the environment nor the settings
 * file names one (that order is resolved once, in src/app/settings.c).
 *
 * Bundled bank: the checkout's prompts/ when a developer build runs from
 * inside its checkout, else the installed copy: share/rehearse/prompts
 * beside the executable's bin/, else the configured prefix's. Default data
 * folder: the checkout's recordings/ for a developer build run from its
 * checkout, else $XDG_DATA_HOME/rehearse (~/.local/share/rehearse). */
#ifndef REHEARSE_PATHS_H
#define REHEARSE_PATHS_H

/* Each returns a newly allocated path. */
char *bundled_bank_dir(void);
/* *why: "checkout" or "XDG_DATA_HOME". */
char *default_data_dir(const char **why);

/* Create a missing data folder 0700. An existing one is left as it is
 * (except the checkout's own recordings/, which git makes 0755).
 * Returns 0; 1 with a warning in errbuf when others may read or enter the
 * folder; -1 with errbuf filled when it cannot be created or written. */
int ensure_data_dir(const char *dir, char *errbuf);

#endif
