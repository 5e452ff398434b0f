/*
 * files.h - which files a command reads: folders expand to their *.xml
 * (or, for contact logs, their *.csv).
 *
 * Ownership: a struct file_list owns its paths; file_list_finish() frees them.
 */
#ifndef JOURNEYMAP_FILES_H
#define JOURNEYMAP_FILES_H

#include <stdbool.h>
#include <stddef.h>

struct file_list {
    char **paths; /* in processing order */
    size_t n, cap;
};

void file_list_init(struct file_list *l);
void file_list_finish(struct file_list *l);

/*
 * Add arg: a folder adds every "*.xml" directly in it (not hidden files,
 * not sub-folders), in byte order of their names; anything else is added
 * as it is (the loader reports what cannot be read). Returns false and
 * sets *why when a folder cannot be listed.
 */
bool file_list_add(struct file_list *l, const char *arg, const char **why);
/* The same for the files whose names end in ext (".csv": build --logs). */
bool file_list_add_ext(struct file_list *l, const char *arg, const char *ext, const char **why);

#endif
