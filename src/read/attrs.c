/*
 * attrs.c - the attributes of one start tag: read from libxml2's reader,
 * matched to the element's row of the table, each at the line where it is
 * written, unknown ones reported (with the attribute they were probably
 * meant to be, which then is not also reported missing), required ones
 * checked, every value checked by its type (values.c).
 */
#include "read/loader.h"

#include "core/arena.h"
#include "read/xmlread.h"

#include <string.h>

/* An attribute the element's row does not know. */
struct attrs_unknown {
    const char *name; /* as written (arena) */
    unsigned line;
};

/* The attribute that names an element in messages: the first of these
 * that is written, its value in *value. */
static const char *
attrs_key(const char *const *names, const char *const *values, size_t n, const char **value)
{
    static const char *const keys[] = {"id", "touchpoint", "to", "name"};
    for (size_t k = 0; k < ARRAY_LEN(keys); k++)
        for (size_t i = 0; i < n; i++)
            if (str_eq(names[i], keys[k])) {
                *value = values[i];
                return keys[k];
            }
    *value = NULL;
    return NULL;
}

const char *
loader_desc(struct loader *L, const struct frame *f)
{
    return loader_name(L, f->kind, f->desc_key, f->desc_value);
}

const char *
loader_name(struct loader *L, enum el kind, const char *key, const char *value)
{
    struct buf b;
    buf_init(&b);
    buf_printf(&b, "<%s", elements[kind].name);
    if (key) {
        buf_printf(&b, " %s=", key);
        buf_quote(&b, value, 40);
    }
    buf_putc(&b, '>');
    const char *s = arena_strdup(L->arena, buf_str(&b));
    buf_finish(&b);
    return s;
}

/* Whether a value of type t is kept only as what it converts to. */
static bool
attrs_converted(enum attr_type t)
{
    return t == T_ENUM || t == T_INT || t == T_NUM || t == T_DATE || t == T_VERSION ||
           t == T_METRIC; /* a known metric's name is the vocabulary's */
}

/* The attributes of the element the reader is on into vals[] (indexed like
 * its spec) and unknown[] (at most MAX_ATTRS, *n_unknown of them). Returns
 * how many known ones there are, their names and values in order. */
static size_t
attrs_collect(struct loader *L, const struct frame *f, struct val *vals, const char **names,
              const char **values, struct attrs_unknown *unknown, size_t *n_unknown)
{
    const struct el_info *info = &elements[f->kind];
    const char *name, *value;
    bool foreign;
    size_t n = 0;
    memset(vals, 0, info->n_attrs * sizeof *vals);
    *n_unknown = 0;
    /* Declaring a namespace is harmless (xmlread does not list it); using
     * one is an unknown name. */
    unsigned line;
    while (xmlread_attr(L->reader, &name, &value, &foreign, &line)) {
        size_t k = 0;
        const char **tag = L->attr_tag[f->kind];
        if (!foreign) {
            while (k < info->n_attrs && tag[k] != name)
                k++;
            if (k == info->n_attrs) { /* a name not seen before: compared */
                for (k = 0; k < info->n_attrs; k++)
                    if (str_eq(info->attrs[k].name, name))
                        break;
                if (k < info->n_attrs)
                    tag[k] = name;
            }
        }
        if (foreign || k == info->n_attrs) {
            if (*n_unknown < MAX_ATTRS)
                unknown[(*n_unknown)++] =
                    (struct attrs_unknown){arena_strdup(L->arena, name), line};
            continue;
        }
        vals[k].present = true;
        /* Values that become numbers, dates or vocabulary indexes are read
         * in place (the reader's, valid for this start tag): the model
         * keeps only what they convert to. References become pointers once
         * the document is read: their ids live only while it is loaded. */
        enum attr_type type = info->attrs[k].type;
        vals[k].s = attrs_converted(type)             ? value
                    : type == T_REF || type == T_REFS ? arena_strdup(L->scratch, value)
                    : type == T_ID                    ? arena_strdup(L->id_text, value)
                                                      : arena_strdup(L->arena, value);
        vals[k].line = line;
        if (n < MAX_ATTRS) {
            names[n] = info->attrs[k].name;
            values[n++] = vals[k].s;
        }
    }
    for (size_t k = 0; k < info->n_attrs; k++)
        if (!vals[k].present)
            vals[k].line = f->line; /* what an absent attribute's error points at */
    return n;
}

