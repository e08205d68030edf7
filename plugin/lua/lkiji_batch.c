/*
** lkiji_batch.c -- kiji.core.annotate_many: many texts annotated on C
** threads (kiji_annotate_batch_any_order) that share one annotator.
**
** The threads never touch the Lua state: each text's result is kept in C
** (a snapshot, or its JSON bytes), at its index, by the thread that
** annotated it, in the batch userdata, whose __gc frees
** what is left, and the Lua values are made afterwards, on the caller's
** thread, in input order. With async = true the batch is a job of the
** state's crew (lkiji_crew.c) while Lua goes on (reading the next texts),
** and :wait() makes the values; the userdata keeps a copy of the list of
** texts, so the strings live as long as the threads read them. Without
** async, a batch on more than one thread is the crew's job too, and the
** calling thread waits: a wait can hear an interrupt (wait_for), where
** kiji_annotate_batch held the thread to the end; a batch on one thread
** runs on the calling thread.
*/
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annotate/batch.h"
#include "annotate/spare_docs.h"
#include "lkiji.h"
#include "lkiji_crew.h"

#define BATCH_MT "kiji.batch"

typedef struct result {
  kiji_status status;
  size_t offset;  /* the error's input offset */
  char *error;    /* its message (malloc), NULL when none or out of memory */
  kiji_doc *snap; /* tables: the results, until they are Lua's */
  char *json;     /* json = true: the bytes (in the batch's blocks) */
  size_t json_len;
} result;

/*
** The texts' JSON, one after another in blocks of at least BLOCK_BYTES,
** and the blocks kept in the state's scratch for the next batch (at most
** KEPT_BLOCKS): a malloc per text, made on the worker threads and freed on
** Lua's, had glibc trim the threads' arenas and fault the pages in again,
** chunk after chunk (`kiji annotate --jobs 2` on 20 MB of JSON Lines:
** 43,700 page faults, 11,400 with the blocks kept). A thread takes room in
** a batch's blocks under its lock, and copies outside it; the scratch's
** list is only touched on Lua's thread.
*/
enum { BLOCK_BYTES = 1 << 20, KEPT_BLOCKS = 8 };
typedef struct lkiji_block {
  struct lkiji_block *next;
  size_t used, cap;
  char bytes[1];
} block;

void lkiji_free_blocks(block *list) {
  while (list) {
    block *next = list->next;
    free(list);
    list = next;
  }
}

/* The batch userdata: this header, then the texts, the JSON's ids and
** members, and the results. */
typedef struct batch {
  lkiji_job job; /* on the crew: its job (first: a job is its batch) */
  const kiji_annotator *a;
  kiji_annotate_options o;
  kiji_annotate_options *each; /* dates or sources: one per text (o's lang and invalid), or NULL */
  unsigned threads;
  size_t n;
  const kiji_str *texts;
  const kiji_str *ids;     /* json = true: each text's "id" (ptr NULL: none), or NULL */
  const kiji_str *id_json; /* the same, as JSON text, written as given */
  const kiji_str *members; /* JSON text of members to add after the document's own */
  result *r;
  int json;
  int jsonl;          /* json, and the values one string of JSON Lines */
  kiji_status status; /* kiji_annotate_batch's */
  block *blocks;      /* the JSON, the newest block first */
  block *spare;       /* blocks to fill next, from the scratch */
  pthread_mutex_t blocks_mu;
  scratch *sc;      /* (anchored) where the blocks go back */
  lkiji_crew *crew; /* the crew it was queued on, until it is done */
  int waited;       /* the Lua values were made */
  int forked;       /* queued on the crew, and this process a child forked meanwhile */
  int interrupted;  /* a hook raised while it was waited for (texts were dropped) */
} batch;

/* Wait until the crew is done with the batch, if it was queued on one;
** with cancel, no text not yet begun will be. In a child forked since
** the batch was queued, its texts will never be done: b->forked. */
static void settle(batch *b, int cancel) {
  if (b->crew != NULL) {
    b->forked = !lkiji_crew_finish(b->crew, &b->job, cancel);
    b->crew = NULL;
  }
}

