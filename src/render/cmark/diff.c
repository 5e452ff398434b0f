/*
 * diff.c - `journeymap diff -T md` (changes.h): what changed, for people
 * and pull requests. Per journey a summary line ("2 touchpoints added, 1
 * moved, 4 scores changed (3 up, 1 down), 5 findings resolved, 2 new"),
 * then the changes by kind with names, not ids, and old → new values, then
 * the findings resolved and new with their messages.
 */
#include "render/cmark/md.h"

#include "render/changes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The name of what id names in j (a touchpoint, stage, …), or id itself. */
static const char *
changes_name(const struct id_index *x, const char *id)
{
    const void *obj = NULL;
    switch (id_index_find(x, id, &obj)) {
    case ID_STAGE:
        return ((const struct stage *)obj)->name;
    case ID_TOUCHPOINT:
    case ID_COMPETITOR_TOUCHPOINT:
        return ((const struct touchpoint *)obj)->name;
    case ID_CHANGE:
        return ((const struct change *)obj)->name;
    case ID_OWNER:
        return ((const struct owner *)obj)->name;
    case ID_COMPETITOR:
        return ((const struct competitor *)obj)->name;
    case ID_JOURNEY:
        return ((const struct journey *)obj)->name;
    case ID_NONE:
        break;
    }
    return id;
}

/* "2 touchpoints added, 1 moved, …, 5 findings resolved, 2 new". */
char *
diff_summary_text(const struct journey_diff *jd)
{
    size_t added = 0, removed = 0, moved = 0, scores = 0, up = 0, other = 0;
    for (size_t i = 0; i < jd->n_changes; i++) {
        const struct diff_change *c = &jd->changes[i];
        bool tp = strcmp(c->what, "touchpoint") == 0;
        if (tp && c->kind == DIFF_ADDED)
            added++;
        else if (tp && c->kind == DIFF_REMOVED)
            removed++;
        else if (tp && c->kind == DIFF_MOVED)
            moved++;
        else if (tp && strcmp(c->field, "score") == 0 && c->old && c->new_) {
            scores++;
            up += atoi(c->new_) > atoi(c->old);
        } else
            other++;
    }
    struct buf b;
    buf_init(&b);
    if (jd->status == DIFF_ADD || jd->status == DIFF_REMOVE)
        buf_printf(&b, "the journey was %s", diff_status_names[jd->status]);
    if (added)
        buf_printf(&b, "%s%zu touchpoint%s added", b.len ? ", " : "", added, added == 1 ? "" : "s");
    if (removed)
        buf_printf(&b, "%s%zu %sremoved", b.len ? ", " : "", removed,
                   added ? "" : removed == 1 ? "touchpoint " : "touchpoints ");
    if (moved)
        buf_printf(&b, "%s%zu %smoved", b.len ? ", " : "", moved,
                   added || removed ? "" : moved == 1 ? "touchpoint " : "touchpoints ");
    if (scores)
        buf_printf(&b, "%s%zu score%s changed (%zu up, %zu down)", b.len ? ", " : "", scores,
                   scores == 1 ? "" : "s", up, scores - up);
    if (other)
        buf_printf(&b, "%s%zu other change%s", b.len ? ", " : "", other, other == 1 ? "" : "s");
    if (!b.len)
        buf_puts(&b, "no changes");
    buf_printf(&b, ", %zu finding%s resolved, %zu new", jd->n_resolved,
               jd->n_resolved == 1 ? "" : "s", jd->n_new);
    char *text = buf_steal(&b);
    buf_finish(&b);
    return text;
}

static void
changes_summary(cmark_node *doc, const struct journey_diff *jd)
{
    char *text = diff_summary_text(jd);
    md_text(md_paragraph(doc), text);
    free(text);
}