/* The element's attribute an unknown one was probably meant to be (one
 * that is not written), as an index into its spec, or -1. */
static int
attrs_meant(const struct el_info *info, const struct val *vals, const char *name)
{
    const char *candidates[MAX_ATTRS];
    size_t n = 0;
    for (size_t k = 0; k < info->n_attrs && n < MAX_ATTRS; k++)
        candidates[n++] = vals[k].present ? NULL : info->attrs[k].name;
    const char *best = str_closest(name, candidates, n);
    for (size_t k = 0; best && k < info->n_attrs; k++)
        if (candidates[k] == best)
            return (int)k;
    return -1;
}

/* Unknown attributes: one finding each for a likely typo (marking the
 * attribute it was meant to be in meant[]), one for the rest. */
static void
attrs_report_unknown(struct loader *L, const struct frame *f, const struct val *vals,
                     const struct attrs_unknown *unknown, size_t n_unknown, bool *meant)
{
    const struct el_info *info = &elements[f->kind];
    struct buf rest;
    buf_init(&rest);
    unsigned rest_line = 0;
    size_t n_rest = 0;
    for (size_t i = 0; i < n_unknown; i++) {
        int k = attrs_meant(info, vals, unknown[i].name);
        if (k >= 0 && !meant[k]) {
            meant[k] = true;
            loader_error(L, unknown[i].line, "schema", f->subject,
                         "%s has unknown attribute \"%s\"; did you mean %s?", loader_desc(L, f),
                         unknown[i].name, info->attrs[k].name);
            continue;
        }
        buf_printf(&rest, "%s\"%s\"", rest.len ? ", " : "", unknown[i].name);
        if (!n_rest++)
            rest_line = unknown[i].line;
    }
    if (n_rest) {
        struct buf allowed;
        buf_init(&allowed);
        for (size_t k = 0; k < info->n_attrs; k++)
            buf_printf(&allowed, "%s%s", k ? ", " : "allowed: ", info->attrs[k].name);
        loader_error(L, rest_line, "schema", f->subject, "%s has unknown attribute%s %s; %s",
                     loader_desc(L, f), n_rest > 1 ? "s" : "", buf_str(&rest),
                     info->n_attrs ? buf_str(&allowed) : "it takes none");
        buf_finish(&allowed);
    }
    buf_finish(&rest);
}

void
attrs_read(struct loader *L, struct frame *f, struct val *vals)
{
    const struct el_info *info = &elements[f->kind];
    const char *names[MAX_ATTRS + 1], *values[MAX_ATTRS + 1];
    struct attrs_unknown unknown[MAX_ATTRS];
    size_t n_unknown;
    size_t n = attrs_collect(L, f, vals, names, values, unknown, &n_unknown);

    f->desc_key = attrs_key(names, values, n, &f->desc_value);
    for (size_t k = 0; f->desc_key && k < info->n_attrs; k++) /* messages use it later */
        if (vals[k].s == f->desc_value && attrs_converted(info->attrs[k].type))
            f->desc_value = arena_strdup(L->arena, f->desc_value);
    /* The subject: the element's own id when it is well-formed, else the parent's. */
    f->subject = L->depth > 1 ? L->stack[L->depth - 2].subject : "";
    for (size_t k = 0; k < info->n_attrs; k++)
        if (info->attrs[k].type == T_ID && vals[k].present && model_is_id(vals[k].s))
            f->subject = vals[k].s;

    bool meant[MAX_ATTRS] = {false};
    attrs_report_unknown(L, f, vals, unknown, n_unknown, meant);
    for (size_t k = 0; k < info->n_attrs; k++) {
        if (!vals[k].present) {
            if (info->attrs[k].required && !meant[k])
                loader_error(L, f->line, "schema", f->subject,
                             "%s lacks the required attribute \"%s\"", loader_desc(L, f),
                             info->attrs[k].name);
            continue;
        }
        value_check(L, f, &info->attrs[k], &vals[k]);
    }
}
