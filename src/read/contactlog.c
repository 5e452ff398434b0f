/*
 * contactlog.c - reading contact logs into events (contactlog.h).
 */
#define _DEFAULT_SOURCE /* madvise() */
#include "read/contactlog.h"

#include "core/arena.h"
#include "core/date.h"
#include "core/number.h"
#include "read/csvread.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

enum log_column { LC_CUSTOMER, LC_DATE, LC_TOUCHPOINT, LC_INITIATOR, LC_CHANNEL, LC_SCORE,
                  LC_SEGMENT, LC_COUNT };
static const char *const log_columns[LC_COUNT] = {"customer", "date",  "touchpoint", "initiator",
                                                  "channel",  "score", "segment"};

/* Days a log may span (a per-day count is kept for the 30-day share). */
#define LOG_MAX_SPAN 4000000

/*
 * Customers' names, numbered in order of first appearance: an open
 * addressing table whose slots hold each name's hash, length and first
 * 12 bytes, so that a row's customer is found with one memory access when
 * the name is short (ids, most e-mails), however many customers there
 * are; longer names are compared in the arena after their prefix.
 */
#define LOG_NAME_INLINE 12
struct log_name_slot { /* 32 bytes: two to a cache line */
    uint32_t hash;   /* the hash's high half (the low half chose the slot) */
    uint32_t number; /* + 1; 0: empty */
    uint32_t len;
    char head[LOG_NAME_INLINE];
    const char *full; /* the whole name, when longer than head */
};

struct log_names {
    struct log_name_slot *slots;
    size_t n_slots, n;
    struct arena *arena;
};

static uint64_t
log_name_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    return h ^ (h >> 33);
}

static struct log_name_slot *
log_name_slot(struct log_name_slot *slots, size_t n_slots, const char *s, size_t n, uint64_t h)
{
    size_t mask = n_slots - 1, i = (size_t)h & mask;
    uint32_t tag = (uint32_t)(h >> 32);
    for (;; i = (i + 1) & mask) {
        struct log_name_slot *x = &slots[i];
        if (!x->number)
            return x;
        if (x->hash == tag && x->len == n &&
            memcmp(x->head, s, n < LOG_NAME_INLINE ? n : LOG_NAME_INLINE) == 0 &&
            (n <= LOG_NAME_INLINE || memcmp(x->full, s, n) == 0))
            return x;
    }
}

/* A zeroed table of n slots. A big one is asked for in huge pages: it is
 * read at random, once per row, and with 4 KiB pages nearly every look-up
 * also misses the TLB (a hint: without it the table works the same). */
static struct log_name_slot *
log_names_alloc(size_t n)
{
    size_t bytes = n * sizeof(struct log_name_slot), huge = (size_t)2 << 20;
    if (bytes < 2 * huge)
        return xcalloc(n, sizeof(struct log_name_slot));
    void *p = aligned_alloc(huge, (bytes + huge - 1) / huge * huge);
    if (!p)
        die_oom();
    madvise(p, bytes, MADV_HUGEPAGE);
    memset(p, 0, bytes);
    return p;
}

/* The number of name s (length n), numbered now when new. */
static size_t
log_name_number(struct log_names *t, const char *s, size_t n)
{
    if (2 * (t->n + 1) >= t->n_slots) {
        size_t n_slots = t->n_slots ? 2 * t->n_slots : 1024;
        struct log_name_slot *grown = log_names_alloc(n_slots);
        for (size_t i = 0; i < t->n_slots; i++)
            if (t->slots[i].number) {
                const struct log_name_slot *x = &t->slots[i];
                uint64_t h = log_name_hash(x->full ? x->full : x->head, x->len);
                *log_name_slot(grown, n_slots, x->full ? x->full : x->head, x->len, h) = *x;
            }
        free(t->slots);
        t->slots = grown;
        t->n_slots = n_slots;
    }
    uint64_t h = log_name_hash(s, n);
    struct log_name_slot *x = log_name_slot(t->slots, t->n_slots, s, n, h);
    if (!x->number) {
        x->hash = (uint32_t)(h >> 32);
        x->number = (uint32_t)++t->n;
        x->len = (uint32_t)n;
        memcpy(x->head, s, n < LOG_NAME_INLINE ? n : LOG_NAME_INLINE);
        x->full = n > LOG_NAME_INLINE ? arena_strndup(t->arena, s, n) : NULL;
    }
    return x->number - 1;
}

