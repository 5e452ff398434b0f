/*
 * files.c - expanding command-line arguments into journey files.
 */
#include "read/files.h"

#include "core/util.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void
file_list_init(struct file_list *l)
{
    l->paths = NULL;
    l->n = l->cap = 0;
}

void
file_list_finish(struct file_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->paths[i]);
    free(l->paths);
    file_list_init(l);
}

static void
files_push(struct file_list *l, char *path)
{
    xgrow((void **)&l->paths, &l->cap, l->n + 1, sizeof *l->paths);
    l->paths[l->n++] = path;
}

static int
files_by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
files_is(const char *name, const char *ext)
{
    size_t n = strlen(name), k = strlen(ext);
    return name[0] != '.' && n > k && strcmp(name + n - k, ext) == 0;
}

bool
file_list_add(struct file_list *l, const char *arg, const char **why)
{
    return file_list_add_ext(l, arg, ".xml", why);
}

bool
file_list_add_ext(struct file_list *l, const char *arg, const char *ext, const char **why)
{
    struct stat st;
    if (stat(arg, &st) != 0 || !S_ISDIR(st.st_mode)) {
        files_push(l, xstrdup(arg));
        return true;
    }
    DIR *dir = opendir(arg);
    if (!dir) {
        *why = strerror(errno);
        return false;
    }
    size_t first = l->n;
    size_t alen = strlen(arg);
    bool slash = alen > 0 && arg[alen - 1] == '/';
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (!files_is(e->d_name, ext))
            continue;
        char *path = xasprintf("%s%s%s", arg, slash ? "" : "/", e->d_name);
        /* Folders (even one named "x.xml") are not journeys; a broken
         * symbolic link is kept so that the user hears it cannot be read. */
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            free(path);
        else
            files_push(l, path);
    }
    closedir(dir);
    if (l->n > first) /* qsort wants a real array even for zero elements */
        qsort(l->paths + first, l->n - first, sizeof *l->paths, files_by_name);
    return true;
}
