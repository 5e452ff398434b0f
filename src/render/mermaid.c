/*
 * mermaid.c - the Mermaid writer: a journey as a Mermaid `journey` diagram
 * (render/mermaid.h).
 */
#include "render/mermaid.h"

#include "core/util.h"
#include "read/mermaid.h"

#include <stdlib.h>
#include <string.h>

/* What a piece of Mermaid text is: Mermaid's grammar allows ':' in a
 * title but not in a section or task name, and ',' separates actors. */
enum mm_text { MM_TITLE, MM_NAME, MM_ACTOR };

/* Text for a Mermaid line: characters that would end it (':' where not
 * allowed, '#', ';', ',' between actors) become their full-width forms,
 * which read the same; line breaks become spaces. Applying it twice
 * changes nothing, so round trips are stable. */
static void
mermaid_export_text(struct buf *b, const char *s, enum mm_text kind)
{
    for (; *s; s++) {
        switch (*s) {
        case ':':
            if (kind == MM_TITLE)
                buf_putc(b, ':');
            else
                buf_puts(b, "\xEF\xBC\x9A"); /* U+FF1A */
            break;
        case '#':
            buf_puts(b, "\xEF\xBC\x83"); /* U+FF03 */
            break;
        case ';':
            buf_puts(b, "\xEF\xBC\x9B"); /* U+FF1B */
            break;
        case ',':
            if (kind == MM_ACTOR)
                buf_puts(b, "\xEF\xBC\x8C"); /* U+FF0C */
            else
                buf_putc(b, ',');
            break;
        case '\n':
        case '\r':
        case '\t':
            buf_putc(b, ' ');
            break;
        default:
            buf_putc(b, *s);
        }
    }
}

/* ": Owner, further, actors": the owner, then the actors an import kept in the note. */
static void
mermaid_export_actors(struct buf *b, const struct touchpoint *tp)
{
    buf_puts(b, ": ");
    mermaid_export_text(b, tp->owner->name, MM_ACTOR);
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
            buf_puts(b, ", ");
            mermaid_export_text(b, a, MM_ACTOR);
        }
    }
    free(list);
}

char *
mermaid_export(const struct journey *j, size_t *len)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "journey\n  title ");
    mermaid_export_text(&b, j->name, MM_TITLE);
    buf_putc(&b, '\n');
    for (size_t s = 0; s < j->n_stages; s++) {
        const struct stage *st = j->stages[s];
        buf_puts(&b, "  section ");
        mermaid_export_text(&b, st->name, MM_NAME);
        buf_putc(&b, '\n');
        for (size_t k = 0; k < st->n_touchpoints; k++) {
            const struct touchpoint *tp = st->touchpoints[k];
            int score = tp->has_emotion ? tp->emotion + 3 : tp->score ? tp->score : 3;
            buf_puts(&b, "    ");
            mermaid_export_text(&b, tp->name, MM_NAME);
            buf_printf(&b, ": %d", score);
            if (tp->owner)
                mermaid_export_actors(&b, tp);
            buf_putc(&b, '\n');
        }
    }
    *len = b.len;
    return buf_steal(&b);
}
