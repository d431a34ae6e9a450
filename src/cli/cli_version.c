/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_version.c - `rehearse --version`: the program's version and the
 * libraries it runs on. Each library is asked for its version text only:
 * PortAudio's devices and ncurses' screen are not touched, so this works
 * over ssh, in a pipe and on a machine with no sound card. */
#include <curses.h>
#include <portaudio.h>
#include <sndfile.h>
#include <sqlite3.h>
#include <stdio.h>

#include "cli.h"

void print_version(FILE *out)
{
	char sndfile[128] = "";
	sf_command(NULL, SFC_GET_LIB_VERSION, sndfile, (int)sizeof sndfile);
	fprintf(out,
		"rehearse %s\n"
		"%s\n"
		"%s\n"
		"SQLite %s\n"
		"%s\n",
		REHEARSE_VERSION, Pa_GetVersionInfo()->versionText, sndfile, sqlite3_libversion(),
		curses_version());
}
