/*
 * parallel.c - the parse phase of a run (see parallel.h).
 *
 * The main thread looks every input up in the cache, starts worker
 * threads for the misses and, while they run, redraws the progress line;
 * the workers take the next input in order under one mutex, parse it with
 * frontend_parse (which shares nothing between calls) and put the model
 * in the input's own slot.  After the first failure no new input is
 * taken: every input before it was taken earlier and runs to its end, so
 * the failure reported is the first in input order, as with -j1.  Only
 * the main thread touches the cache and stderr.
 */
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "parallel.h"
#include "progress.h"
#include "../analyzer/frontend.h"

enum {
	PARALLEL_MAX_THREADS = 256,
	PARALLEL_STACK = 16 * 1024 * 1024,      /* frontend_parse parses on a
	                                           thread of its own with a
	                                           big stack, and on the
	                                           caller's when it cannot */
	PARALLEL_TICK_MS = 100,
};

/* One input of the parse phase. */
struct pjob {
	const struct run_input *in;
	struct parse_options po;
	bool needed;                    /* a cache miss: to parse */
	bool keyed;                     /* key is valid: store the result */
	char key[65];
	struct model_file *mf;          /* the result */
	bool failed;
	char err[1024];
};

/* What the workers share, under mu. */
struct pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;              /* a job finished or a worker ended */
	struct pjob *jobs;
	int n;
	int next;                       /* the next job to look at */
	int done;                       /* jobs finished */
	int running;                    /* workers not yet ended */
	bool stop;                      /* a job failed: take no more */
	const char *current;            /* the input taken last */
};

/* -j N, or the online cores, within 1..PARALLEL_MAX_THREADS. */
int parallel_jobs(int requested)
{
	long n = requested;

	if (n <= 0)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n <= 0)
		n = 1;
	return n > PARALLEL_MAX_THREADS ? PARALLEL_MAX_THREADS : (int)n;
}

/* Parses one job (outside the lock). */
static void pjob_run(struct pjob *j)
{
	if (frontend_parse(j->in->path, &j->po, &j->mf, j->err, sizeof(j->err)) !=
	    PARSE_OK || j->mf == NULL) {
		model_file_free(j->mf);
		j->mf = NULL;
		j->failed = true;
	}
}

/* The next job to parse, or -1 (called with mu held). */
static int pool_take(struct pool *p)
{
	while (p->next < p->n && !p->jobs[p->next].needed)
		p->next++;
	if (p->stop || p->next >= p->n)
		return -1;
	p->current = p->jobs[p->next].in->path;
	return p->next++;
}

/* A worker: takes jobs until there is none left. */
static void *pool_worker(void *arg)
{
	struct pool *p = arg;

	pthread_mutex_lock(&p->mu);
	for (int i = pool_take(p); i >= 0; i = pool_take(p)) {
		pthread_mutex_unlock(&p->mu);
		pjob_run(&p->jobs[i]);
		pthread_mutex_lock(&p->mu);
		p->done++;
		if (p->jobs[i].failed)
			p->stop = true;
		pthread_cond_signal(&p->cv);
	}
	p->running--;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Starts up to `want` workers; returns how many started. */
static int pool_start(struct pool *p, pthread_t *tids, int want)
{
	pthread_attr_t attr;
	int started = 0;

	if (pthread_attr_init(&attr) != 0)
		return 0;
	pthread_attr_setstacksize(&attr, PARALLEL_STACK);
	for (int i = 0; i < want; i++) {
		pthread_mutex_lock(&p->mu);
		p->running++;
		pthread_mutex_unlock(&p->mu);
		if (pthread_create(&tids[started], &attr, pool_worker, p) != 0) {
			pthread_mutex_lock(&p->mu);
			p->running--;
			pthread_mutex_unlock(&p->mu);
			break;
		}
		started++;
	}
	pthread_attr_destroy(&attr);
	return started;
}

/* Waits for the workers, redrawing the progress line meanwhile. */
static void pool_wait(struct pool *p, struct progress *pg, int hits)
{
	pthread_mutex_lock(&p->mu);
	while (p->running > 0) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += PARALLEL_TICK_MS * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&p->cv, &p->mu, &ts);
		progress_update(pg, hits + p->done, p->current);
	}
	pthread_mutex_unlock(&p->mu);
}

/* Parses the jobs that need it with `nthreads` workers.  With no thread
 * at all (or none started), the main thread does the work itself. */
