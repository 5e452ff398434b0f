/*
 * mermaid.c - the Mermaid writer: a journey as a Mermaid `journey` diagram
 * (render/mermaid.h), with `%% journeymap:` comments (read/mmsyntax.h)
 * carrying what the diagram's syntax cannot, so that an import gives the
 * journey back.
 */
#include "render/mermaid.h"

#include "core/util.h"
#include "read/mermaid.h"
#include "read/mmsyntax.h"

#include <stdlib.h>
#include <string.h>

/* A comment with nothing set yet. */
static struct mmsyntax_comment
mermaid_comment(enum mmsyntax_kind kind, const char *id)
{
    struct mmsyntax_comment c = {kind, id, -1, -1, TRAINED_UNKNOWN, MMSYNTAX_UNSAID, 0, NULL};
    return c;
}

/* The real name, when Mermaid's text of it is different. */
static const char *
mermaid_name_if_changed(const char *name, enum mmsyntax_text kind)
{
    struct buf b;
    buf_init(&b);
    mmsyntax_escape(&b, name, kind);
    bool same = strcmp(buf_str(&b), name) == 0;
    buf_finish(&b);
    return same ? NULL : name;
}

/* The actors an import kept in the note ("Mermaid actors: b, c"), each
 * after ", " (or ": " for the first when there is no owner). */
static void
mermaid_export_more(struct buf *b, const struct touchpoint *tp, bool first)
{
    const char *more = tp->note ? strstr(tp->note->markdown, MERMAID_ACTORS_NOTE) : NULL;
    if (!more)
        return;
    more += strlen(MERMAID_ACTORS_NOTE);
    size_t n = strcspn(more, "\n");
    char *list = xasprintf("%.*s", (int)n, more);
    for (char *save = NULL, *a = strtok_r(list, ",", &save); a; a = strtok_r(NULL, ",", &save)) {
        while (*a == ' ')
            a++;
        if (*a) {
            buf_puts(b, first ? ": " : ", ");
            mmsyntax_escape(b, a, MMSYNTAX_ACTOR);
            first = false;
        }
    }
    free(list);
}

/* The touchpoint's comment, then its task `Name: S: Owner, further`. */
static void
mermaid_export_task(struct buf *b, const struct touchpoint *tp)
{
    struct mmsyntax_comment c = mermaid_comment(MMSYNTAX_TOUCHPOINT, tp->id);
    c.channel = (int)tp->channel;
    c.initiator = (int)tp->initiator;
    c.number = tp->has_emotion ? MMSYNTAX_EMOTION : tp->score ? MMSYNTAX_SCORE : MMSYNTAX_NONE;
    c.score = tp->has_emotion ? tp->score : 0; /* the task shows it otherwise */
    c.name = mermaid_name_if_changed(tp->name, MMSYNTAX_NAME);
    mmsyntax_write(b, "    ", &c);
    int number = tp->has_emotion ? tp->emotion + 3 : tp->score ? tp->score : 3;
    buf_puts(b, "    ");
    mmsyntax_escape(b, tp->name, MMSYNTAX_NAME);
    buf_printf(b, ": %d", number);
    if (tp->owner) {
        buf_puts(b, ": ");
        mmsyntax_escape(b, tp->owner->name, MMSYNTAX_ACTOR);
    }
    mermaid_export_more(b, tp, !tp->owner);
    buf_putc(b, '\n');
}

/* The journey's comment and one comment per owner, after the title. */
static void
mermaid_export_head(struct buf *b, const struct journey *j)
{
    struct mmsyntax_comment c = mermaid_comment(MMSYNTAX_JOURNEY, j->id);
    c.name = mermaid_name_if_changed(j->name, MMSYNTAX_TITLE);
    mmsyntax_write(b, "  ", &c);
    for (size_t i = 0; i < j->n_owners; i++) {
        c = mermaid_comment(MMSYNTAX_OWNER, j->owners[i]->id);
        c.trained = j->owners[i]->trained;
        c.name = j->owners[i]->name; /* always: how its tasks' actors are known */
        mmsyntax_write(b, "  ", &c);
    }
}

char *
mermaid_export(const struct journey *j, size_t *len)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "journey\n  title ");
    mmsyntax_escape(&b, j->name, MMSYNTAX_TITLE);
    buf_putc(&b, '\n');
    mermaid_export_head(&b, j);
    for (size_t s = 0; s < j->n_stages; s++) {
        const struct stage *st = j->stages[s];
        buf_puts(&b, "  section ");
        mmsyntax_escape(&b, st->name, MMSYNTAX_NAME);
        buf_putc(&b, '\n');
        struct mmsyntax_comment c = mermaid_comment(MMSYNTAX_STAGE, st->id);
        c.name = mermaid_name_if_changed(st->name, MMSYNTAX_NAME);
        mmsyntax_write(&b, "    ", &c);
        for (size_t k = 0; k < st->n_touchpoints; k++)
            mermaid_export_task(&b, st->touchpoints[k]);
    }
    *len = b.len;
    return buf_steal(&b);
}
