/*
 * program.c - all files of one run: the function index, call resolution,
 * handler tables, and the drivers (entry functions and what they reach).
 *
 * Everything here walks the call graph with explicit worklists, never by
 * recursion, so a deep or recursive call chain in driver code costs memory
 * proportional to the number of functions, not stack.
 */
#include "program.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Calls from one function to one name resolve the same way every time; a
 * sorted (name, id) index finds the definitions of a name quickly. */
struct name_entry {
	const char *name;
	int id;
};

struct name_index {
	struct name_entry *items;
	int count;
};

/* Allocates or aborts: the program has no way to go on without memory. */
static void *prog_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p) {
		fprintf(stderr, "ndislint: out of memory\n");
		abort();
	}
	return p;
}

/* Copies a string into malloc'ed memory (owned by the program). */
static char *prog_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = prog_xcalloc(n, 1);

	memcpy(p, s, n);
	return p;
}

/* Orders name index entries by name, then by function id. */
static int prog_name_cmp(const void *a, const void *b)
{
	const struct name_entry *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return (x->id > y->id) - (x->id < y->id);
}

/* Builds the name index over every function definition of the program. */
static void prog_index_build(const struct program *prog,
			     struct name_index *idx)
{
	idx->items = prog_xcalloc(prog->nfns, sizeof(*idx->items));
	idx->count = prog->nfns;
	for (int id = 0; id < prog->nfns; id++) {
		idx->items[id].name = program_fn(prog, id)->name;
		idx->items[id].id = id;
	}
	qsort(idx->items, idx->count, sizeof(*idx->items), prog_name_cmp);
}

