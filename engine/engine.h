/*
 * engine.h - the path-sensitive, interprocedural engine.
 *
 * It walks DriverEntry's control-flow graph, and the unload handler's from
 * every state in which DriverEntry succeeds, with an abstract state: the
 * registration state of the miniport and of the protocol, and the values
 * that matter (statuses of registration calls and their copies, flags,
 * handles, characteristics fields, pointers to them).  Branch conditions
 * refine the state; infeasible branches are pruned; equal states at the
 * same program point are merged, so its cost grows with the number of
 * distinct states, not paths.  Calls into analyzed functions are inlined
 * (the call string is part of the program point); recursion and calls
 * deeper than ENGINE_MAX_DEPTH are treated as unknown calls.
 *
 * The engine reports what it saw as issues with path traces of steps; the
 * rules (rules/) decide which issues are findings and word them.  The
 * engine never formats output.
 */
#ifndef NDISLINT_ENGINE_H
#define NDISLINT_ENGINE_H

#include <stdbool.h>
#include "../analyzer/program.h"

enum { ENGINE_MAX_DEPTH = 24 };

enum reg_kind { REG_MINIPORT, REG_PROTOCOL, REG__COUNT };

enum reg_state {
	REG_NEVER,              /* not called on this path */
	REG_REGISTERED,         /* called and succeeded */
	REG_FAILED,             /* called and failed */
	REG_DEREGISTERED,       /* succeeded, then deregistered */
};

enum step_kind {
	STEP_REG_OK,            /* a registration call succeeded */
	STEP_REG_FAILED,        /* a registration call failed */
	STEP_DEREGISTER,        /* a deregistration call */
	STEP_BRANCH,            /* a condition, taken true or false */
	STEP_SWITCH,            /* a switch, taking a case or default */
	STEP_CALL,              /* entering an analyzed function */
	STEP_RETURN_FROM,       /* back from it */
	STEP_UNKNOWN_CALL,      /* a call to a function nobody defines */
	STEP_RETURN,            /* the return that ends the path */
	STEP_UNLOAD,            /* the unload handler entered */
	STEP_ASSOCIATE,         /* NdisIMAssociateMiniport called */
	STEP_LATE_WRITE,        /* state written after the registration */
};

struct engine_step {
	enum step_kind kind;
	int fn;                 /* function id holding loc */
	struct model_loc loc;
	int expr;               /* BRANCH, SWITCH, RETURN: expression in fn */
	bool taken;             /* BRANCH: the condition's value */
	bool is_default;        /* SWITCH */
	long long case_value;   /* SWITCH */
	const char *name;       /* CALL, RETURN_FROM, UNKNOWN_CALL: callee;
	                           REG_*, DEREGISTER: the API */
	enum reg_kind reg;      /* REG_*, DEREGISTER */
};

struct engine_trace {
	struct engine_step *steps;
	int nsteps;
};

enum issue_kind {
	ISSUE_LEAK_ON_ERROR,    /* DriverEntry fails with `reg` registered */
	ISSUE_DEREG_WITHOUT_REG,/* deregistration where `why` != REGISTERED */
	ISSUE_FLAGS_LACK_IM,    /* miniport characteristics' Flags lack the
	                           IM bit at the registration call */
	ISSUE_UNLOAD_MISSES,    /* an unload path returns with `reg` still
	                           registered */
	ISSUE_NO_ASSOCIATE,     /* DriverEntry succeeds with both registered,
	                           without NdisIMAssociateMiniport after */
	ISSUE_LATE_WRITE,       /* DriverEntry (or what it calls) writes or
	                           initializes global state after a
	                           successful NdisMRegisterMiniportDriver and
	                           before any deregistration */
};

struct engine_issue {
	enum issue_kind kind;
	enum reg_kind reg;
	enum reg_state why;     /* DEREG_WITHOUT_REG: the state found */
	int fn;                 /* function holding loc */
	struct model_loc loc;   /* the return, or the call */
	int reg_fn;             /* the registration call that succeeded */
	int reg_event;          /*   (LEAK_ON_ERROR, UNLOAD_MISSES), -1 */
	long long flags;        /* FLAGS_LACK_IM: the Flags value found */
	char *path;             /* LATE_WRITE: the state written, as a
	                           global followed by .fields ("G.Lock") */
	bool by_call;           /* LATE_WRITE: an initializing call, not an
	                           assignment */
	int read;               /* LATE_WRITE: the overlapping read, an index
	                           into result->reads->v */
	struct engine_trace trace;
};

struct reads;

struct engine_result {
	struct reads *reads;    /* what the initialize handler reads, or NULL
	                           (none registered or not analyzed) */
	struct engine_issue *issues;
	int nissues, capissues;
	int success_states;     /* distinct states DriverEntry succeeds in */
	long long visits;       /* program points processed */
	bool exhausted;         /* the budget ran out: results partial */
};

/* Runs the engine on one driver.  Never NULL. */
struct engine_result *engine_run(const struct driver *drv);
void engine_result_free(struct engine_result *r);

/* The event of a registration call that an issue refers to, or NULL. */
const struct event *engine_reg_event(const struct driver *drv,
				     const struct engine_issue *is);

#endif
