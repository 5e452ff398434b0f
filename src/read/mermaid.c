/*
 * mermaid.c - the Mermaid reader: a `journey` diagram into the model.
 *
 * It reads what Mermaid accepts and what people write: %% comments and
 * %%{init}%% directives, YAML front matter (its title used when the
 * diagram has none), accTitle / accDescr (one line or a { } block), any
 * indentation, blank lines, CRLF, no final newline, tasks without actors,
 * spaces around colons, and colons inside task names where the score and
 * actors can still be found from the right. A score outside 1..5 is
 * clamped with a warning; anything else it cannot read is an error naming
 * the line and what was expected.
 *
 * The diagram is read into a small record of its own first (sections,
 * tasks, actors), then made into a journey: each section a stage, each
 * task a touchpoint (channel other, initiator customer, emotion = score -
 * 3), each distinct actor an owner, ids made from names (slug.h).
 */
#include "read/mermaid.h"

#include "read/mermaid_doc.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------
 * Reading the lines
 */

/* A copy without leading and trailing spaces and control characters
 * (the XML written later turns control characters into spaces, so a name
 * made only of them would be empty). */
static char *
mermaid_trimmed(const char *s, size_t n)
{
    while (n && (unsigned char)*s <= ' ') {
        s++;
        n--;
    }
    while (n && (unsigned char)s[n - 1] <= ' ')
        n--;
    return xasprintf("%.*s", (int)n, s);
}

static bool
mermaid_keyword(const char *line, const char *kw, const char **rest)
{
    size_t n = strlen(kw);
    if (strncmp(line, kw, n) != 0 ||
        (line[n] && line[n] != ' ' && line[n] != '\t' && line[n] != ':'))
        return false;
    *rest = line + n;
    while (**rest == ' ' || **rest == '\t' || (**rest == ':' && kw[0] == 'a'))
        (*rest)++;
    return true;
}

static void
mermaid_add_section(struct mermaid_doc *p, const char *name)
{
    xgrow((void **)&p->sections, &p->cap_sections, p->n_sections + 1, sizeof *p->sections);
    struct mermaid_section *s = &p->sections[p->n_sections++];
    memset(s, 0, sizeof *s);
    s->name = xstrdup(name && *name ? name : "Journey");
}

void
mermaid_meta_free(struct mermaid_meta *m)
{
    free(m->line);
    memset(m, 0, sizeof *m);
}

/* A `%% journeymap:` comment: kept for what it describes. */
static void
mermaid_meta(struct mermaid_doc *p, const struct mmsyntax_comment *c, char *line)
{
    struct mermaid_meta m = {true, *c, line};
    struct mermaid_section *last = p->n_sections ? &p->sections[p->n_sections - 1] : NULL;
    if (c->kind == MMSYNTAX_JOURNEY && !p->journey.present) {
        p->journey = m;
    } else if (c->kind == MMSYNTAX_OWNER) {
        xgrow((void **)&p->owners, &p->cap_owners, p->n_owners + 1, sizeof *p->owners);
        p->owners[p->n_owners++] = m;
    } else if (c->kind == MMSYNTAX_STAGE && last && !last->has_tasks && !last->meta.present) {
        last->meta = m;
    } else if (c->kind == MMSYNTAX_TOUCHPOINT) {
        mermaid_meta_free(&p->pending);
        p->pending = m;
    } else {
        free(line); /* in the wrong place: a comment like any other */
    }
}

/* "a, b, c": the task's actors, in order, without empty ones. */
static void
mermaid_actors(struct mermaid_task *t, const char *list)
{
    char *actors = xstrdup(list);
    for (char *save = NULL, *a = strtok_r(actors, ",", &save); a; a = strtok_r(NULL, ",", &save)) {
        char *one = mermaid_trimmed(a, strlen(a));
        if (*one) {
            xgrow((void **)&t->actors, &t->cap_actors, t->n_actors + 1, sizeof *t->actors);
            t->actors[t->n_actors++] = one;
        } else {
            free(one);
        }
    }
    free(actors);
}

/* "name: score: actors" read from the right, so that a colon inside the
 * name is kept when the score can still be found. */
