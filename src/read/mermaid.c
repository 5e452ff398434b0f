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

#include "core/arena.h"
#include "read/slug.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------
 * Reading the lines
 */

struct mermaid_task {
    char *name;
    int score;
    char **actors;
    size_t n_actors, cap_actors;
    size_t section;
    size_t line;
};

struct mermaid_section {
    char *name;
};

/* What a diagram says, as read line by line. */
struct mermaid_doc {
    char *title, *front_title, *description;
    struct mermaid_section *sections;
    size_t n_sections, cap_sections;
    struct mermaid_task *tasks;
    size_t n_tasks, cap_tasks;
    /* where the reader is */
    bool seen_journey; /* the `journey` line */
    bool in_front;     /* inside the YAML front matter */
    bool front_done;   /* the front matter is over (only one, first) */
    bool in_descr;     /* inside an accDescr { … } block */
    struct buf descr;  /* accDescr text so far */
};

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
    p->sections[p->n_sections++].name = xstrdup(name && *name ? name : "Journey");
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
    } else if (!*l || strncmp(l, "%%", 2) == 0) {
        /* blank, comment or directive */
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
        free(p->title);
        p->title = xstrdup(rest);
    } else if (mermaid_keyword(l, "accTitle", &rest)) {
        /* an accessible title: the title says the same */
    } else if (mermaid_keyword(l, "accDescr", &rest)) {
        mermaid_acc_descr(p, rest);
    } else if (mermaid_keyword(l, "section", &rest)) {
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

/* ------------------------------------------------------------------------
 * The journey
 */

/* What the model is built with: the arena and the one id space. */
struct mermaid_build {
    struct arena *arena;
    struct slug_set ids;
    const char *file;
};

static const char *
mermaid_id(struct mermaid_build *mb, const char *name, const char *fallback, size_t n)
{
    return arena_strdup(mb->arena, slug_unique(&mb->ids, slug_make(name, fallback, n)));
}

/* Owners: each distinct actor, in order of appearance; actors numbers
 * them, *owner_of holds the owner of each. */
static void
mermaid_owners(struct mermaid_build *mb, struct journey *j, const struct mermaid_doc *p,
               struct strindex *actors, struct owner ***owner_of)
{
    size_t cap = 0;
    for (size_t t = 0; t < p->n_tasks; t++)
        for (size_t a = 0; a < p->tasks[t].n_actors; a++) {
            const char *actor = p->tasks[t].actors[a];
            if (strindex_find(actors, actor) != STRINDEX_NONE)
                continue;
            size_t i = strindex_add(actors, actor);
            struct owner *o = arena_alloc(mb->arena, sizeof *o);
            o->loc = (struct loc){mb->file, (unsigned)p->tasks[t].line};
            o->id = mermaid_id(mb, actor, "actor", i + 1);
            o->name = arena_strdup(mb->arena, actor);
            xgrow((void **)owner_of, &cap, i + 1, sizeof **owner_of);
            (*owner_of)[i] = o;
        }
    j->n_owners = actors->n;
    j->owners = arena_memdup(mb->arena, *owner_of, actors->n * sizeof *j->owners);
}

/* "Mermaid actors: b, c": a task's further actors, kept in the note so
 * that an export puts them back and import → export → import is lossless. */
static const struct text *
mermaid_more_actors(struct mermaid_build *mb, const struct mermaid_task *tk)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, MERMAID_ACTORS_NOTE);
    for (size_t a = 1; a < tk->n_actors; a++)
        buf_printf(&b, "%s%s", a > 1 ? ", " : "", tk->actors[a]);
    struct text *note = arena_alloc(mb->arena, sizeof *note);
    note->loc = (struct loc){mb->file, (unsigned)tk->line};
    note->markdown = arena_strdup(mb->arena, buf_str(&b));
    buf_finish(&b);
    return note;
}