/* Give the batch's blocks back to the scratch (or free them). */
static void free_blocks(batch *b) {
  block *lists[2], *k;
  size_t kept = 0, i;
  lists[0] = b->blocks;
  lists[1] = b->spare;
  b->blocks = b->spare = NULL;
  for (k = b->sc && !b->sc->closed ? b->sc->blocks : NULL; k; k = k->next) kept++;
  for (i = 0; i < 2; i++)
    while (lists[i]) {
      k = lists[i];
      lists[i] = k->next;
      if (b->sc && !b->sc->closed && kept < KEPT_BLOCKS && k->cap == BLOCK_BYTES) {
        k->used = 0;
        k->next = b->sc->blocks;
        b->sc->blocks = k;
        kept++;
      } else
        free(k);
    }
}

static int batch_gc(lua_State *L) {
  batch *b = (batch *)lkiji_check_udata(L, 1, BATCH_MT);
  size_t i;
  settle(b, 1); /* before freeing what its threads write */
  for (i = 0; i < b->n; i++) {
    kiji_doc_free(b->r[i].snap);
    free(b->r[i].error);
    memset(&b->r[i], 0, sizeof b->r[i]);
  }
  free_blocks(b);
  if (b->sc != NULL) pthread_mutex_destroy(&b->blocks_mu);
  b->sc = NULL;
  b->n = 0;
  return 0;
}

/* The n parts, one after another, kept in b's blocks (len bytes in all),
** or NULL when memory runs out. */
static char *keep_bytes(batch *b, const kiji_str *part, size_t n, size_t len) {
  block *k;
  char *p = NULL;
  size_t i, at = 0;
  pthread_mutex_lock(&b->blocks_mu);
  k = b->blocks;
  if (k == NULL || k->cap - k->used < len) {
    size_t cap = len > BLOCK_BYTES ? len : BLOCK_BYTES;
    if (b->spare && b->spare->cap >= len) {
      k = b->spare;
      b->spare = k->next;
    } else if ((k = (block *)malloc(offsetof(block, bytes) + cap)) != NULL)
      k->cap = cap;
    if (k != NULL) {
      k->used = 0;
      k->next = b->blocks;
      b->blocks = k;
    }
  }
  if (k != NULL) {
    p = k->bytes + k->used;
    k->used += len;
  }
  pthread_mutex_unlock(&b->blocks_mu);
  if (p != NULL)
    for (i = 0; i < n; i++) {
      if (part[i].len) memcpy(p + at, part[i].ptr, part[i].len);
      at += part[i].len;
    }
  return p;
}

static kiji_str str(const char *p, size_t len) {
  kiji_str s;
  s.ptr = p;
  s.len = len;
  return s;
}

/*
** Text i's JSON j[0, len) kept, with its id_json after "kiji" (the
** writer's first member, so the first comma ends it) and its members
** before the closing brace, as a record of `kiji annotate --input jsonl`
** is written: the caller's thread then only writes it out.
*/
static char *keep_json(batch *b, size_t i, const char *j, size_t *len) {
  kiji_str part[8];
  size_t n = 0, total = 0, k;
  const kiji_str *id = b->id_json ? &b->id_json[i] : NULL;
  const kiji_str *more = b->members ? &b->members[i] : NULL;
  const char *comma = (id && id->ptr) ? (const char *)memchr(j, ',', *len) : NULL;
  size_t head = comma ? (size_t)(comma - j) + 1 : 0, tail = *len;
  if (comma) {
    part[n++] = str(j, head);
    part[n++] = str("\"id\":", 5);
    part[n++] = *id;
    part[n++] = str(",", 1);
  }
  if (more && more->ptr && more->len) {
    part[n++] = str(j + head, tail - 1 - head);
    part[n++] = str(",", 1);
    part[n++] = *more;
    head = tail - 1;
  }
  part[n++] = str(j + head, tail - head);
  for (k = 0; k < n; k++) total += part[k].len;
  *len = total;
  return keep_bytes(b, part, n, total);
}

static char *copy(const char *s, size_t len) {
  char *p = (char *)malloc(len + 1);
  if (p != NULL) {
    memcpy(p, s, len);
    p[len] = '\0';
  }
  return p;
}