/* Index of the first entry named `name`, or idx->count if none. */
static int prog_index_first(const struct name_index *idx, const char *name)
{
	int lo = 0, hi = idx->count;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (strcmp(idx->items[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < idx->count && strcmp(idx->items[lo].name, name) == 0)
		return lo;
	return idx->count;
}

const struct model_function *program_fn(const struct program *prog, int id)
{
	const struct fn_ref *r = &prog->fns[id];

	return &prog->files[r->file]->functions[r->index];
}

const struct model_file *program_fn_file(const struct program *prog, int id)
{
	return prog->files[prog->fns[id].file];
}

const char *program_loc_file(const struct program *prog, int file,
			     struct model_loc loc)
{
	const struct model_file *mf = prog->files[file];

	if (loc.file >= 0 && loc.file < mf->nfiles && mf->files[loc.file])
		return mf->files[loc.file];
	return mf->path;
}

int program_lookup(const struct program *prog, const char *name, int *out,
		   int max)
{
	int n = 0;

	for (int id = 0; id < prog->nfns; id++) {
		const struct model_function *fn = program_fn(prog, id);

		if (fn->in_header || strcmp(fn->name, name) != 0)
			continue;
		if (n < max)
			out[n] = id;
		n++;
	}
	return n < max ? n : max;
}

/* Strips casts and address-of (`(PVOID)&Fn`) from expression `id`. */
static int prog_strip_wrappers(const struct expr *exprs, int id)
{
	while (id >= 0 && exprs[id].kind == EXPR_UNARY &&
	       (exprs[id].op == OP_CAST || exprs[id].op == OP_ADDR))
		id = exprs[id].a;
	return id;
}

/* Strips casts, address-of and dereference around a callee expression:
 * `(*Fn)(x)` and `(&Fn)(x)` call Fn. */
static int prog_strip_callee(const struct expr *exprs, int id)
{
	while (id >= 0 && exprs[id].kind == EXPR_UNARY &&
	       (exprs[id].op == OP_CAST || exprs[id].op == OP_ADDR ||
		exprs[id].op == OP_DEREF))
		id = exprs[id].a;
	return id;
}

/* Resolves `name` called (or referred to) from file `file`: the
 * definition in that file first, else the only visible definition in
 * another file; an API when a header declares or defines it.  Sets
 * *nother to the number of other files whose definition is visible. */
static int prog_resolve_name(const struct program *prog,
			     const struct name_index *idx, int file,
			     const char *name, bool declared_in_header,
			     int *nother)
{
	int found = -1, count = 0;
	bool header_def = false;

	*nother = 0;
	for (int i = prog_index_first(idx, name);
	     i < idx->count && strcmp(idx->items[i].name, name) == 0; i++) {
		int id = idx->items[i].id;
		const struct model_function *fn = program_fn(prog, id);

		if (fn->in_header) {
			header_def = true;
			continue;
		}
		if (prog->fns[id].file == file)
			return id;
		if (fn->is_static)
			continue;       /* invisible from another file */
		found = id;
		count++;
	}
	*nother = count;
	if (count == 1)
		return found;
	if (count > 1)
		return CALL_AMBIGUOUS;
	if (header_def || declared_in_header)
		return CALL_API;
	return CALL_UNRESOLVED;
}

/* Adds the run note for a name that several files define. */
static void prog_note_ambiguous(const struct program *prog, int file,
				const char *caller, const char *name,
				struct model_loc loc, int nother,
				struct findings *notes)
{
	if (!notes)
		return;
	findings_note(notes, program_loc_file(prog, file, loc), loc.line,
		      loc.col,
		      "%s (used in %s) is defined in %d analyzed files and not "
		      "in the caller's file; it is treated as unknown",
		      name, caller, nother);
}

/* Resolves call event `ev` of function `fn` (in program file `file`). */
static int prog_resolve_call(const struct program *prog,
			     const struct name_index *idx, int file,
			     const struct model_function *fn,
			     const struct event *ev, struct findings *notes)
{
	const char *name = ev->callee;
	int target, nother;

	if (!name) {
		int c = prog_strip_callee(fn->exprs, ev->callee_expr);

		if (c < 0 || fn->exprs[c].kind != EXPR_FUNC ||
		    !fn->exprs[c].name)
			return CALL_INDIRECT;
		name = fn->exprs[c].name;
	}
	target = prog_resolve_name(prog, idx, file, name,
				   ev->declared_in_header, &nother);
	if (target == CALL_AMBIGUOUS)
		prog_note_ambiguous(prog, file, fn->name, name, ev->loc,
				    nother, notes);
	return target;
}

/* Appends a handler to the program's table. */
static void prog_add_handler(struct program *prog, int *cap,
			     const struct handler *h)
{
	if (prog->nhandlers == *cap) {
		int ncap = *cap ? *cap * 2 : 16;
		struct handler *p = realloc(prog->handlers,
					    ncap * sizeof(*p));

		if (!p) {
			fprintf(stderr, "ndislint: out of memory\n");
			abort();
		}
		prog->handlers = p;
		*cap = ncap;
	}
	prog->handlers[prog->nhandlers++] = *h;
}

/* Resolves the function named in a handler; -1 when not analyzed. */
static int prog_handler_fn(const struct program *prog,
			   const struct name_index *idx, int file,
			   const char *user, const char *name,
			   struct model_loc loc, struct findings *notes)
{
	int nother;
	int id = prog_resolve_name(prog, idx, file, name, false, &nother);

	if (id == CALL_AMBIGUOUS)
		prog_note_ambiguous(prog, file, user, name, loc, nother, notes);
	return id >= 0 ? id : -1;
}

/*
 * Is a store of value `v` into handler field `field` a handler that is
 * there but not known: a value that is neither a function's name nor a
 * null constant (`C.UnloadHandler = Table->Unload`, a pointer filled in
 * a loop)?  Such a handler is recorded with fn -1 and no name, so that
 * the rules do not say that no handler was registered (SPEC.md: unknown
 * values are never guessed).
 */
static bool prog_unknown_handler(const struct expr *exprs, int v,
				 const char *field)
{
	if (!field || (!strstr(field, "Handler") && !strstr(field, "Unload")))
		return false;
	if (v < 0)
		return true;
	if (exprs[v].kind == EXPR_ZERO_INIT ||
	    (exprs[v].kind == EXPR_INT && exprs[v].value == 0))
		return false;
	return true;
}

/*
 * A store through a pointer made from an object's address
 * (`((PVOID *)&C.InitializeHandlerEx)[i] = Table[i]`, `((PUCHAR)&C)[i] =
 * b`) of a value that is not a null constant may set any handler field
 * of that object: both handler fields of the rules are recorded as there
 * but unknown for it (prog_unknown_handler).
 */
static void prog_handlers_through_pointer(struct program *prog,
					  const struct model_function *fn,
					  int id, const struct event *ev,
					  int *cap)
{
	static const char *const fields[] = { "UnloadHandler", "InitializeHandlerEx" };
	const struct expr *x = fn->exprs;
	int raw = x[ev->target].a;
	int base = prog_strip_wrappers(x, raw);
	int v = prog_strip_wrappers(x, ev->value);
	char path[512];

	/* only a pointer made from an object's address (`&C`, `(T *)&C.F`):
	 * a plain array element (`Buffers[i] = p`) is no handler table */
	while (raw >= 0 && x[raw].kind == EXPR_UNARY && x[raw].op == OP_CAST)
		raw = x[raw].a;
	if (raw < 0 || x[raw].kind != EXPR_UNARY || x[raw].op != OP_ADDR)
		return;

	if (base < 0 || (v >= 0 && x[v].kind == EXPR_FUNC) ||
	    !prog_unknown_handler(x, v, "Handler"))
		return;
	if (x[base].kind == EXPR_MEMBER && !x[base].arrow)
		base = x[base].a;       /* &C.Field: the object C */
	if (base < 0 || (x[base].kind != EXPR_VAR && x[base].kind != EXPR_MEMBER))
		return;
	model_expr_path(x, base, path, sizeof(path));
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		struct handler h;

		memset(&h, 0, sizeof(h));
		h.field = fields[i];
		h.object = prog_xstrdup(path);
		h.fn = -1;
		h.in_fn = id;
		h.loc = ev->loc;
		h.file = prog->fns[id].file;
		prog_add_handler(prog, cap, &h);
	}
}

/* Collects the handler stores of function `id`: `X.Field = Fn`. */
static void prog_handlers_of_fn(struct program *prog,
				const struct name_index *idx, int id,
				int *cap, struct findings *notes)
{
	const struct model_function *fn = program_fn(prog, id);
	int file = prog->fns[id].file;

	for (int e = 0; e < fn->nevents; e++) {
		const struct event *ev = &fn->events[e];
		const struct expr *t;
		struct handler h;
		char path[512];
		int v;

		if (ev->kind != EV_STORE || ev->target < 0)
			continue;
		t = &fn->exprs[ev->target];
		if (t->kind == EXPR_INDEX ||
		    (t->kind == EXPR_UNARY && t->op == OP_DEREF)) {
			prog_handlers_through_pointer(prog, fn, id, ev, cap);
			continue;
		}
		if (t->kind != EXPR_MEMBER || !t->name)
			continue;
		v = prog_strip_wrappers(fn->exprs, ev->value);
		bool named = v >= 0 && fn->exprs[v].kind == EXPR_FUNC &&
			     fn->exprs[v].name;
		if (!named && !prog_unknown_handler(fn->exprs, v, t->name))
			continue;
		model_expr_path(fn->exprs, t->a, path, sizeof(path));
		memset(&h, 0, sizeof(h));
		h.field = t->name;
		h.object = prog_xstrdup(path);
		h.fn_name = named ? fn->exprs[v].name : NULL;
		h.fn = named ? prog_handler_fn(prog, idx, file, fn->name,
					       h.fn_name, ev->loc, notes) : -1;
		h.in_fn = id;
		h.loc = ev->loc;
		h.file = file;
		prog_add_handler(prog, cap, &h);
	}
}

/* Collects the handlers set by designated initializers of the globals of
 * file `file`: `G = { .UnloadHandler = Fn }` (object "G"). */
static void prog_handlers_of_globals(struct program *prog,
				     const struct name_index *idx, int file,
				     int *cap, struct findings *notes)
{
	const struct model_file *mf = prog->files[file];

	for (int g = 0; g < mf->nglobals; g++) {
		const struct model_global *gl = &mf->globals[g];

		for (int i = 0; i < gl->ninits; i++) {
			const struct global_init *gi = &gl->inits[i];
			const char *dot = gi->path ? strrchr(gi->path, '.') :
				NULL;
			struct handler h;
			char object[512];
			int v = prog_strip_wrappers(mf->gexprs, gi->value);

			if (!dot || !dot[1] || strchr(dot, '[') ||
			    v < 0 || mf->gexprs[v].kind != EXPR_FUNC ||
			    !mf->gexprs[v].name)
				continue;
			snprintf(object, sizeof(object), "%s%.*s", gl->name,
				 (int)(dot - gi->path), gi->path);
			memset(&h, 0, sizeof(h));
			h.field = dot + 1;
			h.object = prog_xstrdup(object);
			h.fn_name = mf->gexprs[v].name;
			h.loc = mf->gexprs[v].loc;
			h.fn = prog_handler_fn(prog, idx, file, gl->name,
					       h.fn_name, h.loc, notes);
			h.in_fn = -1;
			h.file = file;
			prog_add_handler(prog, cap, &h);
		}
	}
}

/* Numbers every function definition of every file. */
static void prog_number_functions(struct program *prog)
{
	int n = 0, id = 0;

	for (int f = 0; f < prog->nfiles; f++)
		n += prog->files[f]->nfunctions;
	prog->nfns = n;
	prog->fns = prog_xcalloc(n, sizeof(*prog->fns));
	for (int f = 0; f < prog->nfiles; f++)
		for (int i = 0; i < prog->files[f]->nfunctions; i++) {
			prog->fns[id].file = f;
			prog->fns[id].index = i;
			id++;
		}
}

/* Resolves every call of the driver-code function `id`.  Events that are
 * not calls hold CALL_UNRESOLVED and are never looked at. */
static void prog_resolve_fn(struct program *prog,
			    const struct name_index *idx, int id,
			    struct findings *notes)
{
	const struct model_function *fn = program_fn(prog, id);
	int *targets = prog_xcalloc(fn->nevents, sizeof(int));

	for (int e = 0; e < fn->nevents; e++) {
		const struct event *ev = &fn->events[e];

		targets[e] = CALL_UNRESOLVED;
		if (ev->kind == EV_CALL)
			targets[e] = prog_resolve_call(prog, idx,
						       prog->fns[id].file,
						       fn, ev, notes);
	}
	prog->call_target[id] = targets;
}

void program_init(struct program *prog, struct model_file **files, int n,
		  struct findings *notes)
{
	struct name_index idx;
	int cap = 0;

	memset(prog, 0, sizeof(*prog));
	prog->files = files;
	prog->nfiles = n;
	prog_number_functions(prog);
	prog->call_target = prog_xcalloc(prog->nfns, sizeof(int *));
	prog_index_build(prog, &idx);
	for (int id = 0; id < prog->nfns; id++) {
		if (program_fn(prog, id)->in_header)
			continue;
		prog_resolve_fn(prog, &idx, id, notes);
		prog_handlers_of_fn(prog, &idx, id, &cap, notes);
	}
	for (int f = 0; f < n; f++)
		prog_handlers_of_globals(prog, &idx, f, &cap, notes);
	free(idx.items);
}

void program_free(struct program *prog)
{
	for (int id = 0; id < prog->nfns; id++)
		free(prog->call_target ? prog->call_target[id] : NULL);
	free(prog->call_target);
	for (int i = 0; i < prog->nhandlers; i++)
		free((char *)prog->handlers[i].object);
	free(prog->handlers);
	free(prog->fns);
	memset(prog, 0, sizeof(*prog));
}

/* Marks in `mark` every function reachable through resolved calls from
 * the seeds (inclusive).  Explicit worklist: no recursion. */
static void prog_reach(const struct program *prog, const int *seeds,
		       int nseeds, bool *mark)
{
	int *work = prog_xcalloc(prog->nfns, sizeof(int));
	int top = 0;

	for (int i = 0; i < nseeds; i++) {
		int s = seeds[i];

		if (s >= 0 && s < prog->nfns && !mark[s]) {
			mark[s] = true;
			work[top++] = s;
		}
	}
	while (top > 0) {
		int id = work[--top];
		const int *targets = prog->call_target[id];
		const struct model_function *fn = program_fn(prog, id);

		for (int e = 0; targets && e < fn->nevents; e++) {
			int t = targets[e];

			if (fn->events[e].kind != EV_CALL || t < 0 || mark[t])
				continue;
			mark[t] = true;
			work[top++] = t;
		}
	}
	free(work);
}

/* Does a call event's name (function or macro) start with `prefix`? */
static bool prog_call_has_prefix(const struct event *ev, const char *prefix)
{
	size_t n = strlen(prefix);

	return (ev->callee && strncmp(ev->callee, prefix, n) == 0) ||
		(ev->macro && strncmp(ev->macro, prefix, n) == 0);
}

/* The lvalue path of the object a characteristics argument designates:
 * `&MChars` gives "MChars", `Chars` (a pointer) gives "Chars". */
static bool prog_arg_object(const struct model_function *fn, int arg,
			    char *buf, size_t size)
{
	while (arg >= 0 && fn->exprs[arg].kind == EXPR_UNARY &&
	       fn->exprs[arg].op == OP_CAST)
		arg = fn->exprs[arg].a;
	if (arg < 0)
		return false;
	if (fn->exprs[arg].kind == EXPR_UNARY && fn->exprs[arg].op == OP_ADDR)
		arg = fn->exprs[arg].a;
	return model_expr_path(fn->exprs, arg, buf, size);
}

/* Does a reached function copy `object` as a whole into `into`
 * (`MChars = Template;`)? */
static bool drv_object_copied(const struct driver *drv, const char *object,
			      const char *into)
{
	const struct program *prog = drv->prog;

	for (int id = 0; id < prog->nfns; id++) {
		if (!drv->reaches[id])
			continue;
		const struct model_function *fn = program_fn(prog, id);
		for (int e = 0; e < fn->nevents; e++) {
			const struct event *ev = &fn->events[e];
			char to[512], from[512];

			if (ev->kind != EV_STORE || ev->value < 0 ||
			    fn->exprs[ev->value].kind == EXPR_CALL)
				continue;
			if (model_expr_path(fn->exprs, ev->target, to, sizeof(to)) &&
			    model_expr_path(fn->exprs, ev->value, from, sizeof(from)) &&
			    strcmp(to, into) == 0 && strcmp(from, object) == 0)
				return true;
		}
	}
	return false;
}

/* Is `object` passed as the characteristics (4th argument) of a
 * NdisMRegisterMiniportDriver call in a function the driver reaches, or
 * copied whole into the object that is? */
static bool drv_object_registered(const struct driver *drv,
				  const char *object)
{
	const struct program *prog = drv->prog;

	for (int id = 0; id < prog->nfns; id++) {
		const struct model_function *fn;

		if (!drv->reaches[id])
			continue;
		fn = program_fn(prog, id);
		for (int e = 0; e < fn->nevents; e++) {
			const struct event *ev = &fn->events[e];
			char path[512];

			if (ev->kind != EV_CALL ||
			    !model_call_is(ev, "NdisMRegisterMiniportDriver"))
				continue;
			if (prog_arg_object(fn, model_call_arg(fn, ev, 3),
					    path, sizeof(path)) &&
			    (strcmp(path, object) == 0 ||
			     drv_object_copied(drv, object, path)))
				return true;
		}
	}
	return false;
}

/* The handler registered in `field` for this driver: first one whose
 * object is the registered characteristics (stored by a reached function
 * or set by a global's initializer), else one stored by any reached
 * function into that field.  NULL when none. */
static const struct handler *drv_find_handler(const struct driver *drv,
					      const char *field)
{
	const struct program *prog = drv->prog;
	const struct handler *any = NULL;

	for (int i = 0; i < prog->nhandlers; i++) {
		const struct handler *h = &prog->handlers[i];
		bool reached = h->in_fn >= 0 && drv->reaches[h->in_fn];

		if (strcmp(h->field, field) != 0)
			continue;
		if ((reached || h->in_fn < 0) &&
		    drv_object_registered(drv, h->object))
			return h;
		if (reached && !any)
			any = h;
	}
	return any;
}

/* Does the value stored into a Flags field carry NDIS_INTERMEDIATE_DRIVER:
 * the macro by name, or bit 0x1 of a constant when the object is the
 * miniport characteristics?  For `|=` the value is BINARY(|, target, v). */
static bool drv_flags_value_im(const struct expr *exprs, int value,
			       bool miniport_chars)
{
	long long c;

	if (value < 0)
		return false;
	if (model_expr_mentions_macro(exprs, value,
				      "NDIS_INTERMEDIATE_DRIVER"))
		return true;
	if (!miniport_chars)
		return false;
	if (model_expr_const(exprs, value, &c))
		return (c & 1) != 0;
	if (exprs[value].kind == EXPR_BINARY && exprs[value].op == OP_BITOR) {
		if (exprs[value].b >= 0 &&
		    model_expr_const(exprs, exprs[value].b, &c) && (c & 1))
			return true;
		if (exprs[value].a >= 0 &&
		    model_expr_const(exprs, exprs[value].a, &c) && (c & 1))
			return true;
	}
	return false;
}

/* Does type spelling `type` name the miniport characteristics? */
static bool drv_is_chars_type(const char *type)
{
	return type && strstr(type, "NDIS_MINIPORT_DRIVER_CHARACTERISTICS");
}

/* IM evidence in the body of reached function `id`: a Flags store with
 * NDIS_INTERMEDIATE_DRIVER or a call to an NdisIM* function.  Also
 * records calls to the two registration functions. */
static bool drv_fn_im_evidence(const struct model_function *fn,
			       bool *calls_miniport, bool *calls_protocol)
{
	for (int e = 0; e < fn->nevents; e++) {
		const struct event *ev = &fn->events[e];
		const struct expr *t;

		if (ev->kind == EV_CALL) {
			if (prog_call_has_prefix(ev, "NdisIM"))
				return true;
			if (model_call_is(ev, "NdisMRegisterMiniportDriver"))
				*calls_miniport = true;
			if (model_call_is(ev, "NdisRegisterProtocolDriver"))
				*calls_protocol = true;
			continue;
		}
		if (ev->target < 0)
			continue;
		t = &fn->exprs[ev->target];
		if (t->kind != EXPR_MEMBER || !t->name ||
		    strcmp(t->name, "Flags") != 0)
			continue;
		if (drv_flags_value_im(fn->exprs, ev->value,
				       t->a >= 0 &&
				       drv_is_chars_type(fn->exprs[t->a].type)))
			return true;
	}
	return false;
}

/* Does file `f` hold a function the driver reaches? */
static bool drv_file_reached(const struct driver *drv, int f)
{
	for (int id = 0; id < drv->prog->nfns; id++)
		if (drv->reaches[id] && drv->prog->fns[id].file == f)
			return true;
	return false;
}

/* IM evidence in a global initializer: a miniport characteristics global
 * (in a file the driver reaches, or registered by it) whose .Flags
 * carries NDIS_INTERMEDIATE_DRIVER. */
static bool drv_globals_im_evidence(const struct driver *drv)
{
	const struct program *prog = drv->prog;

	for (int f = 0; f < prog->nfiles; f++) {
		const struct model_file *mf = prog->files[f];
		bool file_reached = drv_file_reached(drv, f);

		for (int g = 0; g < mf->nglobals; g++) {
			const struct model_global *gl = &mf->globals[g];

			if (!drv_is_chars_type(gl->type))
				continue;
			if (!file_reached &&
			    !drv_object_registered(drv, gl->name))
				continue;
			for (int i = 0; i < gl->ninits; i++)
				if (gl->inits[i].path &&
				    strcmp(gl->inits[i].path, ".Flags") == 0 &&
				    drv_flags_value_im(mf->gexprs,
						       gl->inits[i].value,
						       true))
					return true;
		}
	}
	return false;
}

/* SPEC.md's IM evidence over the functions the driver reaches. */
static bool drv_is_im(const struct driver *drv)
{
	bool miniport = false, protocol = false;

	for (int id = 0; id < drv->prog->nfns; id++)
		if (drv->reaches[id] &&
		    drv_fn_im_evidence(program_fn(drv->prog, id), &miniport,
				       &protocol))
			return true;
	if (miniport && protocol)
		return true;
	return drv_globals_im_evidence(drv);
}

void driver_init(struct driver *drv, const struct program *prog, int entry)
{
	const struct handler *h;
	int seeds[3];

	memset(drv, 0, sizeof(*drv));
	drv->prog = prog;
	drv->entry = entry;
	drv->reaches = prog_xcalloc(prog->nfns, sizeof(bool));
	drv->depends = prog_xcalloc(prog->nfns, sizeof(bool));
	prog_reach(prog, &entry, 1, drv->reaches);

	drv->unload = -1;
	h = drv_find_handler(drv, "UnloadHandler");
	if (h) {
		drv->unload_from_chars = true;
	} else {
		h = drv_find_handler(drv, "DriverUnload");
	}
	drv->unload_handler = h;
	drv->unload = h ? h->fn : -1;

	h = drv_find_handler(drv, "InitializeHandlerEx");
	drv->initialize_handler = h;
	drv->initialize = h ? h->fn : -1;

	seeds[0] = entry;
	seeds[1] = drv->unload;
	seeds[2] = drv->initialize;
	prog_reach(prog, seeds, 3, drv->depends);
	drv->is_im = drv_is_im(drv);
}

void driver_free(struct driver *drv)
{
	free(drv->reaches);
	free(drv->depends);
	drv->reaches = drv->depends = NULL;
}

/* Visits the functions reachable from `from` (inclusive) breadth first
 * and returns the first call event, in that order, for which `match`
 * holds; false when there is none. */
static bool drv_find_call(const struct driver *drv, int from,
			  bool (*match)(const struct program *, int, int,
					const void *),
			  const void *ctx, int *where_fn, int *where_event)
{
	const struct program *prog = drv->prog;
	bool *seen, found = false;
	int *queue, head = 0, tail = 0;

	if (from < 0 || from >= prog->nfns)
		return false;
	seen = prog_xcalloc(prog->nfns, sizeof(bool));
	queue = prog_xcalloc(prog->nfns, sizeof(int));
	seen[from] = true;
	queue[tail++] = from;
	while (head < tail && !found) {
		int id = queue[head++];
		const struct model_function *fn = program_fn(prog, id);
		const int *targets = prog->call_target[id];

		for (int e = 0; e < fn->nevents && !found; e++) {
			int t;

			if (fn->events[e].kind != EV_CALL)
				continue;
			if (match(prog, id, e, ctx)) {
				found = true;
				if (where_fn)
					*where_fn = id;
				if (where_event)
					*where_event = e;
				break;
			}
			t = targets ? targets[e] : CALL_API;
			if (t >= 0 && !seen[t]) {
				seen[t] = true;
				queue[tail++] = t;
			}
		}
	}
	free(seen);
	free(queue);
	return found;
}

/* Matches a call to the API named by ctx. */
static bool drv_match_api(const struct program *prog, int id, int e,
			  const void *ctx)
{
	return model_call_is(&program_fn(prog, id)->events[e], ctx);
}

/* Matches a call whose target is unknown (unresolved or ambiguous). */
static bool drv_match_unknown(const struct program *prog, int id, int e,
			      const void *ctx)
{
	const int *targets = prog->call_target[id];

	(void)ctx;
	return targets && (targets[e] == CALL_UNRESOLVED ||
			   targets[e] == CALL_AMBIGUOUS);
}

bool driver_reaches_call(const struct driver *drv, int from, const char *api,
			 int *where_fn, int *where_event)
{
	return drv_find_call(drv, from, drv_match_api, api, where_fn,
			     where_event);
}

bool driver_reaches_unknown(const struct driver *drv, int from,
			    int *where_fn, int *where_event)
{
	return drv_find_call(drv, from, drv_match_unknown, NULL, where_fn,
			     where_event);
}

/* The name an unresolved call names (callee or callee expression). */
static const char *prog_call_name(const struct model_function *fn,
				  const struct event *ev)
{
	int c;

	if (ev->callee)
		return ev->callee;
	c = prog_strip_callee(fn->exprs, ev->callee_expr);
	return c >= 0 && fn->exprs[c].name ? fn->exprs[c].name : "?";
}

/* Appends `name` to the comma-separated list in buf unless present. */
static void prog_list_add(char *buf, size_t size, const char *name)
{
	size_t len = strlen(buf), n = strlen(name);
	const char *p = buf;

	while ((p = strstr(p, name)) != NULL) {
		bool start = p == buf || p[-1] == ' ';
		bool end = p[n] == ',' || p[n] == '\0';

		if (start && end)
			return;
		p += n;
	}
	if (len + n + 3 >= size)
		return;
	snprintf(buf + len, size - len, "%s%s", len ? ", " : "", name);
}

void program_unresolved_note(const struct program *prog,
			     const struct driver *drvs, int ndrivers,
			     struct findings *notes)
{
	char names[2048] = "";
	const char *file = NULL;
	struct model_loc first = { 0, 0, 0 };

	for (int id = 0; id < prog->nfns; id++) {
		const struct model_function *fn = program_fn(prog, id);
		const int *targets = prog->call_target[id];
		bool used = false;

		for (int d = 0; d < ndrivers; d++)
			used = used || drvs[d].depends[id];
		if (!used || !targets)
			continue;
		for (int e = 0; e < fn->nevents; e++) {
			if (fn->events[e].kind != EV_CALL ||
			    targets[e] != CALL_UNRESOLVED)
				continue;
			if (!file) {
				first = fn->events[e].loc;
				file = program_loc_file(prog,
							prog->fns[id].file,
							first);
			}
			prog_list_add(names, sizeof(names),
				      prog_call_name(fn, &fn->events[e]));
		}
	}
	if (file)
		findings_note(notes, file, first.line, first.col,
			      "calls to functions defined in no analyzed file "
			      "were treated as unknown (pass the files that "
			      "define them): %s", names);
}
