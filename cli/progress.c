/*
 * progress.c - the progress line on a terminal (see progress.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

enum {
	PROGRESS_DELAY_MS = 1000,       /* runs shorter than this show nothing */
	PROGRESS_PERIOD_MS = 100,       /* at most this often */
};

struct progress {
	int total;
	struct timespec start;
	long long last_ms;              /* when last drawn, -1 never */
	bool shown;
};

/* Milliseconds since the display was made. */
static long long progress_ms(const struct progress *p)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)(now.tv_sec - p->start.tv_sec) * 1000 +
	       (now.tv_nsec - p->start.tv_nsec) / 1000000;
}

/* Writes all of buf to stderr, unbuffered, ignoring errors. */
static void progress_write(const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(STDERR_FILENO, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
}

/* Columns of the terminal (80 when unknown). */
static int progress_columns(void)
{
	struct winsize ws;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 10)
		return ws.ws_col;
	return 80;
}

/* A display only for a terminal and without -q (see progress.h). */
struct progress *progress_new(int total, bool quiet)
{
	struct progress *p;

	if (quiet || total <= 0 || !isatty(STDERR_FILENO))
		return NULL;
	p = calloc(1, sizeof(*p));
	if (p == NULL)
		return NULL;
	p->total = total;
	p->last_ms = -1;
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	return p;
}

/* Draws "\rndislint: [DONE/TOTAL] FILE\033[K", cut to the terminal's
 * width, when due (see progress.h). */
void progress_update(struct progress *p, int done, const char *current)
{
	char line[1024];
	long long ms;
	int width, n;

	if (p == NULL)
		return;
	ms = progress_ms(p);
	if (ms < PROGRESS_DELAY_MS ||
	    (p->last_ms >= 0 && ms - p->last_ms < PROGRESS_PERIOD_MS))
		return;
	p->last_ms = ms;
	width = progress_columns() - 1;
	if (width > (int)sizeof(line) - 8)
		width = (int)sizeof(line) - 8;
	n = snprintf(line, sizeof(line), "\rndislint: [%d/%d] ", done, p->total);
	if (n < 0)
		return;
	if (current != NULL && n < width) {
		size_t room = (size_t)(width - n + 1);   /* \r takes no column */
		size_t len = strlen(current);
		/* The end of a long path says more than its start. */
		if (len > room && room > 3)
			n += snprintf(line + n, sizeof(line) - (size_t)n, "...%s",
				      current + len - (room - 3));
		else if (len <= room)
			n += snprintf(line + n, sizeof(line) - (size_t)n, "%s", current);
	}
	if ((size_t)n > sizeof(line) - 4)
		n = (int)sizeof(line) - 4;
	memcpy(line + n, "\033[K", 3);          /* erase the rest */
	progress_write(line, (size_t)n + 3);
	p->shown = true;
}

/* Erases the line if it was drawn; frees p. */
void progress_end(struct progress *p)
{
	if (p == NULL)
		return;
	if (p->shown)
		progress_write("\r\033[K", 4);
	free(p);
}
