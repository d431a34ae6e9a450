/* SPDX-License-Identifier: GPL-3.0-or-later */
/* interrupt.c - see interrupt.h. */
#include "interrupt.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t last_signal;

static void on_signal(int sig)
{
	last_signal = sig;
}

void interrupt_install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);
}

int interrupt_signal(void)
{
	return last_signal;
}

const char *interrupt_reason(int sig)
{
	return sig == SIGHUP ? "the terminal was closed (SIGHUP)"
	       : sig == SIGTERM ? "rehearse was asked to stop (SIGTERM)"
				: "interrupted with Ctrl-C (SIGINT)";
}