void
contactlog_init(struct contact_log *log, const struct journey *j, const day_number *as_of)
{
    memset(log, 0, sizeof *log);
    log->j = j;
    log->has_as_of = as_of != NULL;
    log->as_of = as_of ? *as_of : 0;
    log->customers = xcalloc(1, sizeof *log->customers);
    log->customers->arena = arena_new();
    log->unknown_names = arena_new();
    log->score_sum = xcalloc(j->n_touchpoints + 1, sizeof *log->score_sum);
    log->score_n = xcalloc(j->n_touchpoints + 1, sizeof *log->score_n);
    for (size_t i = 0; i < j->n_touchpoints; i++)
        strindex_add(&log->tp_ids, j->touchpoints[i]->id);
}

void
contactlog_finish(struct contact_log *log)
{
    free(log->events);
    if (log->customers) {
        free(log->customers->slots);
        arena_free(log->customers->arena);
        free(log->customers);
    }
    strindex_finish(&log->unknown);
    strindex_finish(&log->tp_ids);
    arena_free(log->unknown_names);
    free(log->score_sum);
    free(log->score_n);
    free(log->unplanned);
    free(log->day_events);
    free(log->day_company);
    free(log->unknown_rows);
    free(log->unknown_line);
    free(log->unknown_file);
    memset(log, 0, sizeof *log);
}