static void pool_run(struct pjob *jobs, int n, int nthreads,
		     struct progress *pg, int hits)
{
	struct pool p = { .jobs = jobs, .n = n };
	pthread_t *tids = calloc((size_t)nthreads, sizeof(*tids));
	int started = 0;

	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	if (tids != NULL)
		started = pool_start(&p, tids, nthreads);
	if (started == 0) {
		p.running = 1;
		pool_worker(&p);
	} else {
		pool_wait(&p, pg, hits);
	}
	for (int i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	free(tids);
	pthread_cond_destroy(&p.cv);
	pthread_mutex_destroy(&p.mu);
}

/* Prints the reason a job failed, naming its file once. */
static void pjob_report(const struct pjob *j)
{
	const char *path = j->in->path;

	if (j->err[0] == '\0')
		cli_error("%s: cannot be parsed", path);
	else if (strncmp(j->err, path, strlen(path)) == 0)
		cli_error("%s", j->err);
	else
		cli_error("%s: %s", path, j->err);
}

/* Looks every input up in the cache; returns the number of hits. */
static int parallel_lookup(struct cache *c, struct pjob *jobs, int n)
{
	bool debug = cache_debug();
	int hits = 0;

	for (int i = 0; i < n; i++) {
		struct pjob *j = &jobs[i];
		struct cache_input ci = {
			.path = j->in->path,
			.args = (const char *const *)j->in->args,
			.nargs = j->in->nargs,
			.working_dir = j->in->working_dir,
		};

		j->needed = true;
		if (c == NULL)
			continue;
		j->keyed = cache_key(c, &ci, j->key);
		if (j->keyed)
			j->mf = cache_lookup(c, j->key);
		if (j->mf != NULL) {
			j->needed = false;
			hits++;
		}
		if (debug)
			cli_error("cache %s %s", j->mf ? "hit" : "miss", j->in->path);
	}
	return hits;
}

/* Hands the models over to files[] or frees them all after a failure;
 * stores the fresh ones in the cache. */
static int parallel_finish(struct cache *c, struct pjob *jobs, int n,
			   struct model_file **files)
{
	for (int i = 0; i < n; i++) {
		if (!jobs[i].failed)
			continue;
		pjob_report(&jobs[i]);
		for (int k = 0; k < n; k++)
			model_file_free(jobs[k].mf);
		return CLI_ERROR;
	}
	for (int i = 0; i < n; i++) {
		if (jobs[i].needed && jobs[i].keyed)
			cache_store(c, jobs[i].key, jobs[i].mf);
		files[i] = jobs[i].mf;
	}
	return CLI_CONTINUE;
}

/*
 * glibc gives a thread that allocates while another holds the main arena
 * an arena of its own, up to eight per core.  The parser's thread then
 * frees its translation unit into an arena nobody else uses, and the
 * engine on the main thread faults in fresh pages instead of reusing
 * them (steps-5000: 29,000 page faults instead of 24,600, 5% of the
 * run).  One arena per parse running at once keeps the reuse without
 * making parallel parses wait for each other's allocations.
 */
static void share_malloc_arenas(int concurrent_parses)
{
#ifdef M_ARENA_MAX
	mallopt(M_ARENA_MAX, concurrent_parses > 1 ? concurrent_parses : 1);
#else
	(void)concurrent_parses;
#endif
}

/* Cache lookups, the parse pool, progress, cache stores (see
 * parallel.h). */
int parallel_parse_inputs(const struct cli_options *opt,
			  const struct run_input *in, int n,
			  const char *include_dir, struct model_file **files)
{
	struct pjob *jobs = calloc((size_t)(n ? n : 1), sizeof(*jobs));
	struct cache *c = NULL;
	struct progress *pg;
	int hits, misses, nthreads, file_threads, rc;

	if (jobs == NULL) {
		cli_error("out of memory");
		return CLI_ERROR;
	}
	for (int i = 0; i < n; i++) {
		jobs[i].in = &in[i];
		jobs[i].po.clang_args = (const char *const *)in[i].args;
		jobs[i].po.nclang_args = in[i].nargs;
		jobs[i].po.include_dir = include_dir;
		jobs[i].po.working_dir = in[i].working_dir;
	}
	if (!opt->no_cache)
		c = cache_open(opt->cache_file, opt->enabled, include_dir);
	hits = parallel_lookup(c, jobs, n);
	misses = n - hits;
	nthreads = parallel_jobs(opt->jobs);
	/* Threads the parses leave idle go to splitting big files
	 * (frontend.h: parse_options.threads). */
	file_threads = misses > 0 ? nthreads / misses : 1;
	for (int i = 0; i < n; i++)
		jobs[i].po.threads = file_threads;
	if (nthreads > misses)
		nthreads = misses;
	pg = progress_new(n, opt->quiet);
	progress_update(pg, hits, NULL);
	if (misses > 0) {
		share_malloc_arenas(nthreads * (file_threads >= 2 ? 2 : 1));
		pool_run(jobs, n, nthreads, pg, hits);
	}
	progress_end(pg);
	rc = parallel_finish(c, jobs, n, files);
	cache_close(c);
	free(jobs);
	return rc;
}