static struct touchpoint *
mermaid_touchpoint(struct mermaid_build *mb, const struct mermaid_task *tk, size_t t,
                   struct stage *s, const struct strindex *actors, struct owner **owner_of)
{
    struct touchpoint *tp = arena_alloc(mb->arena, sizeof *tp);
    tp->loc = (struct loc){mb->file, (unsigned)tk->line};
    tp->id = mermaid_id(mb, tk->name, "touchpoint", t + 1);
    tp->name = arena_strdup(mb->arena, tk->name);
    tp->channel = CHANNEL_OTHER;
    tp->initiator = INITIATOR_CUSTOMER;
    if (tk->n_actors)
        tp->owner = owner_of[strindex_find(actors, tk->actors[0])];
    tp->has_emotion = true;
    tp->emotion = tk->score - 3;
    tp->stage = s;
    tp->index = t;
    if (tk->n_actors > 1)
        tp->note = mermaid_more_actors(mb, tk);
    return tp;
}

/* Each section a stage with its tasks as touchpoints. */
static void
mermaid_stages(struct mermaid_build *mb, struct journey *j, const struct mermaid_doc *p,
               const struct strindex *actors, struct owner **owner_of)
{
    j->n_stages = p->n_sections;
    j->stages = arena_alloc(mb->arena, p->n_sections * sizeof *j->stages);
    j->n_touchpoints = p->n_tasks;
    j->touchpoints = arena_alloc(mb->arena, p->n_tasks * sizeof *j->touchpoints);
    size_t t = 0;
    for (size_t i = 0; i < p->n_sections; i++) {
        struct stage *s = arena_alloc(mb->arena, sizeof *s);
        s->loc = (struct loc){mb->file, 1};
        s->id = mermaid_id(mb, p->sections[i].name, "stage", i + 1);
        s->name = arena_strdup(mb->arena, p->sections[i].name);
        s->index = i;
        size_t first = t;
        for (; t < p->n_tasks && p->tasks[t].section == i; t++)
            j->touchpoints[t] = mermaid_touchpoint(mb, &p->tasks[t], t, s, actors, owner_of);
        s->n_touchpoints = t - first;
        s->touchpoints = j->touchpoints + first;
        j->stages[i] = s;
    }
}

static struct journey *
mermaid_journey(const struct mermaid_doc *p, const char *file, const char *id)
{
    struct mermaid_build mb = {arena_new(), SLUG_SET_INIT, NULL};
    mb.file = arena_strdup(mb.arena, file);
    struct journey *j = arena_alloc(mb.arena, sizeof *j);
    j->arena = mb.arena;
    j->file = mb.file;
    j->loc = (struct loc){mb.file, 1};
    policy_defaults(&j->policy);
    j->policy.loc = j->loc;
    j->id = arena_strdup(mb.arena, slug_unique(&mb.ids, xstrdup(id)));
    /* An empty title (`title:` alone in the front matter) names nothing. */
    const char *name = p->title && *p->title               ? p->title
                       : p->front_title && *p->front_title ? p->front_title
                                                           : id;
    j->name = arena_strdup(mb.arena, name);
    j->description = p->description ? arena_strdup(mb.arena, p->description) : NULL;
    struct strindex actors = STRINDEX_INIT; /* names, numbered as owners */
    struct owner **owner_of = NULL;
    mermaid_owners(&mb, j, p, &actors, &owner_of);
    mermaid_stages(&mb, j, p, &actors, owner_of);
    strindex_finish(&actors);
    free(owner_of);
    slug_set_finish(&mb.ids);
    return j;
}

static void
mermaid_doc_free(struct mermaid_doc *p)
{
    for (size_t i = 0; i < p->n_tasks; i++) {
        free(p->tasks[i].name);
        for (size_t a = 0; a < p->tasks[i].n_actors; a++)
            free(p->tasks[i].actors[a]);
        free(p->tasks[i].actors);
    }
    for (size_t i = 0; i < p->n_sections; i++)
        free(p->sections[i].name);
    free(p->tasks);
    free(p->sections);
    free(p->title);
    free(p->front_title);
    free(p->description);
}

struct journey *
mermaid_read(const char *text, size_t len, const char *file, const char *id, FILE *msgs)
{
    struct mermaid_doc p;
    memset(&p, 0, sizeof p);
    struct journey *j = NULL;
    if (mermaid_parse(&p, text, len, file, msgs)) {
        if (!p.n_sections) /* a title and nothing else: one empty stage to fill in */
            mermaid_add_section(&p, "Journey");
        j = mermaid_journey(&p, file, id);
    }
    mermaid_doc_free(&p);
    return j;
}
