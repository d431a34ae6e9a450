/* paths.h - where the prompt bank and the data folder are.
 *
 * Bank: --bank, else $REHEARSE_BANK, else the bundled bank (the checkout's
 * prompts/ when run from a build inside the checkout, else the installed
 * copy: share/rehearse/prompts beside the executable's bin/, else the
 * configured data folder's). Data: --data, else $REHEARSE_DATA, else the checkout's recordings/
 * when run from a checkout, else $XDG_DATA_HOME/rehearse
 * (~/.local/share/rehearse). */
#ifndef REHEARSE_PATHS_H
#define REHEARSE_PATHS_H

/* Each returns a newly allocated path and sets *why to a short description
 * of where it came from ("--bank", "REHEARSE_DATA", "checkout", ...). */
char *resolve_bank_dir(const char *option, const char **why);
char *resolve_data_dir(const char *option, const char **why);
char *bundled_bank_dir(void);

/* Create a missing data folder 0700. An existing one is left as it is
 * (except the checkout's own recordings/, which git makes 0755).
 * Returns 0; 1 with a warning in errbuf when others may read or enter the
 * folder; -1 with errbuf filled when it cannot be created or written. */
int ensure_data_dir(const char *dir, char *errbuf);

#endif