/* Text i's result kept: on the annotating threads, at once, so pure C,
** and only r[i] and the blocks (locked) written. */
static int keep(void *ud, size_t i, kiji_status st, kiji_doc *doc) {
  batch *c = (batch *)ud;
  result *r = &c->r[i];
  r->status = st;
  if (st != KIJI_OK) {
    r->offset = kiji_doc_error_offset(doc);
    r->error = copy(kiji_doc_error(doc), strlen(kiji_doc_error(doc)));
  } else if (c->json) {
    const kiji_str *id = c->ids ? &c->ids[i] : NULL;
    size_t len;
    const char *j = kiji_doc_json(doc, id ? id->ptr : NULL, id ? id->len : 0, &len);
    if (j == NULL || (r->json = keep_json(c, i, j, &len)) == NULL) r->status = KIJI_ENOMEM;
    r->json_len = len;
  } else if ((r->snap = kiji_doc_snapshot(doc)) == NULL)
    r->status = KIJI_ENOMEM;
  return 0;
}

static const kiji_annotate_options *options_of(const batch *b, size_t i) {
  return b->each ? b->each + i : &b->o;
}

/* Every text, on the caller's thread and the batch's own threads. */
static void run(batch *b) {
  b->status = kiji_annotate_batch_any_order(b->a, b->texts, b->n, options_of(b, 0),
                                            b->each ? b->n : 1, b->threads, keep, b);
}

/* As a job of the crew: a thread keeps one doc while it annotates the
** batch's texts, from the annotator's spares and back to them. */
static void job_start(lkiji_job *j, lkiji_hand *h) {
  h->p = kiji_ann_spare_take(kiji_ann_spares_of(((batch *)j)->a));
}

static void job_item(lkiji_job *j, size_t i, lkiji_hand *h) {
  batch *b = (batch *)j;
  kiji_doc *doc = (kiji_doc *)h->p;
  if (doc == NULL) { /* (no doc to be had: this text fails, not the batch) */
    b->r[i].status = KIJI_ENOMEM;
    return;
  }
  if (b->texts[i].len > h->most) h->most = b->texts[i].len;
  keep(b, i, kiji_annotate(b->a, doc, b->texts[i].ptr, b->texts[i].len, options_of(b, i)), doc);
}

static void job_leave(lkiji_job *j, lkiji_hand *h) {
  if (h->p != NULL) kiji_ann_spare_give(kiji_ann_spares_of(((batch *)j)->a), h->p, h->most);
}

/* Queue the batch on the state's crew, of as many threads as it asks
** for, less `helpers` (threads that will work on it besides the crew's);
** 0 when no crew or thread can be had (the caller then runs it). */
static int queue(batch *b, scratch *sc, size_t helpers) {
  lkiji_crew *c = lkiji_crew_of(&sc->crew);
  size_t threads = b->n > 0 ? kiji_ann_batch_threads(b->threads, b->n) : 1;
  b->job.n = b->n;
  b->job.limit = threads > helpers ? threads - helpers : 1;
  b->job.start = job_start;
  b->job.item = job_item;
  b->job.leave = job_leave;
  if (c == NULL || lkiji_crew_hire(c, b->job.limit) == 0) return 0;
  b->status = KIJI_OK;
  b->crew = c;
  lkiji_crew_queue(c, &b->job);
  return 1;
}

/* How long :wait() waits before it looks at the hooks again. */
#define WAIT_SLICE_MS 20

/* Run a Lua function that does nothing, so that the hooks run as they
** would at Lua's next instruction: 0, or the error they raised (on the
** stack). */
static int hooks_turn(lua_State *L) {
  int st = luaL_loadbuffer(L, "", 0, "=(kiji wait)");
  if (st == 0) st = lua_pcall(L, 0, 0, 0);
  return st;
}

/* The hooks of a thread, as a call found them. */
typedef struct hooks {
  lua_Hook hook;
  int mask;
} hooks;

static hooks hooks_of(lua_State *L) {
  hooks k;
  k.hook = lua_gethook(L);
  k.mask = lua_gethookmask(L);
  return k;
}

