/* pending.c - commands whose issues are still open. Removed as they land. */
#include "session.h"

int session_run(struct app *a, const struct plan *p, const struct take_opts *o)
{
	(void)a, (void)p, (void)o;
	error("recording is not built yet; use --dry-run");
	return 1;
}

int cmd_home(struct app *a)
{
	(void)a;
	error("the home menu is not built yet; see 'rehearse --help'");
	return 1;
}

#define PENDING(name)                                                                        \
	int name(struct app *a, int argc, char **argv)                                       \
	{                                                                                    \
		(void)a, (void)argc, (void)argv;                                             \
		error("this command is not built yet");                                      \
		return 1;                                                                    \
	}
PENDING(cmd_devices)
PENDING(cmd_play)
