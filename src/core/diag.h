/*
 * diag.h - findings as data: collected from every stage, sorted, printed once.
 *
 * A finding's message is kept as its format and its formatted arguments
 * (message.h) and put together when it is read, with finding_text(): the
 * rule's words are not copied into each of a journey's many findings.
 *
 * Ownership: a struct diag owns copies of every string given to it (file
 * names, subjects, message arguments); findings returned by diag_get()
 * stay valid until diag_free(). Callers never free what diag hands out.
 * The rule ids and formats given to diag_add() must live as long as the
 * program (string literals, the catalogue's ids): findings keep them by
 * pointer, a few hundred in all.
 */
#ifndef JOURNEYMAP_DIAG_H
#define JOURNEYMAP_DIAG_H

#include "core/model.h"
#include "core/util.h"

#include <stdarg.h>
#include <stdint.h>
#include <stddef.h>

/* 32 bytes: a large journey has hundreds of thousands of them. */
struct finding {
    unsigned line;            /* 1-based; 0 when the file has no line (unreadable) */
    uint32_t seq;             /* order of arrival, the last sort key; never given twice */
    const char *subject;      /* id of what the finding is about; "" when unknown */
    const char *args;         /* the message's arguments, formatted: finding_text() */
    uint16_t rule_key;        /* the rule id (finding_rule()) ... */
    uint16_t fmt_key;         /* ... and the message's format, as keys: see diag.c */
    uint32_t file_index : 24; /* order in which files were given: diag_file() (DIAG_MAX_FILES) */
    uint32_t severity : 8;    /* an enum severity, never SEVERITY_OFF */
};

/* The finding's rule id from the catalogue (rules.h): the string given to
 * diag_add(). */
const char *finding_rule(const struct finding *f);

/* Files one diag can tell apart (file_index's 24 bits). */
#define DIAG_MAX_FILES ((size_t)1 << 24)

struct diag; /* opaque: owns strings, keeps order stable */

/* The path of the file f is about, as given by the user (diag's copy:
 * the journey's `file` points to the same string). */
const char *diag_file(const struct diag *d, const struct finding *f);

/* Caller frees with diag_free(). */
struct diag *diag_new(void);
void diag_free(struct diag *d); /* NULL is a no-op */

/*
 * Register a file (in the order files are processed) and make it current:
 * findings added afterwards belong to it. Returns diag's own copy of path.
 */
const char *diag_begin_file(struct diag *d, const char *path);

/* Add a finding about the current file. fmt (a string literal) builds the message. */
void diag_add(struct diag *d, unsigned line, enum severity sev, const char *rule,
              const char *subject, const char *fmt, ...) PRINTF_LIKE(6, 7);
void diag_addv(struct diag *d, unsigned line, enum severity sev, const char *rule,
               const char *subject, const char *fmt, va_list ap) PRINTF_LIKE(6, 0);
/* The same for a subject that outlives d (the id of a journey the caller
 * keeps until d is freed, as the rules' findings do): not copied. */
void diag_addv_kept(struct diag *d, unsigned line, enum severity sev, const char *rule,
                    const char *subject, const char *fmt, va_list ap) PRINTF_LIKE(6, 0);

/*
 * Give the finding added last its size, so that reports can rank findings
 * without reading messages: contact-gap, the days of silence; overdue-plan,
 * the days overdue; behind-competitor, the rating minus our score;
 * unannounced-change, the change's day number; slow-first-contact, the
 * days to the first contact (0 when there is none).
 */
void diag_set_size(struct diag *d, double size);
/* That size, 0 when none was given. Few findings have one (a few percent
 * of a large journey's): they are kept beside the findings, by seq. */
double diag_size(const struct diag *d, const struct finding *f);

/* The finding's message, one line for a workshop participant, in b
 * (emptied first): b's text, valid until b changes. */
const char *finding_text(const struct finding *f, struct buf *b);
/* The same message appended to b. */
void finding_put(const struct finding *f, struct buf *b);

/* Number of findings so far; use as a mark for diag_truncate(). */
size_t diag_count(const struct diag *d);
/* Drop findings added after mark (e.g. all but xml-syntax for a broken file). */
void diag_truncate(struct diag *d, size_t mark);
/* Sort by file order, line, rule id, then arrival: the records in place,
 * with no memory of the sort's own. */
void diag_sort(struct diag *d);
const struct finding *diag_get(const struct diag *d, size_t i);
/* Findings from mark on with exactly this severity. */
size_t diag_count_severity(const struct diag *d, size_t mark, enum severity sev);
/* The highest severity from mark on (SEVERITY_OFF when none). */
enum severity diag_worst(const struct diag *d, size_t mark);

#endif
