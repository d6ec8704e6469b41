/*
 * program.h - all files of one run, their call graph, and the drivers in
 * them.
 *
 * A program owns the model_files of a run.  Functions are numbered across
 * files (struct fn_ref); every call event of a driver-code function is
 * resolved once, here, to a function id or to one of the CALL_* kinds, so
 * rules and the engine never resolve names themselves.
 */
#ifndef NDISLINT_PROGRAM_H
#define NDISLINT_PROGRAM_H

#include "model.h"
#include "finding.h"

/* What a call resolves to (prog->call_target values below 0). */
enum {
	CALL_API = -1,          /* declared by a header, or defined in one */
	CALL_UNRESOLVED = -2,   /* not an API and defined in no analyzed file */
	CALL_AMBIGUOUS = -3,    /* several definitions, none in the caller's
	                           file */
	CALL_INDIRECT = -4,     /* through a pointer that is not resolved */
};

struct fn_ref {
	int file;               /* index into prog->files */
	int index;              /* index into that file's functions */
};

/* A function stored into a field of an object (a handler table entry):
 * `MChars.InitializeHandlerEx = MpInitialize` or a designated initializer
 * `.UnloadHandler = MpUnload` of a global. */
struct handler {
	const char *field;      /* "InitializeHandlerEx" */
	const char *object;     /* lvalue path of the object: "MChars",
	                           "DriverObject->" ... */
	int fn;                 /* function id, or -1 if not analyzed */
	const char *fn_name;
	int in_fn;              /* function whose body stores it, -1 for a
	                           global initializer */
	struct model_loc loc;   /* the store */
	int file;               /* file of loc */
};

struct program {
	struct model_file **files;
	int nfiles;
	struct fn_ref *fns;     /* every function definition of every file */
	int nfns;
	int **call_target;      /* [fn][event]: fn id or CALL_*; NULL for
	                           functions defined in headers */
	struct handler *handlers;
	int nhandlers;
};

/* Builds the function index, resolves every call and collects handler
 * tables.  Adds a note for each ambiguous call.  Takes ownership of
 * nothing: the files must outlive the program. */
void program_init(struct program *prog, struct model_file **files, int n,
		  struct findings *notes);
void program_free(struct program *prog);

const struct model_function *program_fn(const struct program *prog, int id);
const struct model_file *program_fn_file(const struct program *prog, int id);
/* Path of the file that holds location `loc` of function `id`'s file. */
const char *program_loc_file(const struct program *prog, int file,
			     struct model_loc loc);

/* Function ids defined (not in a header) with this name, into out[]
 * (at most max); returns the count. */
int program_lookup(const struct program *prog, const char *name, int *out,
		   int max);

struct engine_result;

/* One driver: an entry function and what it reaches. */
struct driver {
	const struct program *prog;
	int entry;              /* function id of DriverEntry */
	bool *reaches;          /* [fn]: reached from entry through calls */
	bool *depends;          /* [fn]: a function the rules depend on */
	int unload;             /* unload handler id, -1 none registered */
	bool unload_from_chars; /* via UnloadHandler (else DriverUnload) */
	const struct handler *unload_handler; /* where it was registered */
	int initialize;         /* InitializeHandlerEx id, -1 none */
	const struct handler *initialize_handler;
	bool is_im;             /* SPEC.md's IM evidence holds */
	const struct engine_result *engine; /* the path engine's results,
	                           set by whoever runs the rules */
};

/* Builds driver `drv` for entry function `entry`. */
void driver_init(struct driver *drv, const struct program *prog, int entry);
void driver_free(struct driver *drv);

/* Is there a call to `api` in any function reachable from `from`
 * (inclusive)?  Sets *where to the first such call found, if not NULL. */
bool driver_reaches_call(const struct driver *drv, int from, const char *api,
			 int *where_fn, int *where_event);

/* Is there a call whose target is unknown (CALL_UNRESOLVED or
 * CALL_AMBIGUOUS) in a function reachable from `from` (inclusive)?  The
 * im-* and pairing rules stay silent when the missing call may hide
 * there. */
bool driver_reaches_unknown(const struct driver *drv, int from,
			    int *where_fn, int *where_event);

/* Adds one run note naming the unresolved calls made by the functions
 * that the given drivers depend on (nothing when there are none). */
void program_unresolved_note(const struct program *prog,
			     const struct driver *drvs, int ndrivers,
			     struct findings *notes);

#endif
