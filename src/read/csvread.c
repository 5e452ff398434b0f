/*
 * csvread.c - the CSV record reader (csvread.h), on libcsv.
 *
 * libcsv parses; this file finds the separator, skips the byte-order mark
 * and the "sep=" line, counts lines and cells, checks the encoding and
 * bounds memory. The input is given to libcsv one physical line at a time
 * (a piece ends after LF, or after a CR not followed by LF), so that the
 * line of every byte is known: a record can only end where a piece ends,
 * and a cell after a separator begins on the separator's line. A CRLF is
 * one line break inside one piece (libcsv ends the record at the CR and
 * skips the LF).
 */
#include "read/csvread.h"

#include "core/util.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CSVREAD_CHUNK ((size_t)64 << 10)

struct csvread {
    FILE *f;
    struct csv_parser p;
    char sep;
    bool started, bom, sep_line, eof, finished, failed;
    unsigned char in[CSVREAD_CHUNK];
    size_t pos, len;
    unsigned line;   /* of the next byte to give libcsv */
    bool cr_before;  /* the byte before it was a CR */
    /* the record being read */
    struct buf text;        /* the cells' bytes, each NUL-terminated */
    size_t *starts;         /* each cell's offset in text */
    struct csv_cell *cells; /* text pointers set when the record is complete */
    size_t n, cap, cap_starts;
    unsigned field_line; /* where the cell being read begins */
    bool in_record, blank, ready;
    struct csv_problem problem;
};

static void PRINTF_LIKE(4, 5)
csvread_fail(struct csvread *r, unsigned line, unsigned column, const char *fmt, ...)
{
    if (r->failed)
        return;
    r->failed = true;
    r->problem.line = line;
    r->problem.column = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->problem.message, sizeof r->problem.message, fmt, ap);
    va_end(ap);
}

/* libcsv grows a cell's buffer through here: past the limit it is refused,
 * and the parse stops with CSV_ENOMEM. */
static void *
csvread_realloc(void *p, size_t n)
{
    return n > CSVREAD_MAX_CELL + ((size_t)64 << 10) ? NULL : realloc(p, n);
}