/*
** Wait for a batch queued on the crew, in slices, or, with help, do its
** texts on this thread too until none is left to take, then wait: and
** give a hook set (or changed) since the call began (`was`) its turn at
** once (after a text, or a slice) by running an empty function. lua.c and
** luajit answer SIGINT with a hook that raises "interrupted!" at the next
** call, and a hook on lines raises there too, where a debugger's goes on
** (a hook on a count of more than 1 is not reached). When it raises, the
** texts not begun are dropped, those begun finish (a text at most a
** thread), and the error goes on.
*/
static void wait_for(lua_State *L, batch *b, int help, hooks was) {
  lkiji_hand h = {NULL, 0};
  if (help) job_start(&b->job, &h);
  while (b->crew != NULL) {
    hooks now;
    if (help && !(help = lkiji_crew_help(b->crew, &b->job, &h))) job_leave(&b->job, &h);
    if (!help && lkiji_crew_wait(b->crew, &b->job, WAIT_SLICE_MS) != 0) break;
    now = hooks_of(L);
    if (now.hook == was.hook && now.mask == was.mask) continue;
    was = now;
    if (hooks_turn(L) != 0) {
      if (help) job_leave(&b->job, &h);
      settle(b, 1);
      b->interrupted = 1;
      lua_error(L);
    }
  }
  settle(b, 0);
}

/* the message of a text that failed */
static void push_error(lua_State *L, const result *r) {
  if (r->status == KIJI_EUTF8) /* as kiji.annotate says it: 1-based */
    lua_pushfstring(L, "invalid UTF-8 at byte %d", (int)r->offset + 1);
  else if (r->status == KIJI_ENOMEM || r->error == NULL)
    lua_pushliteral(L, "out of memory");
  else
    lua_pushstring(L, r->error);
}

/* errors[i] for each text that failed (at the top), or nil when none did */
static void push_errors(lua_State *L, const batch *b) {
  size_t i;
  int errors = 0;
  for (i = 0; i < b->n; i++)
    if (b->r[i].status != KIJI_OK) {
      if (!errors) {
        lua_newtable(L);
        errors = lua_gettop(L);
      }
      push_error(L, &b->r[i]);
      lua_rawseti(L, errors, (int)i + 1);
    }
  if (!errors) lua_pushnil(L);
}

/*
** jsonl = true: the JSON of the texts that succeeded, in order, each
** followed by a newline, as one string (one Lua string and one write for
** a chunk of kiji annotate --jobs, not one of each a document), errors.
*/
static int push_lines(lua_State *L, batch *b) {
  size_t i, total = 0, at = 0;
  char *buf;
  for (i = 0; i < b->n; i++)
    if (b->r[i].status == KIJI_OK) total += b->r[i].json_len + 1;
  buf = (char *)lua_newuserdata(L, total ? total : 1); /* (freed by the GC, whatever fails) */
  for (i = 0; i < b->n; i++)
    if (b->r[i].status == KIJI_OK) {
      memcpy(buf + at, b->r[i].json, b->r[i].json_len);
      at += b->r[i].json_len;
      buf[at++] = '\n';
      b->r[i].json = NULL;
    }
  lua_pushlstring(L, buf, total);
  lua_remove(L, -2);
  free_blocks(b);
  push_errors(L, b);
  return 2;
}

/*
** jsonl = true, and a file to write to: the same lines written there from
** the batch's blocks, with no Lua string between (a chunk's JSON is some
** 7 MB, which the Lua string took a copy, fresh pages and GC work for).
** Gives the bytes of the lines the file took, errors, and what failed in
** writing, if any.
*/
static int write_lines(lua_State *L, batch *b, FILE *f) {
  size_t i, total = 0;
  int failed = 0, err = 0;
  for (i = 0; i < b->n && !failed; i++)
    if (b->r[i].status == KIJI_OK) {
      failed =
          fwrite(b->r[i].json, 1, b->r[i].json_len, f) != b->r[i].json_len || putc('\n', f) == EOF;
      if (failed)
        err = errno;
      else
        total += b->r[i].json_len + 1;
      b->r[i].json = NULL;
    }
  free_blocks(b);
  lua_pushnumber(L, (lua_Number)total);
  push_errors(L, b);
  if (!failed) return 2;
  lua_pushstring(L, err ? strerror(err) : "write error");
  return 3;
}

