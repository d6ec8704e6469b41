/*
 * fingerprint.c - finding identity that survives edits elsewhere in a file,
 * plus the path helpers that identity (and SARIF uris) depend on.
 *
 * The idea is CodeChecker's (STYLE.md): hash the rule, the file relative
 * to the source root, the reported line's text without white space, the
 * function, and an ordinal among findings that share all of these.  The
 * hash is SHA-256, written here (FIPS 180-4) to avoid a dependency.
 */
#include "report.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- SHA-256 ---------------------------------------------------------- */

struct sha256 {
	uint32_t h[8];
	uint64_t len;           /* bytes hashed so far */
	unsigned char buf[64];
	size_t nbuf;
};

static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* 32-bit rotate right. */
static uint32_t sha256_ror(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

/* Starts a hash with the FIPS 180-4 initial values. */
static void sha256_init(struct sha256 *s)
{
	static const uint32_t h0[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(s->h, h0, sizeof(h0));
	s->len = 0;
	s->nbuf = 0;
}

/* Mixes one 64-byte block into the state. */
static void sha256_block(struct sha256 *s, const unsigned char *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, h;
	unsigned i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (i = 16; i < 64; i++) {
		uint32_t s0 = sha256_ror(w[i - 15], 7) ^ sha256_ror(w[i - 15], 18) ^
			      (w[i - 15] >> 3);
		uint32_t s1 = sha256_ror(w[i - 2], 17) ^ sha256_ror(w[i - 2], 19) ^
			      (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = s->h[0]; b = s->h[1]; c = s->h[2]; d = s->h[3];
	e = s->h[4]; f = s->h[5]; g = s->h[6]; h = s->h[7];
	for (i = 0; i < 64; i++) {
		uint32_t S1 = sha256_ror(e, 6) ^ sha256_ror(e, 11) ^ sha256_ror(e, 25);
		uint32_t ch = (e & f) ^ (~e & g);
		uint32_t t1 = h + S1 + ch + sha256_k[i] + w[i];
		uint32_t S0 = sha256_ror(a, 2) ^ sha256_ror(a, 13) ^ sha256_ror(a, 22);
		uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
		uint32_t t2 = S0 + maj;

		h = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	s->h[0] += a; s->h[1] += b; s->h[2] += c; s->h[3] += d;
	s->h[4] += e; s->h[5] += f; s->h[6] += g; s->h[7] += h;
}

/* Hashes `len` more bytes. */
static void sha256_update(struct sha256 *s, const void *data, size_t len)
{
	const unsigned char *p = data;

	s->len += len;
	while (len > 0) {
		size_t take = 64 - s->nbuf;

		if (take > len)
			take = len;
		memcpy(s->buf + s->nbuf, p, take);
		s->nbuf += take;
		p += take;
		len -= take;
		if (s->nbuf == 64) {
			sha256_block(s, s->buf);
			s->nbuf = 0;
		}
	}
}

/* Pads, finishes and writes the digest as 64 hex digits plus NUL. */
static void sha256_final_hex(struct sha256 *s, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	uint64_t bits = s->len * 8;
	unsigned char tail[8];
	unsigned i;

	sha256_update(s, "\x80", 1);
	while (s->nbuf != 56)
		sha256_update(s, "", 1);  /* one zero byte (the NUL) */
	for (i = 0; i < 8; i++)
		tail[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_update(s, tail, 8);
	for (i = 0; i < 32; i++) {
		unsigned char byte = (unsigned char)(s->h[i / 4] >> (24 - 8 * (i % 4)));

		hex[2 * i] = digits[byte >> 4];
		hex[2 * i + 1] = digits[byte & 15];
	}
	hex[64] = '\0';
}

/* SHA-256 of a buffer, as hex. */
void report_sha256_hex(const void *data, size_t len, char hex[65])
{
	struct sha256 s;

	sha256_init(&s);
	sha256_update(&s, data, len);
	sha256_final_hex(&s, hex);
}

/* ---- paths ------------------------------------------------------------ */

/* The current directory, malloc'd, or NULL. */
static char *fp_getcwd(void)
{
	size_t size = 256;

	for (;;) {
		char *buf = malloc(size);

		if (!buf)
			return NULL;
		if (getcwd(buf, size))
			return buf;
		free(buf);
		if (size > 1 << 20)
			return NULL;
		size *= 2;
	}
}

/* Normalizes an absolute path in place: drops "." components and repeated
 * slashes, and resolves ".." against the components before it. */
static void fp_normalize(char *path)
{
	char *out = path;       /* write cursor; path[0] is '/' */
	const char *in = path;

	while (*in) {
		const char *comp;
		size_t len;

		while (*in == '/')
			in++;
		comp = in;
		while (*in && *in != '/')
			in++;
		len = (size_t)(in - comp);
		if (len == 0 || (len == 1 && comp[0] == '.'))
			continue;
		if (len == 2 && comp[0] == '.' && comp[1] == '.') {
			/* back to the slash that starts the last component */
			while (out > path) {
				out--;
				if (*out == '/')
					break;
			}
			continue;
		}
		*out = '/';
		memmove(out + 1, comp, len);
		out += 1 + len;
	}
	if (out == path)
		*out++ = '/';
	*out = '\0';
}

/* Absolute, lexically normalized form of a path (see report.h). */
char *report_abspath(const char *path)
{
	char *abs, *cwd;
	size_t len;

	if (!path || !*path)
		path = ".";
	if (path[0] == '/') {
		abs = strdup(path);
	} else {
		cwd = fp_getcwd();
		if (!cwd)
			return NULL;
		len = strlen(cwd) + 1 + strlen(path) + 1;
		abs = malloc(len);
		if (abs)
			snprintf(abs, len, "%s/%s", cwd, path);
		free(cwd);
	}
	if (abs)
		fp_normalize(abs);
	return abs;
}

/* If absolute `file` lies under absolute `root`, returns a copy of the
 * part after the root, else NULL.  Both are normalized. */
static char *fp_under(const char *file, const char *root)
{
	size_t n = strlen(root);

	if (n == 1 && root[0] == '/')
		return strdup(file + 1);
	if (strncmp(file, root, n) != 0 || file[n] != '/')
		return NULL;
	return strdup(file + n + 1);
}

/* `file` relative to `root`, or absolute when outside it (see report.h). */
char *report_relpath(const char *file, const char *root, bool *inside)
{
	char *afile = report_abspath(file);
	char *aroot = report_abspath(root ? root : ".");
	char *rel = NULL;

	if (inside)
		*inside = false;
	if (!afile || !aroot)
		goto out;
	rel = fp_under(afile, aroot);
	if (!rel) {
		char *rfile = realpath(afile, NULL);
		char *rroot = realpath(aroot, NULL);

		if (rfile && rroot)
			rel = fp_under(rfile, rroot);
		free(rfile);
		free(rroot);
	}
	if (rel) {
		if (inside)
			*inside = true;
	} else {
		rel = afile;
		afile = NULL;
	}
out:
	free(afile);
	free(aroot);
	return rel;
}

/* ---- source lines ----------------------------------------------------- */

/* One source file read once per fingerprint run. */
struct fp_file {
	const char *path;       /* as the findings give it (not owned) */
	char *text;             /* whole file, NUL-terminated; NULL: unreadable */
	size_t len;
};

struct fp_cache {
	struct fp_file *files;
	size_t count;
};

/* Reads a whole file; returns NULL (and len 0) when it cannot. */
static char *fp_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	*len = 0;
	if (!f)
		return NULL;
	for (;;) {
		size_t got;

		if (cap - n < 4096) {
			char *nbuf = realloc(buf, cap ? cap * 2 : 8192);

			if (!nbuf) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nbuf;
			cap = cap ? cap * 2 : 8192;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* The cached file for a path, reading it on first use; NULL on OOM. */
static struct fp_file *fp_cache_get(struct fp_cache *c, const char *path)
{
	struct fp_file *nf;
	size_t i;

	for (i = 0; i < c->count; i++)
		if (strcmp(c->files[i].path, path) == 0)
			return &c->files[i];
	nf = realloc(c->files, (c->count + 1) * sizeof(*nf));
	if (!nf)
		return NULL;
	c->files = nf;
	nf = &c->files[c->count++];
	nf->path = path;
	nf->text = fp_slurp(path, &nf->len);
	return nf;
}

/* Frees the cache. */
static void fp_cache_free(struct fp_cache *c)
{
	size_t i;

	for (i = 0; i < c->count; i++)
		free(c->files[i].text);
	free(c->files);
}

/* Text of 1-based `line` of the file with every white-space byte removed;
 * "" when the file or line does not exist.  Malloc'd; NULL on OOM. */
static char *fp_line_text(struct fp_cache *c, const char *path, unsigned line)
{
	struct fp_file *f;
	const char *p, *end;
	char *out, *w;
	unsigned cur = 1;

	if (!path || line == 0)
		return strdup("");
	f = fp_cache_get(c, path);
	if (!f)
		return NULL;
	if (!f->text)
		return strdup("");
	p = f->text;
	end = f->text + f->len;
	while (cur < line && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (!nl)
			return strdup("");
		p = nl + 1;
		cur++;
	}
	out = malloc((size_t)(end - p) + 1);
	if (!out)
		return NULL;
	w = out;
	for (; p < end && *p != '\n'; p++)
		if (!isspace((unsigned char)*p) && *p != '\0')
			*w++ = *p;
	*w = '\0';
	return out;
}

/* ---- fingerprints ------------------------------------------------------ */

/* What identifies a finding, before its ordinal. */
struct fp_key {
	char key[65];           /* hash of the fields, to group equal ones */
	size_t index;           /* finding index */
	unsigned ordinal;
};

/* Feeds one NUL-terminated field (NULL as "") into the hash. */
static void fp_field(struct sha256 *s, const char *text)
{
	if (!text)
		text = "";
	sha256_update(s, text, strlen(text) + 1);
}

/* Orders keys by hash, then by finding index (so ordinals follow list
 * order). */
static int fp_key_cmp(const void *a, const void *b)
{
	const struct fp_key *ka = a, *kb = b;
	int c = strcmp(ka->key, kb->key);

	if (c)
		return c;
	return ka->index < kb->index ? -1 : ka->index > kb->index;
}

/* Hashes the identity fields of one finding; with_ordinal adds `ordinal`. */
static int fp_hash_finding(const struct finding *f, const char *root,
			   struct fp_cache *c, bool with_ordinal,
			   unsigned ordinal, char hex[65])
{
	struct sha256 s;
	char *rel = report_relpath(f->pos.file ? f->pos.file : "", root, NULL);
	char *text = fp_line_text(c, f->pos.file, f->pos.line);
	char num[32];

	if (!rel || !text) {
		free(rel);
		free(text);
		return -1;
	}
	sha256_init(&s);
	fp_field(&s, "ndislint/v1");
	fp_field(&s, f->rule);
	fp_field(&s, rel);
	fp_field(&s, text);
	fp_field(&s, f->function);
	if (with_ordinal) {
		snprintf(num, sizeof(num), "%u", ordinal);
		fp_field(&s, num);
	}
	sha256_final_hex(&s, hex);
	free(rel);
	free(text);
	return 0;
}

/* Frees a fingerprint array. */
void report_fingerprints_free(char **fps, size_t n)
{
	size_t i;

	if (!fps)
		return;
	for (i = 0; i < n; i++)
		free(fps[i]);
	free(fps);
}

/* Computes every finding's fingerprint (see report.h). */
char **report_fingerprints(const struct findings *fs, const char *source_root)
{
	struct fp_cache cache = { NULL, 0 };
	struct fp_key *keys;
	char **fps;
	size_t i;

	fps = calloc(fs->count ? fs->count : 1, sizeof(*fps));
	keys = calloc(fs->count ? fs->count : 1, sizeof(*keys));
	if (!fps || !keys)
		goto fail;
	for (i = 0; i < fs->count; i++) {
		keys[i].index = i;
		if (fp_hash_finding(&fs->items[i], source_root, &cache, false, 0,
				    keys[i].key) < 0)
			goto fail;
	}
	/* Ordinals: rank within each group of equal keys, in list order. */
	qsort(keys, fs->count, sizeof(*keys), fp_key_cmp);
	for (i = 0; i < fs->count; i++)
		keys[i].ordinal = (i > 0 && strcmp(keys[i].key, keys[i - 1].key) == 0)
				  ? keys[i - 1].ordinal + 1 : 0;
	for (i = 0; i < fs->count; i++) {
		size_t idx = keys[i].index;

		fps[idx] = malloc(65);
		if (!fps[idx])
			goto fail;
		if (fp_hash_finding(&fs->items[idx], source_root, &cache, true,
				    keys[i].ordinal, fps[idx]) < 0)
			goto fail;
	}
	free(keys);
	fp_cache_free(&cache);
	return fps;
fail:
	free(keys);
	fp_cache_free(&cache);
	report_fingerprints_free(fps, fs->count);
	return NULL;
}
