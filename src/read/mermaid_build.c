/*
 * mermaid_build.c - a Mermaid journey as read (mermaid_doc.h) made into a
 * journey: sections as stages, tasks as touchpoints, actors as owners,
 * with what the `%% journeymap:` comments say where they say it, and ids
 * made from names everywhere else.
 */
#include "read/mermaid_doc.h"

#include "core/arena.h"
#include "read/slug.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* What the model is built with. */
struct mermaid_build {
    struct arena *arena;
    struct slug_set ids; /* the one id space */
    struct mermaid_options *options;
    struct strindex actors;  /* actor names as Mermaid writes them, numbered as owners */
    struct owner **owner_of; /* by number */
    size_t cap_owner_of;
};

/* An id: the comment's when it gives one, else made from the name. */
static const char *
mermaid_build_id(struct mermaid_build *mb, const struct mermaid_meta *m, const char *name,
                 const char *fallback, size_t n)
{
    char *id = m->present && m->c.id ? xstrdup(m->c.id) : slug_make(name, fallback, n);
    return arena_strdup(mb->arena, slug_unique(&mb->ids, id));
}

/* A name: the comment's when Mermaid's text is what that name is written
 * as (else the text was edited in Mermaid, and the edit wins). */
static const char *
mermaid_build_name(struct mermaid_build *mb, const struct mermaid_meta *m, const char *text,
                   enum mmsyntax_text kind)
{
    if (m->present && m->c.name && mmsyntax_same(text, m->c.name, kind))
        return arena_strdup(mb->arena, m->c.name);
    return arena_strdup(mb->arena, text);
}

/* Whether an actor means the customer rather than someone who owns a contact. */
static bool
mermaid_build_is_customer(const struct mermaid_build *mb, const char *actor)
{
    static const char *const usual[] = {"customer", "user", "client", "patient", "guest"};
    for (size_t i = 0; i < ARRAY_LEN(usual); i++)
        if (strcasecmp(actor, usual[i]) == 0)
            return true;
    for (size_t i = 0; i < mb->options->n_customers; i++)
        if (strcasecmp(actor, mb->options->customers[i]) == 0)
            return true;
    return false;
}

static struct owner *
mermaid_build_owner(struct mermaid_build *mb, const char *key, const char *id, const char *name,
                    unsigned line)
{
    size_t i = strindex_add(&mb->actors, key);
    struct owner *o = arena_alloc(mb->arena, sizeof *o);
    o->loc = (struct loc){line};
    o->id = arena_strdup(mb->arena,
                         slug_unique(&mb->ids, id ? xstrdup(id) : slug_make(name, "actor", i + 1)));
    o->name = arena_strdup(mb->arena, name);
    xgrow((void **)&mb->owner_of, &mb->cap_owner_of, i + 1, sizeof *mb->owner_of);
    mb->owner_of[i] = o;
    return o;
}

/* Owners: those the comments declare, then each other actor in order of
 * appearance, but not those that mean the customer. */
static void
mermaid_build_owners(struct mermaid_build *mb, struct journey *j, const struct mermaid_doc *p)
{
    struct buf key;
    buf_init(&key);
    for (size_t i = 0; i < p->n_owners; i++) {
        const struct mmsyntax_comment *c = &p->owners[i].c;
        if (!c->name || !c->name[strspn(c->name, " \t\r\n")])
            continue; /* an owner is known by the name its tasks show: none, none */
        key.len = 0;
        mmsyntax_escape(&key, c->name, MMSYNTAX_ACTOR);
        if (strindex_find(&mb->actors, buf_str(&key)) != STRINDEX_NONE)
            continue;
        char *k = arena_strdup(mb->arena, buf_str(&key));
        mermaid_build_owner(mb, k, c->id, c->name, 1)->trained = c->trained;
    }
    buf_finish(&key);
    for (size_t t = 0; t < p->n_tasks; t++)
        for (size_t a = 0; a < p->tasks[t].n_actors; a++) {
            const char *actor = p->tasks[t].actors[a];
            if (!mermaid_build_is_customer(mb, actor) &&
                strindex_find(&mb->actors, actor) == STRINDEX_NONE)
                mermaid_build_owner(mb, actor, NULL, actor, (unsigned)p->tasks[t].line);
        }
    j->n_owners = mb->actors.n;
    j->owners = arena_memdup(mb->arena, mb->owner_of, mb->actors.n * sizeof *j->owners);
}

/* "Mermaid actors: b, c": a task's actors other than its owner, kept in
 * the note so that an export puts them back. */
static const struct text *
mermaid_build_note(struct mermaid_build *mb, const struct mermaid_task *tk, size_t owner)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, MERMAID_ACTORS_NOTE);
    size_t n = 0;
    for (size_t a = 0; a < tk->n_actors; a++)
        if (a != owner)
            buf_printf(&b, "%s%s", n++ ? ", " : "", tk->actors[a]);
    struct text *note = NULL;
    if (n) {
        note = arena_alloc(mb->arena, sizeof *note);
        note->loc = (struct loc){(unsigned)tk->line};
        note->markdown = arena_strdup(mb->arena, buf_str(&b));
    }
    buf_finish(&b);
    return note;
}