/*
** The batch's values (b at idx; its anchor holds the texts and the
** annotator): docs, errors | nil [, snapshots].
*/
static int push_values(lua_State *L, batch *b, int idx) {
  size_t i;
  int anchor, docs, snaps = 0;
  if (b->status != KIJI_OK) return luaL_error(L, "kiji: %s", kiji_status_string(b->status));
  b->waited = 1;
  if (b->jsonl) return push_lines(L, b);
  lkiji_get_anchor(L, idx);
  anchor = lua_gettop(L);
  lua_rawgeti(L, anchor, 2); /* the annotator, at anchor + 1 */
  lua_rawgeti(L, anchor, 1); /* the texts, at anchor + 2 */
  lua_createtable(L, (int)b->n, 0);
  docs = lua_gettop(L);
  if (!b->json) {
    lua_createtable(L, (int)b->n, 0);
    snaps = lua_gettop(L);
  }
  for (i = 0; i < b->n; i++) {
    result *r = &b->r[i];
    if (r->status != KIJI_OK) {
      lua_pushboolean(L, 0);
    } else if (b->json) {
      lua_pushlstring(L, r->json, r->json_len);
      r->json = NULL;
    } else {
      kiji_doc **slot;
      lua_rawgeti(L, anchor + 2, (int)i + 1); /* the text */
      lkiji_push_doc(L, r->snap, b->texts[i].ptr, b->texts[i].len);
      slot = lkiji_push_snapshot(L, anchor + 1, -2);
      *slot = r->snap; /* the document userdata's from here on */
      r->snap = NULL;
      lua_rawseti(L, snaps, (int)i + 1);
      lua_remove(L, -2); /* the text */
    }
    lua_rawseti(L, docs, (int)i + 1);
  }
  free_blocks(b); /* every JSON is a Lua string now */
  lua_pushvalue(L, docs);
  push_errors(L, b);
  if (!b->json) {
    lua_pushvalue(L, snaps);
    return 3;
  }
  return 2;
}

/* pending:wait([file]) -> what annotate_many gives without async; with
** jsonl and a file, the lines are written to it (write_lines) */
static int batch_wait(lua_State *L) {
  batch *b = (batch *)lkiji_check_udata(L, 1, BATCH_MT);
  hooks was = hooks_of(L);
  FILE *f = b->jsonl ? lkiji_stream_of(L, 2) : NULL;
  wait_for(L, b, 0, was);
  if (b->forked)
    return luaL_error(L, "kiji: wait: the batch was started before this process forked");
  if (b->interrupted)
    return luaL_error(L, "kiji: wait: the batch was interrupted while it was waited for");
  if (b->waited) return luaL_error(L, "kiji: wait: the batch was already waited for");
  lua_settop(L, 1);
  if (f != NULL && b->status == KIJI_OK) {
    b->waited = 1;
    return write_lines(L, b, f);
  }
  return push_values(L, b, 1);
}

static void batch_metatable(lua_State *L) {
  static const luaL_Reg methods[] = {{"wait", batch_wait}, {NULL, NULL}};
  luaL_getmetatable(L, BATCH_MT);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lkiji_new_metatable(L, BATCH_MT, batch_gc, methods, 0);
  }
}

/*
** The per-text list option `name` of the options at 2 (dates, sources,
** ids...): its strings anchored in the table at anchor[slot], and item i
** given to set(i, string, len, ud). 0 when absent.
*/
typedef void (*set_each)(size_t i, const char *s, size_t len, void *ud);

/* A date that is no day fails its text alone ("bad option: date"), as
** kiji.annotate fails on it: month 13 is what kiji_annotate refuses. */
static void set_date(size_t i, const char *s, size_t len, void *ud) {
  kiji_annotate_options *each = (kiji_annotate_options *)ud + i;
  if (kiji_date_parse(s, len, &each->date) != KIJI_OK) {
    each->date.year = each->date.day = 0;
    each->date.month = 13;
  }
}

static void set_source(size_t i, const char *s, size_t len, void *ud) {
  kiji_annotate_options *each = (kiji_annotate_options *)ud + i;
  each->source = s;
  each->source_len = len;
}

static void set_str(size_t i, const char *s, size_t len, void *ud) {
  ((kiji_str *)ud)[i] = str(s, len);
}

