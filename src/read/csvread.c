/*
 * csvread.c - the CSV record reader (csvread.h), on libcsv.
 *
 * libcsv parses; this file finds the separator, skips the byte-order mark
 * and the "sep=" line, counts lines and cells, checks the encoding and
 * bounds memory. The input goes to libcsv 64 KiB at a time; lines are
 * counted from what libcsv reports: with CSV_REPALL_NL every CR and LF
 * outside a record is reported (blank lines too), a record ends at its
 * line break, and the breaks inside a quoted cell are in its text. So a
 * record begins on the line after the last break reported, and a cell
 * after a separator on the line where the cell before it ended. The
 * records one chunk completes wait in a queue until they are asked for.
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

/* A complete record in the queue: its cells are cells[first .. first+n). */
struct csvread_rec {
    size_t first, n;
};

struct csvread {
    FILE *f;
    struct csv_parser p;
    char sep;
    bool started, bom, sep_line, eof, finished, failed, stopping;
    unsigned char in[CSVREAD_CHUNK];
    size_t pos, len;
    unsigned line;  /* lines ended so far, + 1: the line a new record begins on */
    bool last_cr;   /* the last thing libcsv reported was a CR ending a line */
    /* cells of queued records and of the one being read */
    struct buf text;        /* the cells' bytes, each NUL-terminated */
    size_t *starts;         /* each cell's offset in text */
    struct csv_cell *cells; /* text pointers set when a record is handed out */
    size_t n, cap, cap_starts;
    size_t rec_first;       /* the cell where the record being read begins */
    size_t rec_bytes;       /* its text so far */
    size_t rec_text;        /* where its text begins */
    unsigned field_line;    /* where the cell being read begins */
    bool blank;             /* the record being read has nothing but blanks so far */
    struct csvread_rec *queue;
    size_t q_head, q_n, q_cap;
    struct csv_problem problem; /* reported once the queue before it is empty */
};

static void PRINTF_LIKE(4, 5)
csvread_fail(struct csvread *r, unsigned line, unsigned column, const char *fmt, ...)
{
    if (r->stopping)
        return;
    r->stopping = true;
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
    for (const char *p = s, *end = s + n; p < end; p++)
        k += *p == '\n' || (*p == '\r' && (p + 1 == end || p[1] != '\n'));
    return k;
}

/* Where a cell's text ends up: a copy with CRLF and lone CR made LF. */
static void
csvread_store(struct csvread *r, const char *text, size_t len)
{
    if (!memchr(text, '\r', len)) { /* the usual cell: copied at once */
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
}

/* Whether a cell can be kept: false after saying why not. */
static bool
csvread_cell_ok(struct csvread *r, const char *text, size_t len, unsigned column)
{
    if (column > CSVREAD_MAX_CELLS) {
        csvread_fail(r, r->field_line, column, "a record with more than %d cells",
                     CSVREAD_MAX_CELLS);
    } else if (len > CSVREAD_MAX_CELL) {
        csvread_fail(r, r->field_line, column, "a cell longer than %zu MiB",
                     CSVREAD_MAX_CELL >> 20);
    } else if (r->rec_bytes + len > CSVREAD_MAX_RECORD) {
        csvread_fail(r, r->field_line, column, "a record longer than %zu MiB",
                     CSVREAD_MAX_RECORD >> 20);
    } else {
        size_t good = utf8_valid_len(text, len);
        if (good == len)
            return true;
        unsigned line = r->field_line + csvread_breaks(text, good);
        if (!text[good])
            csvread_fail(r, line, column, "a NUL byte; this is not a text file");
        else
            csvread_fail(r, line, column,
                         "byte 0x%02X is not UTF-8; save the file as UTF-8 (in Excel: CSV UTF-8)",
                         (unsigned char)text[good]);
    }
    return false;
}

/* libcsv's end of a cell. */
static void
csvread_cell(void *s, size_t len, void *data)
{
    struct csvread *r = data;
    const char *text = s ? s : "";
    size_t index = r->n - r->rec_first;
    unsigned column = (unsigned)index + 1;
    r->last_cr = false;
    if (r->stopping)
        return;
    if (index == 0)
        r->blank = true;
    if (!csvread_cell_ok(r, text, len, column))
        return;
    xgrow((void **)&r->cells, &r->cap, r->n + 1, sizeof *r->cells);
    xgrow((void **)&r->starts, &r->cap_starts, r->n + 1, sizeof *r->starts);
    r->starts[r->n] = r->text.len;
    csvread_store(r, text, len);
    r->cells[r->n] = (struct csv_cell){NULL, r->text.len - 1 - r->starts[r->n], r->field_line,
                                       column};
    r->n++;
    r->rec_bytes += len;
    unsigned breaks = csvread_breaks(text, len);
    r->field_line += breaks; /* the next cell begins where this one ends */
    r->line += breaks;
}

/* libcsv's end of a record, or (CSV_REPALL_NL) a line break outside one. */
static void
csvread_end(int c, void *data)
{
    struct csvread *r = data;
    bool lf_of_crlf = c == '\n' && r->last_cr;
    if (c == '\r' || c == '\n') {
        r->line += !lf_of_crlf;
        r->last_cr = c == '\r';
    }
    size_t n = r->n - r->rec_first;
    if (!r->stopping && n && !r->blank) {
        xgrow((void **)&r->queue, &r->q_cap, r->q_head + r->q_n + 1, sizeof *r->queue);
        r->queue[r->q_head + r->q_n++] = (struct csvread_rec){r->rec_first, n};
    } else if (!r->stopping && n) { /* nothing in it: skipped */
        r->n = r->rec_first;
        r->text.len = r->rec_text;
    }
    r->rec_first = r->n;
    r->rec_text = r->text.len;
    r->rec_bytes = 0;
    r->field_line = r->line;
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
        r->line = r->field_line = 2;
        h = s + r->pos;
        left = r->len - r->pos;
    }
    if (!r->sep)
        r->sep = csvread_guess_separator(h, left);
    csv_set_delim(&r->p, (unsigned char)r->sep);
}

