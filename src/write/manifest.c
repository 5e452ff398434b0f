/*
 * manifest.c - what `build` wrote, read and written (manifest.h).
 */
#include "write/manifest.h"

#include "core/util.h"
#include "write/output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
manifest_init(struct manifest *m)
{
    memset(m, 0, sizeof *m);
}

void
manifest_finish(struct manifest *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->v[i].source);
        free(m->v[i].name);
    }
    free(m->v);
    manifest_init(m);
}

void
manifest_add(struct manifest *m, const char *source, const char *name)
{
    xgrow((void **)&m->v, &m->cap, m->n + 1, sizeof *m->v);
    m->v[m->n++] = (struct manifest_entry){xstrdup(source), xstrdup(name)};
}

bool
manifest_has(const struct manifest *m, const char *name)
{
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->v[i].name, name) == 0)
            return true;
    return false;
}

void
manifest_read(struct manifest *m, const char *dir)
{
    char *path = xasprintf("%s/%s", dir, MANIFEST_NAME);
    FILE *f = fopen(path, "r");
    free(path);
    if (!f)
        return;
    char line[8192];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab || strchr(tab + 1, '/') || tab[1] == '.' || !tab[1])
            continue; /* only plain names inside the folder */
        *tab = '\0';
        manifest_add(m, line, tab + 1);
    }
    fclose(f);
}

bool
manifest_write(const struct manifest *m, const char *dir, const char **why)
{
    struct buf b;
    buf_init(&b);
    for (size_t i = 0; i < m->n; i++)
        buf_printf(&b, "%s\t%s\n", m->v[i].source, m->v[i].name);
    char *path = xasprintf("%s/%s", dir, MANIFEST_NAME);
    bool ok = output_write(path, buf_str(&b), b.len, why);
    free(path);
    buf_finish(&b);
    return ok;
}