static int each_option(lua_State *L, const char *name, int anchor, int slot, size_t n, void *ud,
                       set_each set) {
  size_t i;
  if (!lkiji_opt_field(L, 2, name, LUA_TTABLE)) return 0;
  lua_createtable(L, (int)n, 0);
  for (i = 0; i < n; i++) {
    lua_rawgeti(L, -2, (int)i + 1);
    if (lua_type(L, -1) == LUA_TSTRING) {
      size_t len;
      const char *v = lua_tolstring(L, -1, &len);
      set(i, v, len, ud);
    } else if (!lua_isnil(L, -1) && !(lua_isboolean(L, -1) && !lua_toboolean(L, -1))) {
      /* (false is none too: kiji.core.jsonl_records' id_json has no holes) */
      return luaL_error(
          L, "bad argument #2 to 'annotate_many' (option '%s': item %d: string expected, got %s)",
          name, (int)i + 1, lkiji_typename(L, -1));
    }
    lua_rawseti(L, -2, (int)i + 1);
  }
  lua_rawseti(L, anchor, slot);
  lua_pop(L, 1);
  return 1;
}

/*
** annotate_many(texts, opts, annotator) -> docs, errors | nil, snapshots
** opts: threads (0: every core), lang, invalid, date, source (every
** text's), dates, sources (lists: text i's, over date and source), json,
** jsonl (json, and docs one string: the JSON Lines of the texts that
** succeeded),
** ids, id_json, members_json (json only: lists of text i's "id", as a
** string or as JSON text, and JSON text of more members), async (then a
** pending batch, whose :wait() gives those).
** docs[i] is text i's table (or JSON string), false when it failed, and
** then errors[i] says why (errors is nil when none failed). snapshots[i]
** is the C document of docs[i] (tables only), for kiji.json.
*/
int lkiji_annotate_many(lua_State *L) {
  hooks was = hooks_of(L); /* (before the batch is built: an interrupt then counts too) */
  static const char *const langs[] = {"auto", "en", "ja", NULL};
  static const char *const invalids[] = {"replace", "error", NULL};
  kiji_annotate_options o = KIJI_ANNOTATE_OPTIONS_INIT;
  const kiji_annotator *a;
  static const char *const json_lists[] = {"ids", "id_json", "members_json"};
  kiji_str *texts, *lists[3];
  kiji_annotate_options *each;
  batch *b;
  size_t n, i, size;
  unsigned threads = 0;
  int json = 0, jsonl = 0, async = 0, anchor;
  scratch *sc = lkiji_scratch(L);
  if (!lua_istable(L, 1)) return lkiji_type_error(L, 1, "table");
  if (!lua_isnoneornil(L, 2) && !lua_istable(L, 2)) return lkiji_type_error(L, 2, "table");
  lua_settop(L, 3);
  if (lua_isnil(L, 2)) {
    lua_newtable(L);
    lua_replace(L, 2);
  }
  a = lkiji_to_annotator(L, 3);
  o.lang = (kiji_lang)lkiji_opt_choice(L, 2, "lang", langs, 0);
  o.invalid = (kiji_invalid)lkiji_opt_choice(L, 2, "invalid", invalids, 0);
  if (lkiji_opt_field(L, 2, "threads", LUA_TNUMBER)) {
    double t = lua_tonumber(L, -1);
    if (!(t >= 0 && t <= 1024) || t != (double)(unsigned)t)
      return lkiji_argerror(L, 2, "option 'threads': a whole number from 0 to 1024 expected");
    threads = (unsigned)t;
    lua_pop(L, 1);
  }
  if (lkiji_opt_field(L, 2, "json", LUA_TBOOLEAN)) {
    json = lua_toboolean(L, -1);
    lua_pop(L, 1);
  }
  if (lkiji_opt_field(L, 2, "jsonl", LUA_TBOOLEAN)) {
    jsonl = lua_toboolean(L, -1);
    json |= jsonl;
    lua_pop(L, 1);
  }
  if (lkiji_opt_field(L, 2, "async", LUA_TBOOLEAN)) {
    async = lua_toboolean(L, -1);
    lua_pop(L, 1);
  }
  for (i = 0; i < 3; i++)
    if (lkiji_opt_field(L, 2, json_lists[i], LUA_TTABLE)) {
      lua_pop(L, 1);
      if (!json)
        return luaL_error(L,
                          "bad argument #2 to 'annotate_many' (option '%s': only with json = true)",
                          json_lists[i]);
      if (i == 1 && lkiji_opt_field(L, 2, "ids", LUA_TTABLE))
        return lkiji_argerror(L, 2, "options 'ids' and 'id_json': one or the other");
    }
  if (lkiji_opt_field(L, 2, "date", LUA_TSTRING)) {
    size_t dl;
    const char *ds = lua_tolstring(L, -1, &dl);
    lkiji_check_date(L, 2, ds, dl, &o.date);
    lua_pop(L, 1);
  }
  if (lkiji_opt_field(L, 2, "source", LUA_TSTRING)) /* at 4, anchored below */
    o.source = lua_tolstring(L, -1, &o.source_len);
  else
    lua_pushnil(L);
  n = lkiji_rawlen(L, 1);
  if (n >= ((size_t)-1 - sizeof *b) /
               (4 * sizeof(kiji_str) + sizeof(result) + sizeof(kiji_annotate_options)))
    return luaL_error(L, "kiji: out of memory");
  size = sizeof *b + n * (4 * sizeof(kiji_str) + sizeof(result) + sizeof(kiji_annotate_options));
  b = (batch *)lua_newuserdata(L, size); /* at 5 */
  memset(b, 0, size);
  texts = (kiji_str *)(void *)(b + 1);
  for (i = 0; i < 3; i++) lists[i] = texts + (i + 1) * n;
  b->r = (result *)(void *)(texts + 4 * n);
  each = (kiji_annotate_options *)(void *)(b->r + n);
  for (i = 0; i < n; i++) each[i] = o;
  /* the anchor: a copy of the list of texts (what the threads read
  ** stays alive whatever the caller does to its table), the annotator,
  ** the ids, the source, the dates' and the sources' lists, the scratch,
  ** the id_json and members_json lists */
  lua_createtable(L, 9, 0);
  lua_createtable(L, (int)n, 0);
  for (i = 0; i < n; i++) {
    lua_rawgeti(L, 1, (int)i + 1);
    if (lua_type(L, -1) != LUA_TSTRING)
      return luaL_error(L, "bad argument #1 to 'annotate_many' (item %d: string expected, got %s)",
                        (int)i + 1, lkiji_typename(L, -1));
    texts[i].ptr = lua_tolstring(L, -1, &texts[i].len);
    lua_rawseti(L, -2, (int)i + 1);
  }
  lua_rawseti(L, -2, 1);
  lua_pushvalue(L, 3);
  lua_rawseti(L, -2, 2);
  lua_pushvalue(L, 4); /* the source every text has */
  lua_rawseti(L, -2, 4);
  lua_pushvalue(L, lua_upvalueindex(1)); /* the scratch, for b->sc */
  lua_rawseti(L, -2, 7);
  anchor = lua_gettop(L);
  if (each_option(L, "dates", anchor, 5, n, each, set_date) |
      each_option(L, "sources", anchor, 6, n, each, set_source))
    b->each = each;
  b->ids = each_option(L, "ids", anchor, 3, n, lists[0], set_str) ? lists[0] : NULL;
  b->id_json = each_option(L, "id_json", anchor, 8, n, lists[1], set_str) ? lists[1] : NULL;
  b->members = each_option(L, "members_json", anchor, 9, n, lists[2], set_str) ? lists[2] : NULL;
  lkiji_set_anchor(L, 5);
  b->a = a;
  b->o = o;
  b->threads = threads;
  b->texts = texts;
  b->json = json;
  b->jsonl = jsonl;
  b->n = n;
  if (pthread_mutex_init(&b->blocks_mu, NULL) != 0) return luaL_error(L, "kiji: out of memory");
  b->sc = sc; /* (the finalizer destroys the lock when b->sc is set) */
  /* last: its finalizer runs before the anchored annotator's */
  batch_metatable(L);
  lua_setmetatable(L, 5);
  if (json) { /* (once the finalizer is set, which gives them back) */
    b->spare = sc->blocks;
    sc->blocks = NULL;
  }
  if (async) {                    /* (nothing raises from here on) */
    if (!queue(b, sc, 0)) run(b); /* here, and now, when no thread can start */
    return 1;
  }
  /* on threads: this one and the crew's, and this one hears an interrupt
  ** between texts; on one thread: this one, as kiji.annotate */
  if (b->n > 0 && kiji_ann_batch_threads(b->threads, b->n) > 1 && queue(b, sc, 1))
    wait_for(L, b, 1, was);
  else
    run(b);
  if (b->forked) /* (a hook forked this process while it waited) */
    return luaL_error(L, "kiji: annotate_many: the process forked while the batch ran");
  return push_values(L, b, 5);
}
