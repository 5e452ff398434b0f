/*
 * gitread.c - journey files as of a git revision, with libgit2 (gitread.h),
 * loaded when a revision is first read (core/dynlib.h).
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "read/gitread.h"

#include "config.h"
#include "core/dynlib.h"
#include "core/util.h"
#include "read/load.h"

#include <git2.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Every libgit2 function this file calls, through git2 (typed from
 * git2.h): a direct call would not link. */
#define GITREAD_API(X) \
    X(git_blob_free) X(git_blob_lookup) X(git_blob_rawcontent) \
    X(git_blob_rawsize) X(git_error_last) X(git_libgit2_init) \
    X(git_libgit2_opts) X(git_libgit2_shutdown) X(git_object_free) \
    X(git_object_peel) X(git_object_type) X(git_repository_free) \
    X(git_repository_open_ext) X(git_repository_workdir) X(git_revparse_single) \
    X(git_tree_entry_byindex) X(git_tree_entry_bypath) X(git_tree_entry_free) \
    X(git_tree_entry_id) X(git_tree_entry_name) X(git_tree_entry_to_object) \
    X(git_tree_entry_type) X(git_tree_entrycount)

static struct {
#define GITREAD_SLOT(f) __typeof__(&f) f;
    GITREAD_API(GITREAD_SLOT)
#undef GITREAD_SLOT
} git2;

static const struct dynlib_sym gitread_syms[] = {
#define GITREAD_SYM(f) {#f, &git2.f},
    GITREAD_API(GITREAD_SYM)
#undef GITREAD_SYM
};

static bool gitread_started;

void
gitread_cleanup(void)
{
    if (gitread_started)
        git2.git_libgit2_shutdown();
    gitread_started = false;
}

/* why = what, then libgit2's own last message when it has one. */
static bool
gitread_fail(char *why, size_t why_len, const char *what)
{
    const git_error *e = git2.git_error_last();
    snprintf(why, why_len, "%s%s%s", what, e && e->message ? ": " : "",
             e && e->message ? e->message : "");
    return false;
}

static void
gitread_add(struct git_files *out, const char *rev, const char *path, const git_blob *blob)
{
    /* At most one byte over the loader's cap: the gate refuses the file
     * as too big without our holding the whole of a huge blob. */
    size_t len = (size_t)git2.git_blob_rawsize(blob);
    if (len > LOAD_MAX_BYTES + 1)
        len = LOAD_MAX_BYTES + 1;
    struct git_file f = {xasprintf("%s:%s", rev, path), xmalloc(len + 1), len};
    memcpy(f.data, git2.git_blob_rawcontent(blob), len);
    f.data[len] = '\0';
    xgrow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
    out->v[out->n++] = f;
}

static int
gitread_by_label(const void *a, const void *b)
{
    return strcmp(((const struct git_file *)a)->label, ((const struct git_file *)b)->label);
}

