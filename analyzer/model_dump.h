/* model_dump.h - text form of the model (tests, `ndislint dump-model`). */
#ifndef NDISLINT_MODEL_DUMP_H
#define NDISLINT_MODEL_DUMP_H

#include <stdio.h>
#include "model.h"

void model_expr_text(const struct expr *x, int id, char *buf, size_t size);
/* The same as a reviewer reads it: `!NT_SUCCESS`-style conditions come
 * out as `!(Status >= 0)`, constants by their macro names. */
void model_expr_source(const struct expr *x, int id, char *buf, size_t size);
void model_dump_function(FILE *out, const struct model_function *fn);
void model_dump(FILE *out, const struct model_file *mf);

#endif
