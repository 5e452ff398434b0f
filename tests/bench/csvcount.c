/*
 * csvcount - the floor of the contact-log benchmark: libcsv parsing a file
 * and counting its fields and records, nothing else. Built by bench.py
 * (cc -O2 csvcount.c -lcsv). Usage: csvcount FILE.csv
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

static size_t fields, records;

static void
on_field(void *s, size_t len, void *data)
{
    (void)s;
    (void)len;
    (void)data;
    fields++;
}

static void
on_record(int c, void *data)
{
    (void)c;
    (void)data;
    records++;
}

int
main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    FILE *f = fopen(argv[1], "rb");
    if (!f)
        return 2;
    struct csv_parser p;
    if (csv_init(&p, 0) != 0)
        return 2;
    static char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        if (csv_parse(&p, buf, n, on_field, on_record, NULL) != n)
            return 1;
    csv_fini(&p, on_field, on_record, NULL);
    csv_free(&p);
    fclose(f);
    printf("%zu fields, %zu records\n", fields, records);
    return 0;
}
