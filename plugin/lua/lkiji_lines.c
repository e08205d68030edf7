/*
** lkiji_lines.c -- kiji.core.line_reader: the whole lines of a stream (a
** pipe) as they come, many in one piece when they are there already.
**
** `kiji annotate --input jsonl` reads a file in chunks of 1 MB, each
** annotated in one call; a pipe it read a record at a time, so that a
** record is annotated as soon as it has come, and that cost a fifth more
** CPU. With this it reads a pipe in chunks too: whatever whole lines are
** there when it reads, waiting only for the first.
**
** How much stdio holds already is not known, and f:read(n) waits for n
** bytes; so the reader reads the file's descriptor itself (read, poll).
** It is made only when stdio holds nothing of the stream (glibc's FILE
** tells; elsewhere it is never made), and the stream must not be read
** through stdio after.
*/
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lkiji.h"

#define READ_BYTES (64 * 1024) /* a pipe's capacity, on Linux */

typedef struct reader {
  int fd;
  int finalized;
  int eof;
  int err;      /* errno of a failed read, said once the lines before it are given */
  char *buf;    /* bytes read, not given yet */
  size_t len;   /* of them */
  size_t cap;   /* of buf */
  size_t whole; /* the bytes of buf[0, whole) are whole lines */
} reader;

static int reader_gc(lua_State *L) {
  reader *r = (reader *)lkiji_check_udata(L, 1, LINE_READER_MT);
  free(r->buf);
  r->buf = NULL;
  r->len = r->cap = r->whole = 0;
  r->finalized = 1;
  return 0;
}

/* Wait up to timeout ms (-1: however long) for r's descriptor to have
** something to read, or to end: what poll(2) says of it (0 when nothing,
** -1 when poll failed). */
static int poll_in(const reader *r, int timeout) {
  struct pollfd p;
  p.fd = r->fd;
  p.events = POLLIN;
  p.revents = 0;
  return poll(&p, 1, timeout) < 0 ? -1 : p.revents;
}

/* Read once into the buffer (waiting, when nothing is there yet): 1; 0
** when a signal came first; -1 when memory ran out. */
static int fill(reader *r) {
  ssize_t n;
  if (r->cap - r->len < READ_BYTES) { /* (doubling: a long line is read in linear time) */
    size_t cap = 2 * (r->len + READ_BYTES);
    char *p = (char *)realloc(r->buf, cap);
    if (p == NULL) return -1;
    r->buf = p;
    r->cap = cap;
  }
  n = read(r->fd, r->buf + r->len, r->cap - r->len);
  if (n > 0) { /* the whole lines now: up to the last newline of the new bytes, if any */
    const char *nl = r->buf + r->len + n;
    while (nl > r->buf + r->len && nl[-1] != '\n') nl--;
    if (nl > r->buf + r->len) r->whole = (size_t)(nl - r->buf);
    r->len += (size_t)n;
  } else if (n == 0) {
    r->eof = 1;
  } else if (errno == EINTR) {
    return 0;
  } else if (errno == EAGAIN || errno == EWOULDBLOCK) { /* a descriptor that does not wait */
    if (poll_in(r, -1) < 0) {
      if (errno == EINTR) return 0;
      r->err = errno;
    }
  } else {
    r->err = errno;
  }
  return 1;
}

/* Is there more to read at once? */
static int ready(const reader *r) {
  int ev = poll_in(r, 0);
  return ev > 0 && (ev & (POLLIN | POLLHUP | POLLERR));
}

/* How many bytes of whole lines to give: at most max, one line at least. */
static size_t lines_upto(const reader *r, size_t max) {
  size_t cut;
  if (r->whole <= max) return r->whole;
  for (cut = max; cut > 0 && r->buf[cut - 1] != '\n'; cut--) continue;
  if (cut > 0) return cut;
  return (size_t)((const char *)memchr(r->buf, '\n', r->whole) - r->buf) + 1;
}