/* Line breaks (LF, CRLF, lone CR) in s[0..n). */
static unsigned
csvread_breaks(const char *s, size_t n)
{
    unsigned k = 0;
    for (size_t i = 0; i < n; i++)
        k += s[i] == '\n' || (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n'));
    return k;
}

/* libcsv's end of a cell. */
static void
csvread_cell(void *s, size_t len, void *data)
{
    struct csvread *r = data;
    const char *text = s ? s : "";
    unsigned column = (unsigned)r->n + 1;
    if (r->failed)
        return;
    if (r->n >= CSVREAD_MAX_CELLS) {
        csvread_fail(r, r->field_line, column, "a record with more than %d cells",
                     CSVREAD_MAX_CELLS);
        return;
    }
    if (len > CSVREAD_MAX_CELL) {
        csvread_fail(r, r->field_line, column, "a cell longer than %zu MiB",
                     CSVREAD_MAX_CELL >> 20);
        return;
    }
    if (r->text.len + len > CSVREAD_MAX_RECORD) {
        csvread_fail(r, r->field_line, column, "a record longer than %zu MiB",
                     CSVREAD_MAX_RECORD >> 20);
        return;
    }
    size_t good = utf8_valid_len(text, len);
    if (good < len) {
        unsigned line = r->field_line + csvread_breaks(text, good);
        if (!text[good])
            csvread_fail(r, line, column, "a NUL byte; this is not a text file");
        else
            csvread_fail(r, line, column,
                         "byte 0x%02X is not UTF-8; save the file as UTF-8 (in Excel: CSV UTF-8)",
                         (unsigned char)text[good]);
        return;
    }
    xgrow((void **)&r->cells, &r->cap, r->n + 1, sizeof *r->cells);
    xgrow((void **)&r->starts, &r->cap_starts, r->n + 1, sizeof *r->starts);
    r->starts[r->n] = r->text.len;
    const char *cr = memchr(text, '\r', len);
    if (!cr) { /* the usual cell: copied at once */
        buf_append(&r->text, text, len);
    } else {
        for (size_t i = 0; i < len; i++) {
            if (text[i] == '\r') {
                buf_putc(&r->text, '\n');
                i += i + 1 < len && text[i + 1] == '\n';
            } else {
                buf_putc(&r->text, text[i]);
            }
        }
    }
    for (size_t i = 0; i < len && r->blank; i++)
        r->blank = text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r';
    buf_putc(&r->text, '\0');
    r->cells[r->n] = (struct csv_cell){NULL, r->text.len - 1 - r->starts[r->n], r->field_line,
                                       column};
    r->n++;
    r->field_line = r->line; /* a next cell begins after the separator, on its line */
}

/* libcsv's end of a record. */
static void
csvread_end(int c, void *data)
{
    struct csvread *r = data;
    (void)c;
    r->in_record = false;
    if (r->failed)
        return;
    if (r->blank) { /* nothing in it: skipped */
        r->n = 0;
        r->text.len = 0;
        return;
    }
    r->ready = true;
}

/* Fill the input buffer; false at the end or after a read error. */
static bool
csvread_fill(struct csvread *r)
{
    if (r->eof)
        return false;
    r->pos = 0;
    r->len = fread(r->in, 1, sizeof r->in, r->f);
    if (r->len < sizeof r->in) {
        if (ferror(r->f))
            csvread_fail(r, r->line, 0, "cannot read the file: %s", strerror(errno));
        r->eof = true;
    }
    return r->len > 0;
}

/* The separator the header uses most outside quotes: ',', ';' or TAB. */
static char
csvread_guess_separator(const unsigned char *s, size_t n)
{
    size_t comma = 0, semi = 0, tab = 0;
    bool quoted = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && (s[i] == '\n' || s[i] == '\r'))
            break;
        else if (!quoted)
            comma += s[i] == ',', semi += s[i] == ';', tab += s[i] == '\t';
    }
    if (semi > comma && semi >= tab)
        return ';';
    return tab > comma && tab > semi ? '\t' : ',';
}

/* The byte-order mark, the "sep=" line and the separator. */
static void
csvread_prologue(struct csvread *r)
{
    r->started = true;
    csvread_fill(r);
    const unsigned char *s = r->in;
    if (r->len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
        csvread_fail(r, 1, 0, "the file is UTF-16 text; save it as UTF-8 (in Excel: CSV UTF-8)");
        return;
    }
    if (r->len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        r->bom = true;
        r->pos = 3;
    }
    const unsigned char *h = s + r->pos;
    size_t left = r->len - r->pos;
    if (left >= 5 && strncasecmp((const char *)h, "sep=", 4) == 0 && h[4] != '"' && h[4] >= ' ' &&
        (left == 5 || h[5] == '\n' || h[5] == '\r')) {
        r->sep_line = true;
        if (!r->sep)
            r->sep = (char)h[4];
        r->pos += 5 + (left > 5) + (left > 6 && h[5] == '\r' && h[6] == '\n');
        r->line = 2;
        h = s + r->pos;
        left = r->len - r->pos;
    }
    if (!r->sep)
        r->sep = csvread_guess_separator(h, left);
    csv_set_delim(&r->p, (unsigned char)r->sep);
}