void
diff_since_section(cmark_node *doc, const struct journey_diff *jd, const char *rev, bool html)
{
    md_heading(doc, 2, "Since the last workshop");
    char *text = diff_summary_text(jd);
    cmark_node *p = md_paragraph(doc);
    md_text(p, "Since ");
    md_code(p, rev);
    md_textf(p, ": %s.", text);
    free(text);
    if (!jd->n_resolved && !jd->n_new && !jd->count[DIFF_CHANGED])
        return;
    cmark_node *list = md_bullet_list(doc);
    struct buf m;
    buf_init(&m);
    for (size_t i = 0; i < jd->n_resolved; i++) {
        p = md_task_done(list, html, true);
        md_textf(p, "Resolved: %s ", finding_text(jd->found_resolved[i], &m));
        md_code(p, finding_rule(jd->found_resolved[i]));
    }
    for (size_t i = 0; i < jd->n_new; i++) {
        p = md_task_done(list, html, false);
        md_textf(p, "New: %s ", finding_text(jd->found_new[i], &m));
        md_code(p, finding_rule(jd->found_new[i]));
    }
    buf_finish(&m);
    struct id_index *names = id_index_new(jd->new_);
    for (size_t i = 0; i < jd->n_changes; i++) {
        const struct diff_change *c = &jd->changes[i];
        if (c->kind != DIFF_CHANGED || strcmp(c->what, "touchpoint") != 0 ||
            strcmp(c->field, "score") != 0)
            continue;
        p = md_task_done(list, html, false);
        md_text(p, "Score of ");
        md_strong(p, changes_name(names, c->id));
        md_textf(p, ": %s → %s", c->old ? c->old : "none", c->new_ ? c->new_ : "none");
    }
    id_index_free(names);
}

/* The subject of a change: "Touchpoint **Chat**", "Rating by **Rival** of
 * **Web site**", "Policy" (the journey's own parts need no name). */
static void
changes_subject(cmark_node *p, const struct diff_change *c, const struct id_index *x)
{
    bool journey_part = strcmp(c->what, "journey") == 0 || strcmp(c->what, "review") == 0 ||
                        strcmp(c->what, "policy") == 0;
    const char *slash = strcmp(c->what, "rating") == 0 ? strchr(c->id, '/') : NULL;
    if (slash) {
        char *competitor = xstrdup(c->id);
        competitor[slash - c->id] = '\0';
        md_text(p, "Rating by ");
        md_strong(p, changes_name(x, competitor));
        md_text(p, " of ");
        md_strong(p, changes_name(x, slash + 1));
        free(competitor);
        return;
    }
    char *what = xstrdup(c->what); /* "competitor-touchpoint" → "Competitor touchpoint" */
    what[0] = (char)(what[0] - ('a' - 'A'));
    for (char *q = what; *q; q++)
        if (*q == '-')
            *q = ' ';
    md_text(p, what);
    free(what);
    if (!journey_part) {
        md_text(p, " ");
        md_strong(p, changes_name(x, c->id));
    }
}

/* A value of a field that holds an id (stage, owner, about, competitor,
 * next's target): the name it has on that side. */
static const char *
changes_value(const struct diff_change *c, const char *v, const struct id_index *x)
{
    static const char *const by_id[] = {"stage", "owner", "about", "competitor"};
    if (!v || !c->field)
        return v ? v : "(none)";
    for (size_t i = 0; i < sizeof by_id / sizeof *by_id; i++)
        if (strcmp(c->field, by_id[i]) == 0)
            return changes_name(x, v);
    return v;
}

