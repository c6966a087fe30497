/* engagestat/buf.h — a growable byte buffer (always NUL-terminated) and a string
 * dictionary.  Ownership: each object owns its storage; _free releases it. */
#ifndef ES_BUF_H
#define ES_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef struct es_buf {
    char *data; /* NUL-terminated; NULL until the first append */
    size_t len;
    size_t cap;
    int failed; /* sticky: an append ran out of memory (what it held stays as it was) */
} es_buf;

/* Append bytes / a C string / printf-formatted text.  Return ES_OK or ES_ENOMEM. */
int es_buf_append(es_buf *b, const char *s, size_t n);
int es_buf_puts(es_buf *b, const char *s);
int es_buf_putc(es_buf *b, char c);
int es_buf_printf(es_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int es_buf_vprintf(es_buf *b, const char *fmt, va_list ap);
/* Make sure cap >= len + extra + 1. */
int es_buf_reserve(es_buf *b, size_t extra);
/* Empty the buffer, keeping its storage. */
void es_buf_reset(es_buf *b);
/* Release the storage; the buffer is empty and reusable afterwards. */
void es_buf_free(es_buf *b);
/* Detach the string (caller frees); an empty buffer gives an empty malloc'ed string. */
char *es_buf_take(es_buf *b);

/* es_grow: room for element n of an array of n elements of size bytes that only
 * ever grows through es_grow (its capacity doubles at each power of two, so n
 * appends cost O(n) however the allocator behaves).  Returns the array, moved or
 * not, or NULL on allocation failure (the old array is then untouched). */
void *es_grow(void *array, size_t n, size_t size);

/* The length of the UTF-8 character at s (1 to 4; 1 for ASCII), or 0 when the bytes
 * there are not one (a stray continuation byte, a truncated or overlong sequence, a
 * surrogate); reads no further than a NUL. */
size_t es_utf8_len(const char *s);

/* es_strdup / es_strndup: malloc'ed copies, NULL on allocation failure. */
char *es_strdup(const char *s);
char *es_strndup(const char *s, size_t n);

#define ES_DICT_NONE UINT32_MAX

typedef struct es_slot es_slot;

/* Interned strings with dense codes 0..n-1 in order of first appearance. */
typedef struct es_dict {
    es_buf arena;     /* the strings, each NUL-terminated */
    size_t *offset;   /* offset of string i in arena */
    struct es_slot {
        uint32_t code;  /* ES_DICT_NONE = empty */
        uint32_t tag;   /* high bits of the hash, to skip most string comparisons */
    } *slot;            /* open-addressing hash table (linear probing) */
    size_t n, cap_strings, n_slots;
} es_dict;

es_dict *es_dict_alloc(void);
void es_dict_free(es_dict *d);
/* Code of s (length n), adding it when absent; *added tells which.  Returns
 * ES_OK or ES_ENOMEM. */
int es_dict_intern(es_dict *d, const char *s, size_t n, uint32_t *code, int *added);
/* Code of s, or ES_DICT_NONE when absent. */
uint32_t es_dict_find(const es_dict *d, const char *s, size_t n);
/* The string with the given code (valid until the next intern). */
const char *es_dict_str(const es_dict *d, uint32_t code);
size_t es_dict_size(const es_dict *d);

#endif