static void PRINTF_LIKE(5, 6)
log_problem(struct contact_log *log, struct diag *d, unsigned line, const char *rule,
            const char *fmt, ...)
{
    if (log->errors++ >= LOG_MAX_ERRORS) {
        if (!log->unlisted++)
            log->unlisted_line = line;
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    diag_addv(d, line, SEVERITY_ERROR, rule, "", fmt, ap);
    va_end(ap);
}

/* "YYYY-MM-DD", then optionally 'T' or ' ' and HH:MM[:SS[.fraction]]
 * and Z, ±HH:MM or ±HHMM: the date part. */
static bool
log_date(const char *s, day_number *out)
{
    char date[11];
    if (strlen(s) < 10)
        return false;
    memcpy(date, s, 10);
    date[10] = '\0';
    if (!date_parse(date, out))
        return false;
    const char *t = s + 10;
    if (!*t)
        return true;
    if (*t != 'T' && *t != ' ')
        return false;
    t++;
#define D2(p) (isdigit((unsigned char)(p)[0]) && isdigit((unsigned char)(p)[1]))
    if (!D2(t) || t[2] != ':' || !D2(t + 3) || (t[0] - '0') * 10 + (t[1] - '0') > 24 ||
        (t[3] - '0') * 10 + (t[4] - '0') > 59)
        return false;
    t += 5;
    if (*t == ':') {
        if (!D2(t + 1) || (t[1] - '0') * 10 + (t[2] - '0') > 60)
            return false;
        t += 3;
        if (*t == '.' || *t == ',') {
            t++;
            if (!isdigit((unsigned char)*t))
                return false;
            while (isdigit((unsigned char)*t))
                t++;
        }
    }
    if (*t == 'Z')
        return t[1] == '\0';
    if (*t == '+' || *t == '-') {
        t++;
        if (!D2(t))
            return false;
        t += 2;
        if (*t == ':')
            t++;
        return D2(t) && t[2] == '\0';
    }
#undef D2
    return *t == '\0';
}

/* A per-day count for the 30-day share: the span grows as dates come. */
static bool
log_count_day(struct contact_log *log, day_number day, bool company)
{
    if (!log->day_cap) {
        log->day_base = day;
        log->day_cap = 64;
        log->day_events = xcalloc(log->day_cap, sizeof *log->day_events);
        log->day_company = xcalloc(log->day_cap, sizeof *log->day_company);
    }
    if (day < log->day_base) {
        size_t shift = (size_t)(log->day_base - day);
        if (shift + log->day_cap > LOG_MAX_SPAN)
            return false;
        size_t cap = log->day_cap + shift;
        size_t *e = xcalloc(cap, sizeof *e), *c = xcalloc(cap, sizeof *c);
        memcpy(e + shift, log->day_events, log->day_cap * sizeof *e);
        memcpy(c + shift, log->day_company, log->day_cap * sizeof *c);
        free(log->day_events);
        free(log->day_company);
        log->day_events = e;
        log->day_company = c;
        log->day_cap = cap;
        log->day_base = day;
    }
    size_t at = (size_t)(day - log->day_base);
    if (at >= log->day_cap) {
        if (at >= LOG_MAX_SPAN)
            return false;
        size_t old = log->day_cap, cap = old;
        while (cap <= at)
            cap *= 2;
        log->day_events = xrealloc(log->day_events, cap * sizeof *log->day_events);
        log->day_company = xrealloc(log->day_company, cap * sizeof *log->day_company);
        memset(log->day_events + old, 0, (cap - old) * sizeof *log->day_events);
        memset(log->day_company + old, 0, (cap - old) * sizeof *log->day_company);
        log->day_cap = cap;
    }
    log->day_events[at]++;
    log->day_company[at] += company;
    return true;
}

static void
log_unplanned(struct contact_log *log, int channel, bool company)
{
    for (size_t i = 0; i < log->n_unplanned; i++)
        if (log->unplanned[i].channel == channel && log->unplanned[i].company == company) {
            log->unplanned[i].events++;
            return;
        }
    xgrow((void **)&log->unplanned, &log->cap_unplanned, log->n_unplanned + 1,
          sizeof *log->unplanned);
    log->unplanned[log->n_unplanned++] = (struct log_unplanned){channel, company, 1};
}

/* A touchpoint id the model does not have: counted, its first row kept. */
static void
log_unknown(struct contact_log *log, const char *id, const char *path, unsigned line)
{
    size_t k = strindex_find(&log->unknown, id);
    if (k == STRINDEX_NONE) {
        k = strindex_add(&log->unknown, arena_strdup(log->unknown_names, id));
        xgrow((void **)&log->unknown_rows, &log->cap_unknown, k + 1, sizeof *log->unknown_rows);
        xgrow((void **)&log->unknown_line, &log->cap_unknown_line, k + 1,
              sizeof *log->unknown_line);
        xgrow((void **)&log->unknown_file, &log->cap_unknown_file, k + 1,
              sizeof *log->unknown_file);
        log->unknown_rows[k] = 0;
        log->unknown_line[k] = line;
        log->unknown_file[k] = arena_strdup(log->unknown_names, path);
    }
    log->unknown_rows[k]++;
}

/* What one row's cells say, checked. */
struct log_row {
    const char *cell[LC_COUNT]; /* "" when empty or absent */
    unsigned line;
};

static void
log_row(struct contact_log *log, const struct log_row *r, const char *path, struct diag *d)
{
    const struct journey *j = log->j;
    if (*r->cell[LC_SEGMENT] && strcmp(r->cell[LC_SEGMENT], j->id) != 0) {
        log->ignored_rows++;
        return;
    }
    size_t before = log->errors;
    day_number day = 0;
    if (!log_date(r->cell[LC_DATE], &day)) {
        log_problem(log, d, r->line, "log-value",
                    "date \"%s\" is not a calendar date; write YYYY-MM-DD (a time may follow)",
                    r->cell[LC_DATE]);
    } else if (log->has_as_of && day > log->as_of) {
        log->ignored_rows++; /* after D: not read, so not checked */
        return;
    }
    if (!*r->cell[LC_CUSTOMER])
        log_problem(log, d, r->line, "log-value", "the customer is empty; every row needs one");
    int initiator = -1, channel = -1;
    if (*r->cell[LC_INITIATOR] &&
        (initiator = vocab_find_nocase(initiator_names, INITIATOR_COUNT, r->cell[LC_INITIATOR])) < 0)
        log_problem(log, d, r->line, "log-value",
                    "initiator \"%s\" is neither company nor customer", r->cell[LC_INITIATOR]);
    if (*r->cell[LC_CHANNEL] &&
        (channel = vocab_find_nocase(channel_names, CHANNEL_COUNT, r->cell[LC_CHANNEL])) < 0)
        log_problem(log, d, r->line, "log-value",
                    "channel \"%s\" is not a channel (web, app, email, phone, chat, sms, social, "
                    "store, visit, meeting, mail, event, video, gift, other)",
                    r->cell[LC_CHANNEL]);
    double score = 0;
    bool scored = *r->cell[LC_SCORE] != '\0';
    if (scored && !number_parse_decimal(r->cell[LC_SCORE], 1, 5, &score))
        log_problem(log, d, r->line, "log-value", "score \"%s\" is not a number from 1 to 5",
                    r->cell[LC_SCORE]);
    size_t tp = *r->cell[LC_TOUCHPOINT] ? strindex_find(&log->tp_ids, r->cell[LC_TOUCHPOINT])
                                        : STRINDEX_NONE;
    if (tp == STRINDEX_NONE && initiator < 0 && log->errors == before)
        log_problem(log, d, r->line, "log-value",
                    "no initiator: a contact the map has no touchpoint for needs company or "
                    "customer");
    if (log->errors != before)
        return;
    if (tp == STRINDEX_NONE && *r->cell[LC_TOUCHPOINT])
        log_unknown(log, r->cell[LC_TOUCHPOINT], path, r->line);
    bool company = initiator >= 0 ? initiator == INITIATOR_COMPANY
                                  : j->touchpoints[tp]->initiator == INITIATOR_COMPANY;
    if (!log_count_day(log, day, company)) {
        log_problem(log, d, r->line, "log-value",
                    "date %s is thousands of years from the log's other dates", r->cell[LC_DATE]);
        return;
    }
    size_t k = log_name_number(log->customers, r->cell[LC_CUSTOMER], strlen(r->cell[LC_CUSTOMER]));
    log->n_customers = log->customers->n;
    if (tp != STRINDEX_NONE && scored) {
        log->score_sum[tp] += score;
        log->score_n[tp]++;
    }
    if (tp == STRINDEX_NONE)
        log_unplanned(log, channel, company);
    if (!log->any || day < log->min_day)
        log->min_day = day;
    if (!log->any || day > log->max_day)
        log->max_day = day;
    log->any = true;
    xgrow((void **)&log->events, &log->cap_events, log->n_events + 1, sizeof *log->events);
    struct log_event *e = &log->events[log->n_events++];
    e->customer = (uint32_t)k;
    e->day = day;
    e->tp = (tp == STRINDEX_NONE ? LOG_UNPLANNED : (uint32_t)tp) & LOG_UNPLANNED;
    e->company = company;
}

/* The header: which column each cell is (-1: ignored). false after a
 * log-syntax error. */
static bool
log_header(struct contact_log *log, const struct csv_record *h, int *cols, struct diag *d)
{
    bool seen[LC_COUNT] = {false};
    for (size_t i = 0; i < h->n; i++) {
        char *name = csvread_fold_name(h->cells[i].text);
        cols[i] = -1;
        for (size_t c = 0; c < LC_COUNT; c++) {
            char *known = csvread_fold_name(log_columns[c]);
            if (strcmp(name, known) == 0 && !seen[c]) {
                cols[i] = (int)c;
                seen[c] = true;
            }
            free(known);
        }
        if (cols[i] < 0 && strcmp(name, "touchpointid") == 0 && !seen[LC_TOUCHPOINT])
            cols[i] = LC_TOUCHPOINT, seen[LC_TOUCHPOINT] = true;
        if (cols[i] < 0 && strcmp(name, "customerid") == 0 && !seen[LC_CUSTOMER])
            cols[i] = LC_CUSTOMER, seen[LC_CUSTOMER] = true;
        free(name);
    }
    for (size_t c = 0; c < 2; c++)
        if (!seen[c])
            log_problem(log, d, h->line, "log-syntax",
                        "the header has no \"%s\" column; a contact log needs customer and date "
                        "(see docs/evidence.md)",
                        log_columns[c]);
    return seen[LC_CUSTOMER] && seen[LC_DATE];
}

/* Trimmed copies are not needed: trim in place in the record's storage. */
static const char *
log_trim(const struct csv_cell *c)
{
    char *s = (char *)(uintptr_t)c->text;
    size_t n = c->len;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
        s[--n] = '\0';
    while (*s == ' ' || *s == '\t' || *s == '\n')
        s++;
    return s;
}

void
contactlog_read(struct contact_log *log, FILE *f, const char *path, struct diag *d)
{
    struct csvread *cr = csvread_open(f, 0);
    struct csv_record rec;
    int got = csvread_next(cr, &rec);
    int *cols = NULL;
    if (got == 1) {
        size_t n_cols = rec.n;
        cols = xmalloc(rec.n * sizeof *cols);
        if (log_header(log, &rec, cols, d))
            while ((got = csvread_next(cr, &rec)) == 1) {
                struct log_row row;
                row.line = rec.line;
                for (size_t c = 0; c < LC_COUNT; c++)
                    row.cell[c] = "";
                bool beyond = false;
                for (size_t i = 0; i < rec.n; i++) {
                    const char *v = log_trim(&rec.cells[i]);
                    if (i >= n_cols)
                        beyond |= *v != '\0';
                    else if (cols[i] >= 0)
                        row.cell[cols[i]] = v;
                }
                if (beyond)
                    log_problem(log, d, rec.line, "log-syntax",
                                "a value beyond the header's last column");
                else
                    log_row(log, &row, path, d);
            }
    } else if (got == 0) {
        log_problem(log, d, 1, "log-syntax", "the file is empty; the first line must be the "
                                             "header (customer, date, …)");
    }
    if (got < 0) {
        const struct csv_problem *p = csvread_problem(cr);
        log_problem(log, d, p->line, "log-syntax", "%s", p->message);
    }
    free(cols);
    csvread_close(cr);
}

void
contactlog_end(struct contact_log *log, struct diag *d)
{
    for (size_t k = 0; k < log->unknown.n; k++) {
        diag_begin_file(d, log->unknown_file[k]);
        diag_add(d, log->unknown_line[k], SEVERITY_WARNING, "log-reference", log->unknown.keys[k],
                 "touchpoint \"%s\" (%zu row%s) is not one of ours in the map; its contacts count "
                 "as unplanned",
                 log->unknown.keys[k], log->unknown_rows[k], log->unknown_rows[k] == 1 ? "" : "s");
    }
    if (log->unlisted)
        diag_add(d, log->unlisted_line, SEVERITY_ERROR, "log-value", "",
                 "%zu more problems from here on are not listed", log->unlisted);
}
