/*
 * csvread.h - reading CSV as spreadsheets write it, one record at a time,
 * every cell with the place it came from (libcsv's one home).
 *
 * What is read: fields separated by ',', ';' or TAB, the separator found
 * from the header line (the first record) unless an Excel "sep=X" first
 * line names it; UTF-8 with or without a byte-order mark; CRLF, LF or CR
 * line ends; quoted fields with doubled quotes and line breaks inside
 * (CRLF inside a cell is given as LF). Records whose cells are all empty
 * or blank are skipped. Cells are given as written (unquoted, quotes
 * undoubled), with surrounding spaces of unquoted cells removed.
 *
 * Where: a cell's line is the physical line where it begins (every line
 * break counts, also inside earlier quoted cells; a "sep=" line is line 1;
 * the byte-order mark is not a line); its column is its 1-based position
 * in its record.
 *
 * What stops the reading, with the place and a message for people: bytes
 * that are not UTF-8 or a NUL (at the line and cell where they are), a
 * UTF-16 file, a quote where a cell does not begin with one or after a
 * closing one, a quote still open at the end (where it opened), a cell
 * longer than CSVREAD_MAX_CELL bytes, a record with more than
 * CSVREAD_MAX_CELLS cells or CSVREAD_MAX_RECORD bytes, a read error. Memory is bounded by the longest
 * record, never by the file.
 *
 * Ownership: csvread_open() returns a reader the caller closes with
 * csvread_close(), which does not close the FILE. The record filled by
 * csvread_next() and its cells' text belong to the reader and stay valid
 * until the next call; copy what you keep.
 */
#ifndef JOURNEYMAP_CSVREAD_H
#define JOURNEYMAP_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Larger cells or records are refused: no spreadsheet cell holds more
 * (Excel's limit is 32,767 characters, Google Sheets' 50,000). */
#define CSVREAD_MAX_CELL ((size_t)1 << 20)
#define CSVREAD_MAX_CELLS 4096
#define CSVREAD_MAX_RECORD ((size_t)8 << 20)

struct csv_cell {
    const char *text; /* NUL-terminated, UTF-8 without NUL */
    size_t len;
    unsigned line;   /* physical line where the cell begins */
    unsigned column; /* 1-based position in its record */
};

struct csv_record {
    const struct csv_cell *cells;
    size_t n;
    unsigned line; /* where its first cell begins */
};

/* Why the reading stopped. */
struct csv_problem {
    unsigned line, column; /* column 0: the file as a whole */
    char message[200];
};

struct csvread;

/* A reader of f (opened in binary mode). separator 0: found from the
 * file; else that one. */
struct csvread *csvread_open(FILE *f, char separator);
void csvread_close(struct csvread *r);

/* The next record: 1 with *rec filled; 0 at the end; -1 when the reading
 * stopped (csvread_problem() says where and why). */
int csvread_next(struct csvread *r, struct csv_record *rec);

const struct csv_problem *csvread_problem(const struct csvread *r);

/* The separator in use (known after the first record), whether the file
 * began with a byte-order mark, and whether it had a "sep=" line. */
char csvread_separator(const struct csvread *r);
bool csvread_had_bom(const struct csvread *r);
bool csvread_had_sep_line(const struct csvread *r);

/* A header name reduced to what matching looks at, as people write
 * headers: lower case, without spaces, tabs, '_' and '-' ("Stage Name",
 * "stage_name" and "STAGE-NAME" are one). Caller frees. */
char *csvread_fold_name(const char *s);

#endif