/* One change as an item: "Touchpoint **Chat**: score 2 → 4". */
static void
changes_item(cmark_node *list, const struct diff_change *c, const struct id_index *in_old,
             const struct id_index *in_new)
{
    cmark_node *p = md_item(list);
    changes_subject(p, c, c->kind == DIFF_REMOVED ? in_old : in_new);
    if (c->kind == DIFF_MOVED && strcmp(c->what, "touchpoint") == 0) {
        md_text(p, " moved from stage ");
        md_strong(p, changes_name(in_old, c->old));
        md_text(p, " to ");
        md_strong(p, changes_name(in_new, c->new_));
        return;
    }
    if (c->kind == DIFF_MOVED) {
        md_textf(p, " moved from position %s to %s", c->old, c->new_);
        return;
    }
    if (c->kind != DIFF_CHANGED) {
        md_textf(p, " %s", diff_kind_names[c->kind]);
        if (c->field && strcmp(c->what, "next") == 0) {
            md_text(p, " (to ");
            md_strong(p, changes_name(c->kind == DIFF_REMOVED ? in_old : in_new, c->field));
            md_text(p, ")");
        } else if (c->field) {
            md_textf(p, " (%s)", c->field);
        }
        if (c->old || c->new_)
            md_textf(p, ": “%s”", c->old ? c->old : c->new_);
        return;
    }
    if (strcmp(c->what, "next") == 0) {
        md_text(p, ": share of the step to ");
        md_strong(p, changes_name(in_new, c->field));
        md_text(p, " ");
    } else if (strncmp(c->field, "rule:", 5) == 0) {
        md_textf(p, ": severity of rule %s ", c->field + 5);
    } else {
        md_textf(p, ": %s ", c->field);
    }
    md_text(p, changes_value(c, c->old, in_old));
    md_text(p, " → ");
    md_text(p, changes_value(c, c->new_, in_new));
}

static void
changes_findings(cmark_node *doc, const char *title, const struct finding *const *v, size_t n)
{
    if (!n)
        return;
    md_heading(doc, 3, title);
    cmark_node *list = md_bullet_list(doc);
    struct buf m;
    buf_init(&m);
    for (size_t i = 0; i < n; i++) {
        cmark_node *p = md_item(list);
        md_textf(p, "%s: %s ", severity_names[v[i]->severity], finding_text(v[i], &m));
        md_code(p, finding_rule(v[i]));
        md_textf(p, " (line %u)", v[i]->line);
    }
    buf_finish(&m);
}

static void
changes_journey(cmark_node *doc, const struct journey_diff *jd)
{
    const struct journey *j = jd->new_ ? jd->new_ : jd->old;
    md_heading(doc, 2, j->name);
    changes_summary(doc, jd);
    struct id_index *in_old = jd->old ? id_index_new(jd->old) : id_index_new(j);
    struct id_index *in_new = jd->new_ ? id_index_new(jd->new_) : id_index_new(j);
    static const char *const titles[DIFF_KIND_COUNT] = {"Added", "Removed", "Changed", "Moved"};
    static const enum diff_kind order[DIFF_KIND_COUNT] = {DIFF_ADDED, DIFF_REMOVED, DIFF_MOVED,
                                                          DIFF_CHANGED};
    for (size_t o = 0; o < DIFF_KIND_COUNT; o++) {
        enum diff_kind k = order[o];
        if (!jd->count[k])
            continue;
        md_heading(doc, 3, titles[k]);
        cmark_node *list = md_bullet_list(doc);
        for (size_t i = 0; i < jd->n_changes; i++)
            if (jd->changes[i].kind == k)
                changes_item(list, &jd->changes[i], in_old, in_new);
    }
    id_index_free(in_old);
    id_index_free(in_new);
    changes_findings(doc, "Findings resolved", jd->found_resolved, jd->n_resolved);
    changes_findings(doc, "New findings", jd->found_new, jd->n_new);
}

char *
diff_markdown(const struct journey_diff *v, size_t n, size_t *len)
{
    cmark_node *doc = md_node(CMARK_NODE_DOCUMENT, NULL);
    md_heading(doc, 1, "What changed");
    size_t differ = 0;
    for (size_t i = 0; i < n; i++)
        differ += v[i].status != DIFF_SAME;
    md_textf(md_paragraph(doc), "%zu journey%s compared, %zu with changes.", n, n == 1 ? "" : "s",
             differ);
    for (size_t i = 0; i < n; i++)
        changes_journey(doc, &v[i]);
    return md_render(doc, false, len);
}
