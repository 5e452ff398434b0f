/*
 * contactlog.h - a contact log (evidence.md, "The log"): CSV rows of
 * contacts from a CRM, help desk or mailing tool, read once and streaming
 * into compact events (12 bytes each: customer, date, touchpoint,
 * initiator) and running totals, never keeping the file's text.
 *
 * Columns (header names matched as import matches them): customer, date
 * (required), touchpoint, initiator, channel, score, segment. A row's
 * touchpoint is one of the model's own touchpoints, or the event is
 * unplanned (empty, or an id the model does not have: log-reference, a
 * warning per distinct id). Problems are findings of the log file:
 * log-syntax (the file is not CSV, not UTF-8, or lacks a column) and
 * log-value (a bad value in a row), errors at LOGFILE:LINE, at most 100
 * listed and then one more saying how many were not.
 *
 * Ownership: a struct contact_log is the caller's storage; contactlog_init()
 * and contactlog_finish() own its arrays. It points into the journey,
 * which must outlive it.
 */
#ifndef JOURNEYMAP_CONTACTLOG_H
#define JOURNEYMAP_CONTACTLOG_H

#include "core/diag.h"
#include "core/model.h"
#include "core/util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define LOG_UNPLANNED 0x7FFFFFFFu /* log_event.tp of a contact the map has no touchpoint for */
#define LOG_MAX_ERRORS 100

struct log_event {
    uint32_t customer;    /* number, in order of first appearance */
    int32_t day;          /* the date (day_number) */
    uint32_t tp : 31;     /* index into journey->touchpoints, or LOG_UNPLANNED */
    uint32_t company : 1; /* initiated by the company */
};

/* Unplanned events by channel and initiator. */
struct log_unplanned {
    int channel; /* enum channel, or -1 when the row gave none */
    bool company;
    size_t events;
};

struct log_names;

struct contact_log {
    const struct journey *j;
    bool has_as_of;
    day_number as_of; /* rows after it are not read */
    struct log_event *events; /* in log order */
    size_t n_events, cap_events;
    struct log_names *customers; /* the customers' names, numbered */
    size_t ignored_rows; /* other segments, after as_of */
    bool any;
    day_number min_day, max_day;
    double *score_sum; /* per touchpoint */
    size_t *score_n;
    struct log_unplanned *unplanned;
    size_t n_unplanned, cap_unplanned;
    size_t *day_events, *day_company; /* per day from min_day .. max_day */
    size_t day_cap;
    day_number day_base;
    size_t errors; /* log-syntax and log-value so far, over every file */
    size_t unlisted; /* past LOG_MAX_ERRORS */
    unsigned unlisted_line; /* the first of them */
    /* unknown touchpoint ids: their rows, and the first row's place */
    struct strindex unknown;
    struct arena *unknown_names;
    size_t n_customers;
    size_t *unknown_rows;
    unsigned *unknown_line;
    const char **unknown_file;
    size_t cap_unknown, cap_unknown_line, cap_unknown_file;
    struct strindex tp_ids; /* our touchpoints' ids -> index */
};

void contactlog_init(struct contact_log *log, const struct journey *j, const day_number *as_of);
void contactlog_finish(struct contact_log *log);

/* Read one log file (f, named path) into log; its problems go to d, whose
 * current file the caller has made path. */
void contactlog_read(struct contact_log *log, FILE *f, const char *path, struct diag *d);

/* After the last file: log-reference for each unknown touchpoint id, and
 * the count of errors not listed (at the line of the first; the last
 * file read). Findings go to d (the file of each is the log's where the
 * id first appeared). */
void contactlog_end(struct contact_log *log, struct diag *d);

#endif