static bool
mermaid_parse_task(struct mermaid_doc *p, const char *line, size_t lineno, const char *file,
                   FILE *msgs)
{
    size_t n_parts = 1;
    for (const char *c = line; *c; c++)
        n_parts += *c == ':';
    const char **parts = xcalloc(n_parts + 1, sizeof *parts);
    size_t k = 0;
    parts[k++] = line;
    for (const char *c = line; *c; c++)
        if (*c == ':')
            parts[k++] = c + 1;
    /* The score is the rightmost part that is a whole number and is last or
     * followed only by the actors. */
    long score = 0;
    size_t at = 0;
    for (size_t i = n_parts; i-- > 1;) {
        if (i < n_parts - 2)
            break;
        size_t len = (i + 1 < n_parts ? (size_t)(parts[i + 1] - parts[i]) - 1 : strlen(parts[i]));
        char *t = mermaid_trimmed(parts[i], len);
        char *end;
        long v = strtol(t, &end, 10);
        bool ok = *t && !*end && (t[0] == '-' || t[0] == '+' || (t[0] >= '0' && t[0] <= '9'));
        free(t);
        if (ok) {
            score = v;
            at = i;
            break;
        }
    }
    char *name = at ? mermaid_trimmed(line, (size_t)(parts[at] - line) - 1) : NULL;
    if (!at || !*name) {
        fprintf(msgs,
                "%s:%zu: error: cannot read this task; expected `name: score: actors` "
                "with a whole-number score from 1 to 5 (e.g. `Sign up: 4: Customer`)%s\n",
                file, lineno, strstr(line, "->") ? "; found `->` where `:` belongs" : "");
        free(name);
        free(parts);
        return false;
    }
    if (score < 1 || score > 5) {
        long clamped = score < 1 ? 1 : 5;
        fprintf(msgs, "%s:%zu: warning: score %ld is outside 1 to 5; using %ld\n", file, lineno,
                score, clamped);
        score = clamped;
    }
    if (!p->n_sections)
        mermaid_add_section(p, p->title ? p->title : "Journey");
    xgrow((void **)&p->tasks, &p->cap_tasks, p->n_tasks + 1, sizeof *p->tasks);
    struct mermaid_task *t = &p->tasks[p->n_tasks++];
    memset(t, 0, sizeof *t);
    t->name = name;
    t->score = (int)score;
    t->section = p->n_sections - 1;
    t->line = lineno;
    t->meta = p->pending; /* the task takes the comment right before it */
    memset(&p->pending, 0, sizeof p->pending);
    p->sections[t->section].has_tasks = true;
    if (at + 1 < n_parts)
        mermaid_actors(t, parts[at + 1]);
    free(parts);
    return true;
}

/* A line of the YAML front matter: only its title matters. */
static void
mermaid_front_line(struct mermaid_doc *p, const char *l)
{
    const char *rest;
    if (strcmp(l, "---") == 0) {
        p->in_front = false;
    } else if (mermaid_keyword(l, "title:", &rest) || strncmp(l, "title:", 6) == 0) {
        char *t = mermaid_trimmed(l + 6, strlen(l + 6));
        size_t tn = strlen(t);
        if (tn >= 2 && (t[0] == '"' || t[0] == '\'') && t[tn - 1] == t[0]) {
            char *inner = mermaid_trimmed(t + 1, tn - 2); /* title: " x " */
            free(t);
            t = inner;
        }
        free(p->front_title);
        p->front_title = t;
    }
}

/* accDescr: one line, or a { } block on one line or several. */
static void
mermaid_acc_descr(struct mermaid_doc *p, const char *rest)
{
    if (*rest != '{') {
        buf_printf(&p->descr, "%s%s", p->descr.len ? "\n" : "", rest);
        return;
    }
    char *inner = mermaid_trimmed(rest + 1, strlen(rest + 1));
    size_t in = strlen(inner);
    if (in && inner[in - 1] == '}')
        inner[in - 1] = '\0';
    else
        p->in_descr = true;
    buf_puts(&p->descr, inner);
    free(inner);
}

