/*
 * peak.c - runs one command and reports its wall time and peak memory.
 *
 * Usage: peak [-o FILE] COMMAND [ARG...]
 * Prints "SECONDS PEAK_KB EXIT" to FILE (default: stderr), so that the
 * command's own output stays apart.  SECONDS is the wall time from fork to
 * reaping, PEAK_KB the largest resident set of the command or of any process
 * it waited for (ru_maxrss from wait4, which covers waited-for descendants),
 * EXIT the command's exit status (128 + signal when killed).  Built by
 * `make bench`; used by bench/run.sh.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Seconds on the monotonic clock. */
static double peak_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The stream the measurement goes to: FILE if named, else stderr. */
static FILE *peak_out(const char *path)
{
	FILE *f = path ? fopen(path, "w") : NULL;
	return f ? f : stderr;
}

/* Runs argv, waits for it, and fills *secs, *rss_kb and *status. */
static int peak_run(char **argv, double *secs, long *rss_kb, int *status)
{
	struct rusage ru;
	int ws = 0;
	double start = peak_now();
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "peak: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	memset(&ru, 0, sizeof(ru));
	while (wait4(pid, &ws, 0, &ru) < 0) {
		if (errno != EINTR)
			return -1;
	}
	*secs = peak_now() - start;
	*rss_kb = ru.ru_maxrss;
	if (WIFEXITED(ws))
		*status = WEXITSTATUS(ws);
	else if (WIFSIGNALED(ws))
		*status = 128 + WTERMSIG(ws);
	else
		*status = 255;
	return 0;
}

/* Runs the command given on the command line and reports on it. */
int main(int argc, char **argv)
{
	double secs = 0;
	long rss = 0;
	int status = 0;
	const char *path = NULL;
	int first = 1;
	if (argc > 2 && strcmp(argv[1], "-o") == 0) {
		path = argv[2];
		first = 3;
	}
	if (first >= argc) {
		fprintf(stderr, "usage: peak [-o FILE] COMMAND [ARG...]\n");
		return 2;
	}
	if (peak_run(argv + first, &secs, &rss, &status) != 0) {
		fprintf(stderr, "peak: cannot run %s: %s\n", argv[first], strerror(errno));
		return 2;
	}
	FILE *out = peak_out(path);
	fprintf(out, "%.3f %ld %d\n", secs, rss, status);
	if (out != stderr)
		fclose(out);
	return 0;
}
