/*
** jsonl_read.h -- a line of JSON Lines read as a plain record, in C and
** without Lua, for `kiji annotate --input jsonl --jobs N`
** (lkiji_jsonl.c) and its fuzz target.
**
** A plain record is an object with one "text" string, an "id" that is a
** string, a number or null (or none), no "date" or "source", no name
** twice and no escape in a name, its other members any JSON values. The
** reader is strict (RFC 8259, nesting 64 deep): what it takes, lua-cjson
** reads the same way. Every other line is the Lua reader's (lua-cjson,
** kiji.feed_date), which then says what it makes of it.
*/
#ifndef KIJI_JSONL_READ_H
#define KIJI_JSONL_READ_H

#include <stddef.h>

#define JSONL_MAX_MEMBERS 256
#define JSONL_MAX_OWN 64

typedef struct jsonl_member {
  const unsigned char *name, *value; /* the name within its quotes; the value as written */
  size_t name_len, value_len;
} jsonl_member;

typedef struct jsonl_record {
  jsonl_member m[JSONL_MAX_MEMBERS];
  int n;        /* members */
  int text, id; /* their indexes; id -1 when none */
} jsonl_record;

/* The document's own member names (kiji, lang, bytes...): a record's
** member of one of those names is written with underscores before it. */
typedef struct jsonl_names {
  const char *name[JSONL_MAX_OWN];
  size_t len[JSONL_MAX_OWN];
  int n;
} jsonl_names;

/* Is s[0, len) blank (spaces, tabs, CRs: a line the reader skips)? */
int jsonl_blank(const char *s, size_t len);
/* Read the line s[0, len) (no newline) into *r: 1 when it is a plain
** record, else 0 (*r is then undefined). */
int jsonl_read(const char *s, size_t len, jsonl_record *r);
/* The text of record r: in the line when it has no escape, else decoded
** into out (room for the value's length: the text is never longer). */
const char *jsonl_text(const jsonl_record *r, char *out, size_t *len);
/* The room jsonl_members needs, and the members but "id" and "text" as
** the Lua reader writes them (`"name":value` joined by commas) written
** into out: their length. */
size_t jsonl_members_room(const jsonl_record *r, const jsonl_names *own);
size_t jsonl_members(const jsonl_record *r, const jsonl_names *own, char *out);

#endif
