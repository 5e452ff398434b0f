/*
 * xmlout.c - the journey file writer (xmlout.h).
 */
#include "render/xmlout.h"

#include "core/date.h"
#include "core/number.h"
#include "core/util.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Append s as XML text: markup characters escaped; line breaks and tabs
 * kept (as character references in attributes); other control
 * characters, which XML cannot hold, and the two code points XML forbids
 * although they are UTF-8 (U+FFFE, U+FFFF) replaced. */
static void
xmlout_escaped(struct buf *b, const char *s, bool keep_newlines)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == 0xEF && (unsigned char)s[1] == 0xBF &&
            ((unsigned char)s[2] == 0xBE || (unsigned char)s[2] == 0xBF)) {
            buf_puts(b, "\xEF\xBF\xBD");
            s += 2;
        } else if (c == '\n' && keep_newlines) {
            buf_putc(b, '\n');
        } else if (c == '\n' || c == '\r' || c == '\t') {
            /* in an attribute, a reference keeps it (a literal one would
             * become a space when the file is read) */
            buf_printf(b, "&#%d;", c);
        } else {
            buf_html_n(b, s, 1);
        }
    }
}

static void
xmlout_attr(struct buf *b, const char *name, const char *value)
{
    buf_printf(b, " %s=\"", name);
    xmlout_escaped(b, value, false);
    buf_putc(b, '"');
}

static void
xmlout_number(struct buf *b, const char *name, long value)
{
    buf_printf(b, " %s=\"%ld\"", name, value);
}

/* <name>text</name> on a line of its own, indented. */
static void
xmlout_text(struct buf *b, int indent, const char *name, const char *text)
{
    buf_printf(b, "%*s<%s>", indent, "", name);
    xmlout_escaped(b, text, true);
    buf_printf(b, "</%s>\n", name);
}

static void
xmlout_comment(struct buf *b, const char *comment)
{
    buf_puts(b, "<!-- ");
    for (const char *c = comment; *c; c++) /* "--" cannot appear in a comment */
        buf_putc(b, *c == '-' && (c[1] == '-' || !c[1]) ? '_' : *c);
    buf_puts(b, " -->\n");
}

static void
xmlout_owners(struct buf *b, const struct journey *j)
{
    if (!j->n_owners)
        return;
    buf_puts(b, "  <owners>\n");
    for (size_t i = 0; i < j->n_owners; i++) {
        const struct owner *o = j->owners[i];
        buf_puts(b, "    <owner");
        xmlout_attr(b, "id", o->id);
        xmlout_attr(b, "name", o->name);
        if (o->trained != TRAINED_UNKNOWN)
            xmlout_attr(b, "trained", trained_names[o->trained]);
        buf_puts(b, "/>\n");
    }
    buf_puts(b, "  </owners>\n");
}

/* A touchpoint's attributes, in the order of format.md (a competitor's
 * with its stage after the id). */
static void
xmlout_touchpoint_attrs(struct buf *b, const struct touchpoint *tp)
{
    xmlout_attr(b, "id", tp->id);
    if (tp->competitor)
        xmlout_attr(b, "stage", tp->stage->id);
    xmlout_attr(b, "name", tp->name);
    xmlout_attr(b, "channel", channel_names[tp->channel]);
    xmlout_attr(b, "initiator", initiator_names[tp->initiator]);
    if (tp->owner)
        xmlout_attr(b, "owner", tp->owner->id);
    if (tp->mode != MODE_NONE)
        xmlout_attr(b, "mode", mode_names[tp->mode]);
    if (tp->purpose != PURPOSE_NONE)
        xmlout_attr(b, "purpose", purpose_names[tp->purpose]);
    if (tp->has_day)
        xmlout_number(b, "day", tp->day);
    if (tp->every)
        xmlout_number(b, "every", tp->every);
    if (tp->score)
        xmlout_number(b, "score", tp->score);
    if (tp->has_emotion)
        xmlout_number(b, "emotion", tp->emotion);
    if (tp->about)
        xmlout_attr(b, "about", tp->about->id);
}

/* The rest of an element whose attributes are written: empty, or its
 * Markdown text and end tag. */
static void
xmlout_body(struct buf *b, const char *name, const char *markdown)
{
    if (!*markdown) {
        buf_puts(b, "/>\n");
        return;
    }
    buf_putc(b, '>');
    xmlout_escaped(b, markdown, true);
    buf_printf(b, "</%s>\n", name);
}

static void
xmlout_date(struct buf *b, const char *name, day_number d)
{
    char text[11];
    date_format(d, text);
    xmlout_attr(b, name, text);
}

static void
xmlout_plan(struct buf *b, int indent, const struct plan *p)
{
    buf_printf(b, "%*s<plan", indent, "");
    if (p->owner)
        xmlout_attr(b, "owner", p->owner->id);
    if (p->has_due)
        xmlout_date(b, "due", p->due);
    xmlout_body(b, "plan", p->markdown);
}