/* One line, trimmed: 1 when read, 0 after an error, -1 when reading must stop. */
static int
mermaid_line(struct mermaid_doc *p, const char *l, size_t lineno, const char *file, FILE *msgs)
{
    const char *rest;
    if (p->in_front) {
        mermaid_front_line(p, l);
    } else if (p->in_descr) {
        if (strcmp(l, "}") == 0)
            p->in_descr = false;
        else
            buf_printf(&p->descr, "%s%s", p->descr.len ? "\n" : "", l);
    } else if (!*l) {
        /* blank */
    } else if (strncmp(l, "%%", 2) == 0) {
        struct mmsyntax_comment c;
        char *copy = NULL;
        if (p->seen_journey && mmsyntax_read(l, &c, &copy))
            mermaid_meta(p, &c, copy);
        else
            free(copy); /* a comment or a directive */
    } else if (!p->seen_journey && !p->front_done && strcmp(l, "---") == 0) {
        p->in_front = true;
        p->front_done = true;
    } else if (!p->seen_journey) {
        if (strcmp(l, "journey") != 0) {
            fprintf(msgs,
                    "%s:%zu: error: expected `journey` (a Mermaid user-journey "
                    "diagram starts with it)\n",
                    file, lineno);
            return -1;
        }
        p->seen_journey = true;
    } else if (mermaid_keyword(l, "title", &rest)) {
        mermaid_meta_free(&p->pending);
        free(p->title);
        p->title = xstrdup(rest);
    } else if (mermaid_keyword(l, "accTitle", &rest)) {
        /* an accessible title: the title says the same */
    } else if (mermaid_keyword(l, "accDescr", &rest)) {
        mermaid_acc_descr(p, rest);
    } else if (mermaid_keyword(l, "section", &rest)) {
        mermaid_meta_free(&p->pending);
        mermaid_add_section(p, *rest ? rest : "Section");
    } else if (!mermaid_parse_task(p, l, lineno, file, msgs)) {
        return 0;
    }
    return 1;
}

static bool
mermaid_parse(struct mermaid_doc *p, const char *text, size_t len, const char *file, FILE *msgs)
{
    bool ok = true;
    size_t lineno = 0;
    buf_init(&p->descr);
    for (size_t pos = 0; pos < len;) {
        size_t end = pos;
        while (end < len && text[end] != '\n')
            end++;
        lineno++;
        char *line = mermaid_trimmed(text + pos, end - pos);
        size_t n = strlen(line);
        if (n && line[n - 1] == '\r')
            line[--n] = '\0';
        char *l = mermaid_trimmed(line, n);
        free(line);
        pos = end + 1;
        int r = mermaid_line(p, l, lineno, file, msgs);
        free(l);
        if (r <= 0)
            ok = false;
        if (r < 0)
            break;
    }
    if (ok && !p->seen_journey) {
        fprintf(msgs, "%s:%zu: error: expected `journey`; the file has no diagram\n", file,
                lineno ? lineno : 1);
        ok = false;
    }
    if (p->descr.len)
        p->description = buf_steal(&p->descr);
    buf_finish(&p->descr);
    return ok;
}

static void
mermaid_doc_free(struct mermaid_doc *p)
{
    for (size_t i = 0; i < p->n_tasks; i++) {
        free(p->tasks[i].name);
        for (size_t a = 0; a < p->tasks[i].n_actors; a++)
            free(p->tasks[i].actors[a]);
        free(p->tasks[i].actors);
        mermaid_meta_free(&p->tasks[i].meta);
    }
    for (size_t i = 0; i < p->n_sections; i++) {
        free(p->sections[i].name);
        mermaid_meta_free(&p->sections[i].meta);
    }
    for (size_t i = 0; i < p->n_owners; i++)
        mermaid_meta_free(&p->owners[i]);
    free(p->owners);
    mermaid_meta_free(&p->journey);
    mermaid_meta_free(&p->pending);
    free(p->tasks);
    free(p->sections);
    free(p->title);
    free(p->front_title);
    free(p->description);
}

struct journey *
mermaid_read(const char *text, size_t len, const char *file, const char *id, FILE *msgs,
             struct mermaid_options *o)
{
    struct mermaid_doc p;
    memset(&p, 0, sizeof p);
    struct journey *j = NULL;
    if (mermaid_parse(&p, text, len, file, msgs)) {
        if (!p.n_sections) /* a title and nothing else: one empty stage to fill in */
            mermaid_add_section(&p, "Journey");
        j = mermaid_build(&p, file, id, o);
    }
    mermaid_doc_free(&p);
    return j;
}
