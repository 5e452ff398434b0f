/* Unit tests for output.c's stream: a committed file holds every piece,
 * an aborted one leaves nothing, a failed piece fails the commit and
 * keeps the old file, and no temporary file is ever left beside it. */
#include "check.h"
#include "core/util.h"
#include "write/output.h"

#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

static size_t
entries(const char *dir)
{
    size_t n = 0;
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));)
        n += e->d_name[0] != '.' || (e->d_name[1] && (e->d_name[1] != '.' || e->d_name[2]));
    if (d)
        closedir(d);
    return n;
}

static char *
slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *s = xcalloc(1, 1 << 20);
    size_t n = fread(s, 1, (1 << 20) - 1, f);
    s[n] = '\0';
    fclose(f);
    return s;
}

int
main(void)
{
    char dir[] = "/tmp/journeymap-output-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char *path = xasprintf("%s/out.md", dir);
    const char *why = NULL;

    /* Pieces, committed: the file holds them in order, nothing else is left. */
    struct output_stream *s = output_stream_open(path, &why);
    CHECK(s != NULL);
    CHECK(entries(dir) == 0); /* no name before it is complete (or a hidden one) */
    CHECK(output_stream_put(s, "one ", 4));
    CHECK(output_stream_put(s, "two", 3));
    CHECK(output_stream_commit(s, &why));
    char *text = slurp(path);
    CHECK_STR(text, "one two");
    free(text);
    CHECK(entries(dir) == 1);

    /* Aborted: the old file stays as it was, and nothing is left. */
    s = output_stream_open(path, &why);
    CHECK(s != NULL);
    CHECK(output_stream_put(s, "three", 5));
    output_stream_abort(s);
    text = slurp(path);
    CHECK_STR(text, "one two");
    free(text);
    CHECK(entries(dir) == 1);

    /* A folder is refused before anything is written. */
    why = NULL;
    CHECK(output_stream_open(dir, &why) == NULL && why != NULL);

    /* A device that fails the write: the commit reports it. */
    if (access("/dev/full", W_OK) == 0) {
        s = output_stream_open("/dev/full", &why);
        CHECK(s != NULL);
        char big[65536] = {0};
        bool put = output_stream_put(s, big, sizeof big);
        CHECK(!put);
        CHECK(!output_stream_put(s, "x", 1)); /* nothing more after a failure */
        why = NULL;
        CHECK(!output_stream_commit(s, &why) && why != NULL);
    }

    /* A folder that does not exist. */
    char *missing = xasprintf("%s/no/such/out.md", dir);
    why = NULL;
    CHECK(output_stream_open(missing, &why) == NULL && why != NULL);
    free(missing);

    unlink(path);
    rmdir(dir);
    free(path);
    return check_done("unit output");
}