/* Give libcsv the next physical line (or as much of it as is buffered). */
static void
csvread_feed_line(struct csvread *r)
{
    const unsigned char *s = r->in + r->pos;
    size_t n = r->len - r->pos, k;
    const unsigned char *lf = memchr(s, '\n', n), *cr = memchr(s, '\r', lf ? (size_t)(lf - s) : n);
    if (cr && cr + 1 == lf)
        cr = NULL; /* CRLF: one line break, the piece ends after the LF */
    k = cr ? (size_t)(cr - s) : lf ? (size_t)(lf - s) : n;
    size_t piece = k < n ? k + 1 : n;
    if (!r->in_record)
        for (size_t i = 0; i < piece && !r->in_record; i++)
            if (s[i] != ' ' && s[i] != '\n' && s[i] != '\r' && (s[i] != '\t' || r->sep == '\t')) {
                r->in_record = true;
                r->blank = true;
                r->field_line = r->line;
            }
    size_t used = csv_parse(&r->p, s, piece, csvread_cell, csvread_end, r);
    if (used < piece && !r->failed) {
        unsigned column = (unsigned)r->n + 1;
        if (csv_error(&r->p) == CSV_EPARSE)
            csvread_fail(r, r->line + csvread_breaks((const char *)s, used), column,
                         "a stray quote: a cell with a quote in it must be in quotes, "
                         "and the quote doubled (\"\")");
        else
            csvread_fail(r, r->field_line, column, "a cell longer than %zu MiB",
                         CSVREAD_MAX_CELL >> 20);
    }
    r->pos += piece;
    bool lf_after_cr = piece == 1 && s[0] == '\n' && r->cr_before;
    if (k < n && !lf_after_cr)
        r->line++;
    r->cr_before = k < n && s[k] == '\r'; /* a CR at the end of the buffer: LF may follow */
}

struct csvread *
csvread_open(FILE *f, char separator)
{
    struct csvread *r = xcalloc(1, sizeof *r);
    r->f = f;
    r->sep = separator;
    r->line = 1;
    buf_init(&r->text);
    if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        abort(); /* only when out of memory */
    csv_set_realloc_func(&r->p, csvread_realloc);
    csv_set_blk_size(&r->p, (size_t)64 << 10);
    return r;
}

void
csvread_close(struct csvread *r)
{
    if (!r)
        return;
    csv_free(&r->p);
    buf_finish(&r->text);
    free(r->starts);
    free(r->cells);
    free(r);
}

/* The end of the input: the last record, or a quote left open. */
static void
csvread_finish(struct csvread *r)
{
    r->finished = true;
    if (r->failed)
        return;
    if (csv_fini(&r->p, csvread_cell, csvread_end, r) != 0 && !r->failed)
        csvread_fail(r, r->field_line, (unsigned)r->n + 1,
                     "a quote opened here is never closed");
}

int
csvread_next(struct csvread *r, struct csv_record *rec)
{
    if (!r->started)
        csvread_prologue(r);
    r->n = 0;
    r->text.len = 0;
    r->ready = false;
    while (!r->failed && !r->ready && !r->finished) {
        if (r->pos == r->len && !csvread_fill(r))
            csvread_finish(r);
        else
            csvread_feed_line(r);
    }
    if (r->failed)
        return -1;
    if (!r->ready)
        return 0;
    for (size_t i = 0; i < r->n; i++)
        r->cells[i].text = r->text.data + r->starts[i];
    rec->cells = r->cells;
    rec->n = r->n;
    rec->line = r->n ? r->cells[0].line : r->line;
    return 1;
}

const struct csv_problem *
csvread_problem(const struct csvread *r)
{
    return r->failed ? &r->problem : NULL;
}

char
csvread_separator(const struct csvread *r)
{
    return r->sep;
}

bool
csvread_had_bom(const struct csvread *r)
{
    return r->bom;
}

bool
csvread_had_sep_line(const struct csvread *r)
{
    return r->sep_line;
}

char *
csvread_fold_name(const char *s)
{
    char *out = xmalloc(strlen(s) + 1), *o = out;
    for (; *s; s++)
        if (*s != ' ' && *s != '_' && *s != '-' && *s != '\t')
            *o++ = (char)((*s >= 'A' && *s <= 'Z') ? *s - 'A' + 'a' : *s);
    *o = '\0';
    return out;
}