/* Give libcsv the rest of the buffer. */
static void
csvread_feed(struct csvread *r)
{
    const unsigned char *s = r->in + r->pos;
    size_t n = r->len - r->pos;
    size_t used = csv_parse(&r->p, s, n, csvread_cell, csvread_end, r);
    r->pos = r->len;
    if (used < n && !r->stopping) {
        unsigned column = (unsigned)(r->n - r->rec_first) + 1;
        /* the cell libcsv was reading holds what it read of it so far */
        unsigned line = r->field_line +
                        csvread_breaks((const char *)r->p.entry_buf, r->p.entry_pos);
        if (csv_error(&r->p) == CSV_EPARSE)
            csvread_fail(r, line, column,
                         "a stray quote: a cell with a quote in it must be in quotes, "
                         "and the quote doubled (\"\")");
        else
            csvread_fail(r, r->field_line, column, "a cell longer than %zu MiB",
                         CSVREAD_MAX_CELL >> 20);
    }
}

struct csvread *
csvread_open(FILE *f, char separator)
{
    struct csvread *r = xcalloc(1, sizeof *r);
    r->f = f;
    r->sep = separator;
    r->line = r->field_line = 1;
    buf_init(&r->text);
    if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_REPALL_NL) != 0)
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
    free(r->queue);
    free(r);
}

/* The end of the input: the last record, or a quote left open. */
static void
csvread_finish(struct csvread *r)
{
    r->finished = true;
    if (r->stopping)
        return;
    if (csv_fini(&r->p, csvread_cell, csvread_end, r) != 0 && !r->stopping)
        csvread_fail(r, r->field_line, (unsigned)(r->n - r->rec_first) + 1,
                     "a quote opened here is never closed");
}

/* Drop the records handed out: keep the cells of the one being read. */
static void
csvread_compact(struct csvread *r)
{
    size_t keep = r->n - r->rec_first;
    size_t from = r->rec_text;
    r->q_head = r->q_n = 0;
    if (!from)
        return;
    memmove(r->text.data, r->text.data + from, r->text.len - from);
    r->text.len -= from;
    for (size_t i = 0; i < keep; i++) {
        r->starts[i] = r->starts[r->rec_first + i] - from;
        r->cells[i] = r->cells[r->rec_first + i];
    }
    r->n = keep;
    r->rec_first = 0;
    r->rec_text = 0;
}

int
csvread_next(struct csvread *r, struct csv_record *rec)
{
    if (!r->started)
        csvread_prologue(r);
    if (!r->q_n)
        csvread_compact(r);
    while (!r->q_n && !r->stopping && !r->finished) {
        if (r->pos == r->len && !csvread_fill(r))
            csvread_finish(r);
        else
            csvread_feed(r);
    }
    if (r->q_n) {
        const struct csvread_rec *q = &r->queue[r->q_head++];
        r->q_n--;
        for (size_t i = q->first; i < q->first + q->n; i++)
            r->cells[i].text = r->text.data + r->starts[i];
        rec->cells = r->cells + q->first;
        rec->n = q->n;
        rec->line = r->cells[q->first].line;
        return 1;
    }
    if (r->stopping) {
        r->failed = true;
        return -1;
    }
    return 0;
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