/* Give the first n bytes of the buffer, and keep the rest. */
static int give(lua_State *L, reader *r, size_t n) {
  lua_pushlstring(L, r->buf, n);
  memmove(r->buf, r->buf + n, r->len - n);
  r->len -= n;
  r->whole = r->whole > n ? r->whole - n : 0;
  return 1;
}

/*
** reader:read(max [, nowait]) -> the whole lines there (one at least: it
** waits for that), up to max bytes (more when the first line is longer),
** each with its newline (a stream's last may have none); nil at the end;
** nil, message when reading failed (the lines before it given first, the
** one it cut short dropped); false when a signal stopped the wait (where
** its handler does not restart reads, as Lua 5.4's lua.c's for SIGINT:
** call again, and the hook that handler set runs between). With nowait,
** true instead of waiting when no whole line is there.
*/
static int reader_read(lua_State *L) {
  reader *r = (reader *)lkiji_check_udata(L, 1, LINE_READER_MT);
  int nowait = lua_toboolean(L, 3);
  double m = lkiji_check_integral(L, 2);
  size_t max;
  if (m < 1) return lkiji_argerror(L, 2, "a positive size expected");
  max = m >= (double)(size_t)-1 ? (size_t)-1 : (size_t)m;
  if (r->finalized) return luaL_error(L, "kiji: the line reader was already finalized");
  lkiji_get_anchor(L, 1);
  lua_rawgeti(L, -1, 1);
  if (lkiji_stream_of(L, -1) == NULL)
    return luaL_error(L, "kiji: the line reader's file is closed");
  while (r->whole < max && !r->eof && !r->err && ((r->whole == 0 && !nowait) || ready(r))) {
    int got = fill(r);
    if (got < 0) return luaL_error(L, "kiji: out of memory");
    if (got == 0) {
      if (r->whole > 0) break;
      lua_pushboolean(L, 0);
      return 1;
    }
  }
  if (r->whole > 0) return give(L, r, lines_upto(r, max));
  if (nowait && !r->eof && !r->err) {
    lua_pushboolean(L, 1);
    return 1;
  }
  if (r->err) {
    lua_pushnil(L);
    lua_pushstring(L, strerror(r->err));
    r->len = 0; /* (the line it cut short) */
    r->err = 0;
    r->eof = 1;
    return 2;
  }
  if (r->len > 0) return give(L, r, r->len); /* the last line, with no newline */
  lua_pushnil(L);
  return 1;
}

/* Does stdio hold bytes of f that it read from the descriptor and has not
** given yet (a reader of the descriptor would skip them)? Yes, too, when
** it cannot tell: a C library other than glibc. */
static int stdio_holds(FILE *f) {
#if defined(__GLIBC__)
  return f->_IO_read_ptr < f->_IO_read_end || f->_IO_save_base != NULL;
#else
  (void)f;
  return 1;
#endif
}

/* kiji.core.line_reader(file): a reader of the open io file's lines; nil
** when stdio holds some of them already (the file was read through io). */
int lkiji_line_reader(lua_State *L) {
  FILE *f = lkiji_stream_of(L, 1);
  reader *r;
  if (f == NULL) return lkiji_type_error(L, 1, "open io file");
  if (stdio_holds(f)) {
    lua_pushnil(L);
    return 1;
  }
  r = (reader *)lua_newuserdata(L, sizeof *r);
  memset(r, 0, sizeof *r);
  r->fd = fileno(f);
  luaL_getmetatable(L, LINE_READER_MT);
  lua_setmetatable(L, -2);
  lua_createtable(L, 1, 0); /* the file is the reader's as long as it reads */
  lua_pushvalue(L, 1);
  lua_rawseti(L, -2, 1);
  lkiji_set_anchor(L, -2);
  return 1;
}

void lkiji_line_reader_metatable(lua_State *L) {
  static const luaL_Reg methods[] = {{"read", reader_read}, {NULL, NULL}};
  lkiji_new_metatable(L, LINE_READER_MT, reader_gc, methods, 0);
  lua_pop(L, 1);
}
