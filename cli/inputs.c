/*
 * inputs.c - is a named input C source that can be read?
 *
 * SPEC.md: exit 2 for an input that is missing, a directory, a FIFO or
 * other non-regular file, unreadable, holding NUL bytes (binary data, not
 * C source), or a C++ source.  An empty file is valid C; non-UTF-8 bytes
 * are fine.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* The extension of `path` (after the last dot of its last component), or
 * "" when it has none. */
static const char *input_ext(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');

	return (dot && dot != base) ? dot + 1 : "";
}

/* Is `path` named like a C++ source? */
bool input_is_cxx(const char *path)
{
	const char *ext = input_ext(path);

	return strcmp(ext, "cpp") == 0 || strcmp(ext, "cc") == 0 ||
	       strcmp(ext, "cxx") == 0 || strcmp(ext, "c++") == 0 ||
	       strcmp(ext, "CPP") == 0 || strcmp(ext, "CC") == 0 ||
	       strcmp(ext, "CXX") == 0;
}

/* Is `path` named like a header? */
bool input_is_header(const char *path)
{
	return strcasecmp(input_ext(path), "h") == 0;
}

/* Describes a file type that is not a regular file. */
static const char *input_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "is a directory";
	if (S_ISFIFO(mode))
		return "is a FIFO, not a regular file";
	if (S_ISSOCK(mode))
		return "is a socket, not a regular file";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "is a device, not a regular file";
	return "is not a regular file";
}

/* Reads the whole open file; false when it holds a NUL byte or cannot be
 * read (reason in err). */
static bool input_scan(int fd, char *err, size_t errsize)
{
	char buf[65536];
	ssize_t n;

	for (;;) {
		n = read(fd, buf, sizeof buf);
		if (n == 0)
			return true;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			snprintf(err, errsize, "cannot read: %s", strerror(errno));
			return false;
		}
		if (memchr(buf, '\0', (size_t)n) != NULL) {
			snprintf(err, errsize,
				 "contains NUL bytes: binary data, not C source");
			return false;
		}
	}
}

/* Checks that `path` is C source that can be read (see cli.h). */
bool input_check(const char *path, char *err, size_t errsize)
{
	struct stat st;
	int fd;
	bool ok;

	if (stat(path, &st) != 0) {
		snprintf(err, errsize, "%s", strerror(errno));
		return false;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errsize, "%s", input_kind(st.st_mode));
		return false;
	}
	if (input_is_cxx(path)) {
		snprintf(err, errsize,
			 "C++ source is not supported yet (only C)");
		return false;
	}
	/* O_NONBLOCK: should the file have become a FIFO since stat(), the
	 * open does not wait for a writer; fstat() then refuses it. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		snprintf(err, errsize, "cannot open: %s", strerror(errno));
		return false;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errsize, "is not a regular file");
		close(fd);
		return false;
	}
	ok = input_scan(fd, err, errsize);
	close(fd);
	return ok;
}
