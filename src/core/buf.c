/* buf.c — growable buffer and string dictionary (FNV-1a, linear probing). */
#include "engagestat/buf.h"
#include "engagestat/error.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int es_buf_reserve(es_buf *b, size_t extra)
{
    if (b->data != NULL && b->len + extra + 1 <= b->cap)
        return ES_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            b->failed = 1;
            return es_error(ES_ENOMEM);
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (p == NULL) {
        b->failed = 1;
        return es_error(ES_ENOMEM);
    }
    if (b->data == NULL)
        p[0] = '\0';
    b->data = p;
    b->cap = cap;
    return ES_OK;
}

int es_buf_append(es_buf *b, const char *s, size_t n)
{
    if (es_buf_reserve(b, n) != ES_OK)
        return ES_ENOMEM;
    if (n > 0)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return ES_OK;
}

int es_buf_puts(es_buf *b, const char *s)
{
    return es_buf_append(b, s, strlen(s));
}

int es_buf_putc(es_buf *b, char c)
{
    return es_buf_append(b, &c, 1);
}

int es_buf_vprintf(es_buf *b, const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    int len = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (len < 0)
        return es_error(ES_EINVAL);
    if (es_buf_reserve(b, (size_t)len) != ES_OK)
        return ES_ENOMEM;
    vsnprintf(b->data + b->len, (size_t)len + 1, fmt, ap);
    b->len += (size_t)len;
    return ES_OK;
}

int es_buf_printf(es_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = es_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

void es_buf_reset(es_buf *b)
{
    b->len = 0;
    if (b->data != NULL)
        b->data[0] = '\0';
}

void es_buf_free(es_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

char *es_buf_take(es_buf *b)
{
    if (b->data == NULL && es_buf_reserve(b, 0) != ES_OK)
        return NULL;
    char *s = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

void *es_grow(void *array, size_t n, size_t size)
{
    if (array != NULL && (n & (n - 1)) != 0)
        return array;
    size_t cap = n ? 2 * n : 1;
    if (size != 0 && cap > SIZE_MAX / size)
        return NULL;
    return realloc(array, cap * size);
}

size_t es_utf8_len(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned c = p[0], cp, min;
    size_t n;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3, cp = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, cp = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80) /* also stops at the terminating NUL */
            return 0;
        cp = cp << 6 | (p[i] & 0x3F);
    }
    return cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ? 0 : n;
}

char *es_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p == NULL)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *es_strdup(const char *s)
{
    return es_strndup(s, strlen(s));
}

/* A 64-bit multiply-xorshift hash over 8-byte words (in the spirit of wyhash and
 * Murmur3's finaliser): far fewer operations per byte than FNV on long ids. */
static uint64_t es_mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
}

static uint64_t es_hash(const char *s, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ (n * 0x100000001b3ULL);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ es_mix(w)) * 0x9ddfea08eb382d69ULL;
    }
    if (i < n) {
        uint64_t w = 0;
        memcpy(&w, s + i, n - i);
        h = (h ^ es_mix(w)) * 0x9ddfea08eb382d69ULL;
    }
    return es_mix(h);
}

es_dict *es_dict_alloc(void)
{
    es_dict *d = calloc(1, sizeof *d);
    if (d == NULL)
        return NULL;
    d->n_slots = 8; /* grows by doubling; small, as a wide table has one per column */
    d->slot = malloc(d->n_slots * sizeof *d->slot);
    if (d->slot == NULL) {
        free(d);
        return NULL;
    }
    memset(d->slot, 0xff, d->n_slots * sizeof *d->slot);
    return d;
}

void es_dict_free(es_dict *d)
{
    if (d == NULL)
        return;
    es_buf_free(&d->arena);
    free(d->offset);
    free(d->slot);
    free(d);
}

static int es_dict_equal(const es_dict *d, uint32_t code, const char *s, size_t n)
{
    const char *t = d->arena.data + d->offset[code];
    size_t tlen = (code + 1 < d->n ? d->offset[code + 1] : d->arena.len) - d->offset[code] - 1;
    return tlen == n && memcmp(t, s, n) == 0;
}

uint32_t es_dict_find(const es_dict *d, const char *s, size_t n)
{
    size_t mask = d->n_slots - 1;
    uint64_t h = es_hash(s, n);
    uint32_t tag = (uint32_t)h; /* the low bits: also the probe start, see es_dict_grow */
    for (size_t i = tag & mask;; i = (i + 1) & mask) {
        uint32_t c = d->slot[i].code;
        if (c == ES_DICT_NONE)
            return ES_DICT_NONE;
        if (d->slot[i].tag == tag && es_dict_equal(d, c, s, n))
            return c;
    }
}

static int es_dict_grow(es_dict *d)
{
    size_t n_slots = d->n_slots * 2;
    es_slot *slot = malloc(n_slots * sizeof *slot);
    if (slot == NULL)
        return es_error(ES_ENOMEM);
    memset(slot, 0xff, n_slots * sizeof *slot);
    for (size_t i = 0; i < d->n_slots; i++) {
        uint32_t c = d->slot[i].code;
        if (c == ES_DICT_NONE)
            continue;
        /* The tag is the hash's low 32 bits, so the new probe start comes from it and
         * growing never rereads (or rehashes) a string. */
        uint32_t tag = d->slot[i].tag;
        size_t k = tag & (n_slots - 1);
        while (slot[k].code != ES_DICT_NONE)
            k = (k + 1) & (n_slots - 1);
        slot[k].code = c;
        slot[k].tag = tag;
    }
    free(d->slot);
    d->slot = slot;
    d->n_slots = n_slots;
    return ES_OK;
}

int es_dict_intern(es_dict *d, const char *s, size_t n, uint32_t *code, int *added)
{
    size_t mask = d->n_slots - 1;
    uint64_t h = es_hash(s, n);
    uint32_t tag = (uint32_t)h; /* the low bits: also the probe start, see es_dict_grow */
    size_t i = tag & mask;
    for (;; i = (i + 1) & mask) {
        uint32_t c = d->slot[i].code;
        if (c == ES_DICT_NONE)
            break;
        if (d->slot[i].tag == tag && es_dict_equal(d, c, s, n)) {
            *code = c;
            if (added)
                *added = 0;
            return ES_OK;
        }
    }
    if (d->n >= UINT32_MAX - 1)
        return es_error(ES_ENOMEM);
    if (d->n == d->cap_strings) {
        size_t cap = d->cap_strings ? 2 * d->cap_strings : 8;
        size_t *off = realloc(d->offset, cap * sizeof *off);
        if (off == NULL)
            return es_error(ES_ENOMEM);
        d->offset = off;
        d->cap_strings = cap;
    }
    size_t at = d->arena.len;
    /* Each string is stored with its terminating NUL counted in the arena length,
     * so consecutive offsets delimit the strings. */
    if (es_buf_append(&d->arena, s, n) != ES_OK || es_buf_append(&d->arena, "", 1) != ES_OK)
        return ES_ENOMEM;
    d->offset[d->n] = at;
    d->slot[i].code = (uint32_t)d->n;
    d->slot[i].tag = tag;
    *code = (uint32_t)d->n;
    d->n++;
    if (added)
        *added = 1;
    if (d->n * 2 > d->n_slots)
        return es_dict_grow(d);
    return ES_OK;
}

const char *es_dict_str(const es_dict *d, uint32_t code)
{
    return d->arena.data + d->offset[code];
}

size_t es_dict_size(const es_dict *d)
{
    return d->n;
}