/* What the task's number is, by its comment: the feeling unless it says
 * the score, or says neither and the placeholder was left alone. */
static void
mermaid_build_number(struct touchpoint *tp, const struct mermaid_task *tk)
{
    const struct mmsyntax_comment *c = tk->meta.present ? &tk->meta.c : NULL;
    enum mmsyntax_number number = c ? c->number : MMSYNTAX_UNSAID;
    if (c)
        tp->score = (int8_t)c->score; /* 0..5 */
    if (number == MMSYNTAX_SCORE) {
        tp->score = (int8_t)tk->score; /* 1..5 */
    } else if (number != MMSYNTAX_NONE || tk->score != 3) {
        tp->has_emotion = true;
        tp->emotion = (int8_t)(tk->score - 3);
    }
}

static struct touchpoint *
mermaid_build_touchpoint(struct mermaid_build *mb, const struct mermaid_task *tk, size_t t,
                         struct stage *s)
{
    struct touchpoint *tp = arena_alloc(mb->arena, sizeof *tp);
    const struct mmsyntax_comment *c = tk->meta.present ? &tk->meta.c : NULL;
    tp->loc = (struct loc){(unsigned)tk->line};
    tp->id = mermaid_build_id(mb, &tk->meta, tk->name, "touchpoint", t + 1);
    tp->name = mermaid_build_name(mb, &tk->meta, tk->name, MMSYNTAX_NAME);
    tp->channel = (uint8_t)(c && c->channel >= 0 ? (enum channel)c->channel : CHANNEL_OTHER);
    tp->initiator =
        (uint8_t)(c && c->initiator >= 0 ? (enum initiator)c->initiator : INITIATOR_CUSTOMER);
    if (!c || c->channel < 0 || c->initiator < 0)
        mb->options->guessed = true;
    size_t owner = tk->n_actors;
    for (size_t a = 0; a < tk->n_actors && owner == tk->n_actors; a++)
        if (!mermaid_build_is_customer(mb, tk->actors[a]))
            owner = a;
    if (owner < tk->n_actors)
        tp->owner = mb->owner_of[strindex_find(&mb->actors, tk->actors[owner])];
    mermaid_build_number(tp, tk);
    tp->stage = s;
    tp->index = (uint32_t)t;
    tp->note = mermaid_build_note(mb, tk, owner);
    return tp;
}

/* Each section a stage with its tasks as touchpoints. */
static void
mermaid_build_stages(struct mermaid_build *mb, struct journey *j, const struct mermaid_doc *p)
{
    j->n_stages = p->n_sections;
    j->stages = arena_alloc(mb->arena, p->n_sections * sizeof *j->stages);
    j->n_touchpoints = p->n_tasks;
    j->touchpoints = arena_alloc(mb->arena, p->n_tasks * sizeof *j->touchpoints);
    size_t t = 0;
    for (size_t i = 0; i < p->n_sections; i++) {
        const struct mermaid_section *sec = &p->sections[i];
        struct stage *s = arena_alloc(mb->arena, sizeof *s);
        s->loc = (struct loc){1};
        s->id = mermaid_build_id(mb, &sec->meta, sec->name, "stage", i + 1);
        s->name = mermaid_build_name(mb, &sec->meta, sec->name, MMSYNTAX_NAME);
        s->index = i;
        size_t first = t;
        for (; t < p->n_tasks && p->tasks[t].section == i; t++)
            j->touchpoints[t] = mermaid_build_touchpoint(mb, &p->tasks[t], t, s);
        s->n_touchpoints = t - first;
        s->touchpoints = j->touchpoints + first;
        j->stages[i] = s;
    }
}

struct journey *
mermaid_build(const struct mermaid_doc *p, const char *file, const char *id,
              struct mermaid_options *o)
{
    struct mermaid_build mb = {arena_new(), SLUG_SET_INIT, o, STRINDEX_INIT, NULL, 0};
    struct journey *j = arena_alloc(mb.arena, sizeof *j);
    j->arena = mb.arena;
    j->file = arena_strdup(mb.arena, file);
    j->loc = (struct loc){1};
    policy_defaults(&j->policy);
    j->policy.loc = j->loc;
    const char *given = p->journey.present && p->journey.c.id ? p->journey.c.id : id;
    j->id = arena_strdup(mb.arena, slug_unique(&mb.ids, xstrdup(given)));
    /* An empty title (`title:` alone in the front matter) names nothing. */
    const char *name = p->title && *p->title               ? p->title
                       : p->front_title && *p->front_title ? p->front_title
                                                           : id;
    j->name = mermaid_build_name(&mb, &p->journey, name, MMSYNTAX_TITLE);
    j->description = p->description ? arena_strdup(mb.arena, p->description) : NULL;
    mermaid_build_owners(&mb, j, p);
    mermaid_build_stages(&mb, j, p);
    strindex_finish(&mb.actors);
    free(mb.owner_of);
    slug_set_finish(&mb.ids);
    return j;
}