/* A touchpoint, ours (in a stage, indent 4) or a competitor's (indent 4,
 * with its stage). */
static void
xmlout_touchpoint(struct buf *b, const struct touchpoint *tp)
{
    buf_puts(b, "    <touchpoint");
    xmlout_touchpoint_attrs(b, tp);
    if (!tp->note && !tp->n_pluses && !tp->n_minuses && !tp->n_metrics && !tp->plan) {
        buf_puts(b, "/>\n");
        return;
    }
    buf_puts(b, ">\n");
    if (tp->note)
        xmlout_text(b, 6, "note", tp->note->markdown);
    for (size_t i = 0; i < tp->n_pluses; i++)
        xmlout_text(b, 6, "plus", tp->pluses[i]->markdown);
    for (size_t i = 0; i < tp->n_minuses; i++)
        xmlout_text(b, 6, "minus", tp->minuses[i]->markdown);
    for (size_t i = 0; i < tp->n_metrics; i++) {
        buf_puts(b, "      <metric");
        xmlout_attr(b, "name", tp->metrics[i]->name);
        buf_puts(b, " value=\"");
        number_format(b, tp->metrics[i]->value);
        buf_puts(b, "\"/>\n");
    }
    if (tp->plan)
        xmlout_plan(b, 6, tp->plan);
    buf_puts(b, "    </touchpoint>\n");
}

static void
xmlout_changes(struct buf *b, const struct journey *j)
{
    for (size_t i = 0; i < j->n_changes; i++) {
        const struct change *c = j->changes[i];
        buf_puts(b, "  <change");
        xmlout_attr(b, "id", c->id);
        xmlout_attr(b, "name", c->name);
        xmlout_date(b, "date", c->date);
        if (c->n_affects) {
            struct buf ids;
            buf_init(&ids);
            for (size_t k = 0; k < c->n_affects; k++)
                buf_printf(&ids, "%s%s", k ? " " : "", c->affects[k]->id);
            xmlout_attr(b, "affects", buf_str(&ids));
            buf_finish(&ids);
        }
        xmlout_body(b, "change", c->markdown);
    }
}

static void
xmlout_competitor(struct buf *b, const struct competitor *c)
{
    buf_puts(b, "  <competitor");
    xmlout_attr(b, "id", c->id);
    xmlout_attr(b, "name", c->name);
    if (!c->n_ratings && !c->n_touchpoints) {
        buf_puts(b, "/>\n");
        return;
    }
    buf_puts(b, ">\n");
    for (size_t i = 0; i < c->n_ratings; i++) {
        const struct rating *r = c->ratings[i];
        buf_puts(b, "    <rating");
        xmlout_attr(b, "touchpoint", r->touchpoint->id);
        xmlout_number(b, "score", r->score);
        xmlout_body(b, "rating", r->markdown);
    }
    for (size_t i = 0; i < c->n_touchpoints; i++)
        xmlout_touchpoint(b, c->touchpoints[i]);
    buf_puts(b, "  </competitor>\n");
}

static void
xmlout_stage(struct buf *b, const struct stage *s)
{
    buf_puts(b, "  <stage");
    xmlout_attr(b, "id", s->id);
    xmlout_attr(b, "name", s->name);
    if (s->phase != PHASE_NONE)
        xmlout_attr(b, "phase", phase_names[s->phase]);
    if (s->has_days)
        xmlout_number(b, "days", s->days);
    if (!s->n_touchpoints && !s->description) {
        buf_puts(b, "/>\n");
        return;
    }
    buf_puts(b, ">\n");
    if (s->description)
        xmlout_text(b, 4, "description", s->description);
    for (size_t k = 0; k < s->n_touchpoints; k++)
        xmlout_touchpoint(b, s->touchpoints[k]);
    buf_puts(b, "  </stage>\n");
}

char *
xmlout_journey(const struct journey *j, const char *comment, size_t *len)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if (comment)
        xmlout_comment(&b, comment);
    buf_puts(&b, "<journey version=\"1\"");
    xmlout_attr(&b, "id", j->id);
    xmlout_attr(&b, "name", j->name);
    buf_puts(&b, ">\n");
    if (j->description)
        xmlout_text(&b, 2, "description", j->description);
    xmlout_owners(&b, j);
    xmlout_changes(&b, j);
    for (size_t i = 0; i < j->n_stages; i++)
        xmlout_stage(&b, j->stages[i]);
    for (size_t i = 0; i < j->n_competitors; i++)
        xmlout_competitor(&b, j->competitors[i]);
    buf_puts(&b, "</journey>\n");
    *len = b.len;
    return buf_steal(&b);
}
