/* Unit tests for csvread.c: separators found and named, the byte-order
 * mark and "sep=" line, line ends, quoted cells across lines, where each
 * cell begins, blank records, and every reason the reading stops, at its
 * place. Each case is a whole input and the records it reads as. */
#include "check.h"
#include "core/util.h"
#include "read/csvread.h"

#include <stdio.h>
#include <stdlib.h>

/* Every record as "LINE:COLUMN=text|…" on a line of its own (line breaks
 * in a cell shown as "\n"), then "end", or "stop LINE:COLUMN: message". */
static char *
dump_n(const char *input, size_t len, char sep)
{
    char *copy = malloc(len + 1);
    memcpy(copy, input, len);
    FILE *f = fmemopen(copy, len, "rb");
    struct csvread *r = csvread_open(f, sep);
    struct buf b;
    buf_init(&b);
    struct csv_record rec;
    int got;
    while ((got = csvread_next(r, &rec)) == 1) {
        for (size_t i = 0; i < rec.n; i++) {
            buf_printf(&b, "%s%u:%u=", i ? "|" : "", rec.cells[i].line, rec.cells[i].column);
            for (const char *c = rec.cells[i].text; *c; c++)
                buf_puts(&b, *c == '\n' ? "\\n" : (char[]){*c, 0});
        }
        buf_putc(&b, '\n');
    }
    if (got == 0) {
        buf_printf(&b, "end sep=%c", csvread_separator(r) == '\t' ? 'T' : csvread_separator(r));
    } else {
        const struct csv_problem *p = csvread_problem(r);
        buf_printf(&b, "stop %u:%u: %s", p->line, p->column, p->message);
    }
    csvread_close(r);
    fclose(f);
    free(copy);
    return buf_steal(&b);
}

static char *
dump(const char *input, char sep)
{
    return dump_n(input, strlen(input), sep);
}

#define EXPECT(input, want)                                                                        \
    do {                                                                                           \
        char *got_ = dump(input, 0);                                                               \
        CHECK_STR(got_, want);                                                                     \
        free(got_);                                                                                \
    } while (0)

static void
test_separators(void)
{
    EXPECT("a,b\r\n1,2\r\n", "1:1=a|1:2=b\n2:1=1|2:2=2\nend sep=,");
    EXPECT("a;b;c\n1;2,5;3\n", "1:1=a|1:2=b|1:3=c\n2:1=1|2:2=2,5|2:3=3\nend sep=;");
    EXPECT("a\tb\n\t2\n", "1:1=a|1:2=b\n2:1=|2:2=2\nend sep=T");
    /* a separator inside a quoted header cell does not count */
    EXPECT("\"x;y;z\",b\n", "1:1=x;y;z|1:2=b\nend sep=,");
    /* Excel's sep= line: line 1, and it wins over what the header suggests */
    EXPECT("sep=;\r\na,b;c\r\n", "2:1=a,b|2:2=c\nend sep=;");
    EXPECT("\xEF\xBB\xBFsep=,\na;b,c\n", "2:1=a;b|2:2=c\nend sep=,");
    /* one column: a comma */
    EXPECT("name\nCall\n", "1:1=name\n2:1=Call\nend sep=,");
    /* the caller's separator wins */
    char *got = dump("a;b,c\n", ',');
    CHECK_STR(got, "1:1=a;b|1:2=c\nend sep=,");
    free(got);
}

static void
test_lines(void)
{
    /* the byte-order mark is not a line, nor a character of the first cell */
    EXPECT("\xEF\xBB\xBFname,x\n", "1:1=name|1:2=x\nend sep=,");
    /* a quoted cell across lines: CRLF inside becomes LF; the next cell and
     * record are placed by physical line */
    EXPECT("a,b\r\n\"one\r\ntwo\",3\r\n4,5\r\n",
           "1:1=a|1:2=b\n2:1=one\\ntwo|3:2=3\n4:1=4|4:2=5\nend sep=,");
    EXPECT("a,\"x\ny\nz\"\n1,2", "1:1=a|1:2=x\\ny\\nz\n4:1=1|4:2=2\nend sep=,");
    /* blank lines and rows of separators only are skipped, but counted */
    EXPECT("a,b\n\n,,\n  \n1,2\n\n\n", "1:1=a|1:2=b\n5:1=1|5:2=2\nend sep=,");
    /* old Mac line ends */
    EXPECT("a,b\r1,2\r", "1:1=a|1:2=b\n2:1=1|2:2=2\nend sep=,");
    /* doubled quotes, spaces around unquoted cells, trailing separators */
    EXPECT("\"say \"\"hi\"\"\",  two  ,\n", "1:1=say \"hi\"|1:2=two|1:3=\nend sep=,");
    /* no line end at the end */
    EXPECT("a,b", "1:1=a|1:2=b\nend sep=,");
    EXPECT("", "end sep=,");
    /* non-Latin text is text */
    EXPECT("этап,名前\nДоставка,配達\n", "1:1=этап|1:2=名前\n2:1=Доставка|2:2=配達\nend sep=,");
}

