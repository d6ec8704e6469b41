/*
 * model_dump.c - a readable text form of a model_file, for tests and for
 * `ndislint dump-model`.  One line per block, event and terminator;
 * expressions printed as C-like text.
 */
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "model_dump.h"

/* Prints expression `id` into buf; an explicit stack keeps deep trees
 * from recursing: items are either an expression to open or a literal
 * string to print. */
/* The one macro name of a constant ("NDIS_STATUS_SUCCESS"), or NULL
 * when it was written with none or several. */
static const char *single_macro(const struct expr *e)
{
	return e->name && !strchr(e->name, ' ') ? e->name : NULL;
}

/* source: print as a reviewer reads C (macro names for constants, calls
 * as `F(...)`, no outer parentheses); else the dump's exact form. */
static void expr_print(const struct expr *x, int id, char *buf, size_t size,
		       bool source)
{
	enum { MAX = 512 };
	struct { int id; const char *lit; } st[MAX];
	int sp = 0;
	size_t len = 0;

	buf[0] = '\0';
#define LIT(s) do { if (sp < MAX) { st[sp].id = -1; st[sp++].lit = (s); } } while (0)
#define EXP(i) do { if (sp < MAX) { st[sp].id = (i); st[sp++].lit = NULL; } } while (0)
#define OUT(...) do { if (len < size) len += (size_t)snprintf(buf + len, size - len, __VA_ARGS__); } while (0)
	EXP(id);
	while (sp > 0) {
		sp--;
		if (st[sp].lit) {
			OUT("%s", st[sp].lit);
			continue;
		}
		int i = st[sp].id;
		if (i < 0) {
			OUT("<none>");
			continue;
		}
		const struct expr *e = &x[i];
		switch (e->kind) {
		case EXPR_UNKNOWN: OUT("?"); break;
		case EXPR_INT:
			if (source && single_macro(e))
				OUT("%s", single_macro(e));
			else if (source)
				OUT("%lld", e->value);
			else if (e->name)
				OUT("%lld{%s}", e->value, e->name);
			else
				OUT("%lld", e->value);
			break;
		case EXPR_STRING: OUT("%s", e->name ? e->name : "\"\""); break;
		case EXPR_VAR: OUT("%s", e->name); break;
		case EXPR_FUNC: OUT("&%s", e->name); break;
		case EXPR_ZERO_INIT: OUT("{0}"); break;
		case EXPR_CALL:
			if (source)
				OUT("%s(...)", e->name ? e->name : "(*)");
			else
				OUT("%s()#%d", e->name ? e->name : "(*)", e->call);
			break;
		case EXPR_MEMBER:
			LIT(e->name);
			LIT(e->arrow ? "->" : ".");
			EXP(e->a);
			break;
		case EXPR_INDEX:
			LIT("]");
			EXP(e->b);
			LIT("[");
			EXP(e->a);
			break;
		case EXPR_UNARY:
			if (!(source && i == id))
				LIT(")");
			EXP(e->a);
			LIT(model_op_spelling(e->op));
			if (!(source && i == id))
				LIT("(");
			break;
		case EXPR_BINARY:
			if (!(source && i == id))
				LIT(")");
			EXP(e->b);
			LIT(" ");
			LIT(model_op_spelling(e->op));
			LIT(" ");
			EXP(e->a);
			if (!(source && i == id))
				LIT("(");
			break;
		case EXPR_COND:
			LIT(")");
			EXP(e->c);
			LIT(" : ");
			EXP(e->b);
			LIT(" ? ");
			EXP(e->a);
			LIT("(");
			break;
		}
	}
#undef LIT
#undef EXP
#undef OUT
}

void model_expr_text(const struct expr *x, int id, char *buf, size_t size)
{
	expr_print(x, id, buf, size, false);
}

void model_expr_source(const struct expr *x, int id, char *buf, size_t size)
{
	expr_print(x, id, buf, size, true);
}

static const char *term_name(enum term_kind t)
{
	switch (t) {
	case TERM_GOTO: return "goto";
	case TERM_BRANCH: return "branch";
	case TERM_SWITCH: return "switch";
	case TERM_RETURN: return "return";
	case TERM_EXIT: return "exit";
	}
	return "?";
}

