/* SPDX-License-Identifier: GPL-3.0-or-later */
/* spw.c - print the syllables per word that src/core/syllables.c finds in
 * the text on stdin (bench-pacing.py builds and runs it; with -w, one
 * "word syllables" line per word instead). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rehearse/syllables.h"

int main(int argc, char **argv)
{
	static char text[1 << 20];
	size_t n = fread(text, 1, sizeof text - 1, stdin);
	text[n] = '\0';
	if (argc > 1 && strcmp(argv[1], "-w") == 0) {
		for (char *w = strtok(text, " \t\n"); w; w = strtok(NULL, " \t\n"))
			printf("%s %d\n", w, syllables_in_word(w, strlen(w)));
		return 0;
	}
	printf("%.4f\n", text_syllables_per_word(text, 1));
	return 0;
}
