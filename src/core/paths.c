/* SPDX-License-Identifier: GPL-3.0-or-later */
/* paths.c - see paths.h. */
#include "rehearse/paths.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rehearse/util.h"

/* True when this executable lives inside the source checkout it was built
 * from, i.e. it is being run from a checkout rather than installed. Only a
 * developer build knows its checkout (CMakeLists.txt, REHEARSE_DEVELOPER):
 * a distribution's binary carries no path of the machine it was built on. */
#ifdef REHEARSE_SOURCE_DIR
static bool running_from_checkout(void)
{
	char exe[PATH_MAX], src[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0 || !realpath(REHEARSE_SOURCE_DIR, src))
		return false;
	exe[n] = '\0';
	size_t k = strlen(src);
	return strncmp(exe, src, k) == 0 && exe[k] == '/';
}
#define CHECKOUT(path) REHEARSE_SOURCE_DIR path
#else
static bool running_from_checkout(void)
{
	return false;
}
#define CHECKOUT(path) NULL
#endif

/* BIN/../share/rehearse/prompts next to this executable, if it is there:
 * an installed copy found wherever the prefix was (cmake --install
 * --prefix DIR need not match the prefix it was configured with). */
static char *installed_next_to_exe(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	char *dir = xasprintf("%s/../share/rehearse/prompts", exe), real[PATH_MAX];
	struct stat st;
	bool found = stat(dir, &st) == 0 && S_ISDIR(st.st_mode) && realpath(dir, real);
	free(dir);
	return found ? xstrdup(real) : NULL;
}

char *bundled_bank_dir(void)
{
	if (running_from_checkout())
		return xstrdup(CHECKOUT("/prompts"));
	char *dir = installed_next_to_exe();
	return dir ? dir : xstrdup(REHEARSE_DATADIR "/prompts");
}

char *default_data_dir(const char **why)
{
	if (running_from_checkout()) {
		*why = "checkout";
		return xstrdup(CHECKOUT("/recordings"));
	}
	*why = "XDG_DATA_HOME";
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/rehearse", xdg);
	const char *home = getenv("HOME");
	return xasprintf("%s/.local/share/rehearse", home && *home ? home : ".");
}

int ensure_data_dir(const char *dir, char *errbuf)
{
	/* An existing folder is the person's own choice (perhaps shared, or
	 * reached through a link): never change its mode, only say so. */
	if (mkdir_p(dir, 0700) < 0)
		return set_err(errbuf, "%s: cannot create the data folder: %s", dir,
			       strerror(errno));
	if (access(dir, W_OK | X_OK) < 0)
		return set_err(errbuf, "%s: the data folder is not writable: %s", dir,
			       strerror(errno));
	struct stat st;
	char *log = path_join(dir, "rehearse.log");
	bool link = lstat(log, &st) == 0 && S_ISLNK(st.st_mode);
	if (link)
		set_err(errbuf,
			"%s: is a symbolic link; rehearse does not follow links in its data "
			"folder (remove it)",
			log);
	free(log);
	if (link)
		return -1;
	/* The checkout's own recordings/ comes from git as 0755: it is ours
	 * alone, so tighten it (a real folder only, never through a link). */
	const char *own = CHECKOUT("/recordings");
	if (own && !strcmp(dir, own) && lstat(dir, &st) == 0 &&
	    S_ISDIR(st.st_mode) && st.st_uid == getuid() && (st.st_mode & 077))
		chmod(dir, 0700);
	if (stat(dir, &st) == 0 && (st.st_mode & 077)) {
		set_err(errbuf,
			"%s: the data folder is open to others (mode %03o); your recordings "
			"are personal: 'chmod 700 %s' keeps them yours",
			dir, (unsigned)(st.st_mode & 0777), dir);
		return 1;
	}
	return 0;
}
