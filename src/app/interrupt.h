/* SPDX-License-Identifier: GPL-3.0-or-later */
/* interrupt.h - SIGINT, SIGTERM and SIGHUP as a flag. The handlers only
 * record the signal; the screen driver and the session look at the flag
 * and unwind. Nothing here calls anything: every layer above may ask. */
#ifndef REHEARSE_INTERRUPT_H
#define REHEARSE_INTERRUPT_H

#include <stdbool.h>

/* Install the handlers, and ignore SIGPIPE, and SIGXFSZ so a file-size
 * limit shows up as a failed write instead of killing the process. */
void interrupt_install(void);
/* The last of SIGINT, SIGTERM or SIGHUP received (0: none). */
int interrupt_signal(void);
static inline bool interrupted(void)
{
	return interrupt_signal() != 0;
}
/* Why the signal stopped a take, for its history row. */
const char *interrupt_reason(int sig);

#endif