/* The *.xml blobs directly in tree, as files of folder dir. */
static bool
gitread_folder(git_repository *repo, const git_tree *tree, const char *rev, const char *dir,
               struct git_files *out, char *why, size_t why_len)
{
    size_t n = git2.git_tree_entrycount(tree);
    for (size_t i = 0; i < n; i++) {
        const git_tree_entry *e = git2.git_tree_entry_byindex(tree, i);
        const char *name = git2.git_tree_entry_name(e);
        size_t len = strlen(name);
        if (git2.git_tree_entry_type(e) != GIT_OBJECT_BLOB || len < 5 ||
            strcmp(name + len - 4, ".xml") != 0)
            continue;
        git_blob *blob = NULL;
        if (git2.git_blob_lookup(&blob, repo, git2.git_tree_entry_id(e)) != 0)
            return gitread_fail(why, why_len, "cannot read a file of the revision");
        char *path = xasprintf("%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
        gitread_add(out, rev, path, blob);
        free(path);
        git2.git_blob_free(blob);
    }
    qsort(out->v, out->n, sizeof *out->v, gitread_by_label);
    return true;
}

/* path's place in its repository's work tree ("" for the top), or NULL. */
static char *
gitread_relative(git_repository *repo, const char *real)
{
    const char *workdir = git2.git_repository_workdir(repo);
    char top[PATH_MAX];
    if (!workdir || !realpath(workdir, top))
        return NULL;
    size_t n = strlen(top);
    if (strncmp(real, top, n) != 0 || (real[n] != '/' && real[n] != '\0'))
        return NULL;
    return xstrdup(real[n] ? real + n + 1 : "");
}

/* The object at rel in rev's tree (NULL, with out->absent, when none). */
static bool
gitread_entry(git_repository *repo, const char *rev, const char *rel, struct git_files *out,
              git_object **found, char *why, size_t why_len)
{
    git_object *obj = NULL, *tree = NULL;
    *found = NULL;
    if (git2.git_revparse_single(&obj, repo, rev) != 0) {
        char *what = xasprintf("revision \"%s\" does not resolve", rev);
        gitread_fail(why, why_len, what);
        free(what);
        return false;
    }
    bool ok = git2.git_object_peel(&tree, obj, GIT_OBJECT_TREE) == 0;
    git2.git_object_free(obj);
    if (!ok) {
        char *what = xasprintf("revision \"%s\" has no files", rev);
        gitread_fail(why, why_len, what);
        free(what);
        return false;
    }
    if (!*rel) {
        *found = tree;
        return true;
    }
    git_tree_entry *e = NULL;
    int rc = git2.git_tree_entry_bypath(&e, (git_tree *)tree, rel);
    if (rc == 0)
        rc = git2.git_tree_entry_to_object(found, repo, e);
    git2.git_tree_entry_free(e);
    git2.git_object_free(tree);
    if (rc == GIT_ENOTFOUND) {
        out->absent = true;
        return true;
    }
    return rc == 0 || gitread_fail(why, why_len, "cannot read the revision's files");
}

bool
gitread_path(const char *path, const char *rev, struct git_files *out, char *why, size_t why_len)
{
    memset(out, 0, sizeof *out);
    if (!gitread_started) {
        char e[256];
        if (!dynlib_load(JOURNEYMAP_LIBGIT2_SONAME, gitread_syms, ARRAY_LEN(gitread_syms), e,
                         sizeof e)) {
            snprintf(why, why_len, "reading a git revision needs libgit2: %s", e);
            return false;
        }
        git2.git_libgit2_init();
        /* Only the repository is read: no user, XDG or system git
         * configuration (nothing of it changes what a file held). */
        static const int levels[] = {GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG,
                                     GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_PROGRAMDATA};
        for (size_t i = 0; i < sizeof levels / sizeof *levels; i++)
            git2.git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, levels[i], "");
    }
    gitread_started = true;
    char real[PATH_MAX];
    struct stat st;
    if (!realpath(path, real) || stat(real, &st) != 0) {
        snprintf(why, why_len, "%s: no such file or folder", path);
        return false;
    }
    bool folder = S_ISDIR(st.st_mode);
    char *dir = xstrdup(real);
    if (!folder) {
        char *slash = strrchr(dir, '/');
        if (slash)
            slash[slash == dir ? 1 : 0] = '\0';
    }
    git_repository *repo = NULL;
    int rc = git2.git_repository_open_ext(&repo, dir, 0, NULL);
    free(dir);
    if (rc != 0) {
        char *what = xasprintf("%s is not in a git repository", path);
        gitread_fail(why, why_len, what);
        free(what);
        return false;
    }
    char *rel = gitread_relative(repo, real);
    git_object *obj = NULL;
    bool ok = rel != NULL;
    if (!ok)
        snprintf(why, why_len, "%s is not in the work tree of its git repository", path);
    else
        ok = gitread_entry(repo, rev, rel, out, &obj, why, why_len);
    if (ok && obj) {
        git_object_t type = git2.git_object_type(obj);
        if (folder && type == GIT_OBJECT_TREE)
            ok = gitread_folder(repo, (git_tree *)obj, rev, path, out, why, why_len);
        else if (!folder && type == GIT_OBJECT_BLOB)
            gitread_add(out, rev, path, (git_blob *)obj);
        else
            out->absent = true; /* a file then, a folder now, or the other way */
    }
    git2.git_object_free(obj);
    free(rel);
    git2.git_repository_free(repo);
    return ok;
}

void
git_files_finish(struct git_files *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->v[i].label);
        free(f->v[i].data);
    }
    free(f->v);
    memset(f, 0, sizeof *f);
}