static void
test_stops(void)
{
    /* Latin-1 bytes, at the line they are on inside a multi-line cell */
    EXPECT("a,b\n1,caf\xE9\n", "1:1=a|1:2=b\nstop 2:2: byte 0xE9 is not UTF-8; save the file as "
                               "UTF-8 (in Excel: CSV UTF-8)");
    EXPECT("a,b\n1,\"x\ny\xE9\"\n", "1:1=a|1:2=b\nstop 3:2: byte 0xE9 is not UTF-8; save the "
                                    "file as UTF-8 (in Excel: CSV UTF-8)");
    /* overlong and surrogate forms are not UTF-8 */
    EXPECT("\xC0\xAF\n", "stop 1:1: byte 0xC0 is not UTF-8; save the file as UTF-8 (in Excel: "
                         "CSV UTF-8)");
    EXPECT("x,\xED\xA0\x80\n", "stop 1:2: byte 0xED is not UTF-8; save the file as UTF-8 (in "
                               "Excel: CSV UTF-8)");
    char *got = dump_n("a,b\nc,d\0e\n", 10, 0);
    CHECK_STR(got, "1:1=a|1:2=b\nstop 2:2: a NUL byte; this is not a text file");
    free(got);
    got = dump_n("\xFF\xFE" "a\0,\0", 6, 0);
    CHECK_STR(got, "stop 1:0: the file is UTF-16 text; save it as UTF-8 (in Excel: CSV UTF-8)");
    free(got);
    /* a quote left open: where it opened */
    EXPECT("a,b\n1,\"open\n2,3\n4,5\n", "1:1=a|1:2=b\nstop 2:2: a quote opened here is never "
                                        "closed");
    /* stray quotes */
    EXPECT("a,b\n1,5\" screen\n", "1:1=a|1:2=b\nstop 2:2: a stray quote: a cell with a quote in "
                                  "it must be in quotes, and the quote doubled (\"\")");
    EXPECT("a,\"b\"c\n", "stop 1:2: a stray quote: a cell with a quote in it must be in quotes, "
                         "and the quote doubled (\"\")");
}

static void
test_limits(void)
{
    /* a cell past the limit stops the reading, quickly and at its start */
    size_t n = CSVREAD_MAX_CELL + 100;
    char *big = malloc(n + 8);
    memcpy(big, "a,b\n1,\"", 7);
    memset(big + 7, 'x', n);
    big[n + 7] = '"';
    char *got = dump_n(big, n + 8, 0);
    CHECK_STR(got, "1:1=a|1:2=b\nstop 2:2: a cell longer than 1 MiB");
    free(got);
    /* a cell at the limit is read */
    memset(big + 7, 'y', CSVREAD_MAX_CELL);
    big[CSVREAD_MAX_CELL + 7] = '"';
    FILE *f = fmemopen(big, CSVREAD_MAX_CELL + 8, "rb");
    struct csvread *r = csvread_open(f, 0);
    struct csv_record rec;
    CHECK(csvread_next(r, &rec) == 1);
    CHECK(csvread_next(r, &rec) == 1 && rec.n == 2 && rec.cells[1].len == CSVREAD_MAX_CELL);
    CHECK(csvread_next(r, &rec) == 0);
    csvread_close(r);
    fclose(f);
    free(big);
    /* too many cells in one record */
    size_t cells = CSVREAD_MAX_CELLS + 10;
    char *wide = malloc(cells * 2 + 1);
    for (size_t i = 0; i < cells; i++)
        wide[2 * i] = 'x', wide[2 * i + 1] = ',';
    wide[cells * 2] = '\n';
    got = dump_n(wide, cells * 2 + 1, 0);
    CHECK(strstr(got, "stop 1:4097: a record with more than 4096 cells") == got);
    free(got);
    free(wide);
    /* a million blank rows read as nothing, and the next record's line counts them */
    size_t rows = 1000000;
    char *blank = malloc(rows * 3 + 16);
    size_t len = 0;
    for (size_t i = 0; i < rows; i++)
        blank[len++] = ',', blank[len++] = ',', blank[len++] = '\n';
    memcpy(blank + len, "a,b,c\n", 6);
    got = dump_n(blank, len + 6, 0);
    CHECK_STR(got, "1000001:1=a|1000001:2=b|1000001:3=c\nend sep=,");
    free(got);
    free(blank);
}

/* Records across the reader's 64 KiB chunks: CRLF and quoted line breaks
 * split between two chunks still count once, and every record keeps its
 * line. */
static void
test_chunks(void)
{
    struct buf in;
    buf_init(&in);
    buf_puts(&in, "name,note\r\n");
    unsigned line = 2;
    for (int i = 0; in.len < (size_t)300 << 10; i++) {
        if (i % 7 == 0) {
            buf_printf(&in, "r%d,\"two\r\nlines\"\r\n", i);
            line += 2;
        } else {
            buf_printf(&in, "r%d,%s\r\n", i, i % 5 ? "plain" : "");
            line++;
        }
    }
    buf_puts(&in, "last,\"x\"\r\n");
    FILE *f = fmemopen(in.data, in.len, "rb");
    struct csvread *r = csvread_open(f, 0);
    struct csv_record rec;
    size_t records = 0;
    unsigned last = 0;
    bool ordered = true;
    while (csvread_next(r, &rec) == 1) {
        ordered &= rec.line > last;
        last = rec.line;
        records++;
        if (strcmp(rec.cells[0].text, "last") == 0) {
            CHECK(rec.line == line);
            CHECK_STR(rec.cells[1].text, "x");
        }
    }
    CHECK(ordered);
    CHECK(records > 10000);
    CHECK(csvread_problem(r) == NULL);
    csvread_close(r);
    fclose(f);
    buf_finish(&in);
}

int
main(void)
{
    test_chunks();
    test_separators();
    test_lines();
    test_stops();
    test_limits();
    return check_done("unit csvread");
}
