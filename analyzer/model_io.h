/*
 * model_io.h - a model_file as bytes and back (the result cache's blobs).
 *
 * The byte form holds every field of the model: a magic word and format
 * version, a table of distinct strings (NULL and "" are different), then
 * every array with its count and every index as written.  Reading checks
 * everything it reads (lengths against the bytes left, enumerations
 * against their ranges, every cross reference against the array it
 * points into), so a damaged blob is refused, never half-trusted.
 * Equal strings come back as one shared arena string, as the front end's
 * interning makes them; a model read back writes out byte for byte the
 * same.
 */
#ifndef NDISLINT_MODEL_IO_H
#define NDISLINT_MODEL_IO_H

#include <stddef.h>
#include "model.h"

/* Bumped whenever the byte form or struct model_file changes. */
#define MODEL_IO_FORMAT 1

/* Writes mf into a malloc'd buffer *out of *len bytes.  Returns false only
 * when out of memory. */
bool model_io_write(const struct model_file *mf, unsigned char **out,
		    size_t *len);

/* Reads a model written by model_io_write.  NULL when the bytes are not
 * exactly such a model (truncated, damaged, another format version). */
struct model_file *model_io_read(const void *data, size_t len);

#endif
