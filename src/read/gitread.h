/*
 * gitread.h - journey files as of a git revision, read with libgit2 (the
 * only file that includes git2.h is gitread.c): `diff --rev REV` reads
 * the old side of each FILE or DIR this way, in the repository that
 * contains it, without running git. Nothing but the repository's objects
 * is read; a blob larger than the loader's cap is refused.
 *
 * Ownership: a struct git_files holds malloc'd labels and bytes;
 * git_files_finish() frees them. gitread_cleanup() shuts libgit2 down.
 */
#ifndef JOURNEYMAP_GITREAD_H
#define JOURNEYMAP_GITREAD_H

#include <stdbool.h>
#include <stddef.h>

/* What a path held at the revision: its *.xml files (one for a file, the
 * folder's own in name order for a folder), each labelled "REV:PATH". */
struct git_file {
    char *label;
    char *data;
    size_t len;
};

struct git_files {
    struct git_file *v;
    size_t n, cap;
    bool absent; /* the path did not exist at the revision */
};

/*
 * Read path (a file or a folder, as now on disk, or gone from disk for a
 * file) as of rev ("HEAD~1", a tag, a commit: what `git rev-parse`
 * takes). Returns false with why set (a message naming the path or the
 * revision) when it is in no repository or rev does not resolve; a path
 * absent at rev is not an error (out->absent).
 */
bool gitread_path(const char *path, const char *rev, struct git_files *out, char *why,
                  size_t why_len);
void git_files_finish(struct git_files *f);
void gitread_cleanup(void);

#endif