static void dump_event(FILE *out, const struct model_function *fn, int i)
{
	const struct event *ev = &fn->events[i];
	char a[512], b[512];
	if (ev->kind == EV_CALL) {
		fprintf(out, "    %u:%u call %s", ev->loc.line, ev->loc.col,
			ev->callee ? ev->callee : "(*)");
		if (ev->macro)
			fprintf(out, " [macro %s]", ev->macro);
		fprintf(out, "(");
		for (int k = 0; k < ev->nargs; k++) {
			model_expr_text(fn->exprs, fn->args[ev->first_arg + k], a, sizeof(a));
			fprintf(out, "%s%s", k ? ", " : "", a);
		}
		fprintf(out, ")%s\n", ev->declared_in_header ? " api" : "");
	} else {
		model_expr_text(fn->exprs, ev->target, a, sizeof(a));
		model_expr_text(fn->exprs, ev->value, b, sizeof(b));
		fprintf(out, "    %u:%u store %s %s %s\n", ev->loc.line, ev->loc.col,
			a, ev->store_op == OP_NONE ? "=" : model_op_spelling(ev->store_op), b);
	}
}

static void dump_block(FILE *out, const struct model_function *fn, int i)
{
	const struct block *k = &fn->blocks[i];
	char c[512];
	fprintf(out, "  B%d:\n", i);
	for (int e = 0; e < k->nevents; e++)
		dump_event(out, fn, k->first_event + e);
	fprintf(out, "    %s", term_name(k->term));
	switch (k->term) {
	case TERM_GOTO:
		fprintf(out, " B%d", k->succ[0]);
		break;
	case TERM_BRANCH:
		model_expr_text(fn->exprs, k->cond, c, sizeof(c));
		fprintf(out, " %s ? B%d : B%d", c, k->succ[0], k->succ[1]);
		break;
	case TERM_SWITCH:
		model_expr_text(fn->exprs, k->cond, c, sizeof(c));
		fprintf(out, " %s", c);
		for (int s = 0; s < k->ncases; s++) {
			const struct switch_case *sc = &fn->cases[k->first_case + s];
			if (!sc->known)
				fprintf(out, " ?:B%d", sc->target);
			else if (sc->lo == sc->hi)
				fprintf(out, " %lld:B%d", sc->lo, sc->target);
			else
				fprintf(out, " %lld..%lld:B%d", sc->lo, sc->hi, sc->target);
		}
		fprintf(out, " default:B%d", k->succ[0]);
		break;
	case TERM_RETURN:
		if (k->cond >= 0) {
			model_expr_text(fn->exprs, k->cond, c, sizeof(c));
			fprintf(out, " %s", c);
		}
		if (k->implicit_return)
			fprintf(out, " (implicit)");
		break;
	case TERM_EXIT:
		break;
	}
	if (k->term == TERM_BRANCH || k->term == TERM_SWITCH || k->term == TERM_RETURN)
		fprintf(out, " @%u:%u", k->loc.line, k->loc.col);
	fprintf(out, "\n");
}

void model_dump_function(FILE *out, const struct model_function *fn)
{
	fprintf(out, "function %s @%u:%u\n", fn->name, fn->loc.line, fn->loc.col);
	for (int i = 0; i < fn->nblocks; i++)
		dump_block(out, fn, i);
}

void model_dump(FILE *out, const struct model_file *mf)
{
	char v[512];
	fprintf(out, "file %s\n", mf->path);
	for (int i = 0; i < mf->nglobals; i++) {
		const struct model_global *g = &mf->globals[i];
		fprintf(out, "global %s : %s\n", g->name, g->type);
		for (int k = 0; k < g->ninits; k++) {
			model_expr_text(mf->gexprs, g->inits[k].value, v, sizeof(v));
			fprintf(out, "  init %s%s = %s\n", g->name, g->inits[k].path, v);
		}
	}
	for (int i = 0; i < mf->nfunctions; i++)
		model_dump_function(out, &mf->functions[i]);
	for (int i = 0; i < mf->ndiags; i++)
		fprintf(out, "diag %s:%u:%u: %s\n", mf->files[mf->diags[i].loc.file],
			mf->diags[i].loc.line, mf->diags[i].loc.col, mf->diags[i].message);
	for (int i = 0; i < mf->nnotes; i++)
		fprintf(out, "note %s:%u:%u: %s\n", mf->notes[i].file ? mf->notes[i].file : "",
			mf->notes[i].line, mf->notes[i].col, mf->notes[i].message);
	for (int i = 0; i < mf->ndeps; i++)
		fprintf(out, "reads %s\n", mf->deps[i]);
}
