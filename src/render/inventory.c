/*
 * inventory.c - the touchpoint inventory as CSV (inventory.h).
 *
 * The quoting rule is RFC 4180's, four characters long; it is written
 * here rather than through libcsv, whose writer always quotes and which
 * lives in the reading stage (read/csvread.c).
 */
#include "render/inventory.h"

#include "check/timeline.h"
#include "core/date.h"
#include "core/number.h"
#include "core/util.h"
#include "read/inventory.h"

#include <stdlib.h>
#include <string.h>

/* One field: trimmed; quoted when it must be. */
static void
csv_field(struct buf *b, const char *s, bool first)
{
    if (!first)
        buf_putc(b, ',');
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\r', n) && !memchr(s, '\n', n)) {
        buf_append(b, s, n);
        return;
    }
    buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            buf_putc(b, '"');
        buf_putc(b, s[i]);
    }
    buf_putc(b, '"');
}

/* Each text on a line of its own, its own line breaks made spaces. */
static void
csv_lines(struct buf *cell, struct text *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *one = collapse_space(v[i]->markdown);
        if (*one)
            buf_printf(cell, "%s%s", cell->len ? "\n" : "", one);
        free(one);
    }
}

/* The rule ids of the findings about each touchpoint of j: slot k holds
 * ours at index k, then each competitor's after the ones before. */
struct csv_findings {
    struct buf *slot;
    size_t n;
    size_t *comp_base; /* by competitor position */
};

static int
csv_cmp_rule(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
csv_findings_init(struct csv_findings *f, const struct journey *j, const struct diag *d)
{
    f->comp_base = xmalloc((j->n_competitors + 1) * sizeof *f->comp_base);
    f->n = j->n_touchpoints;
    for (size_t c = 0; c < j->n_competitors; c++) {
        f->comp_base[c] = f->n;
        f->n += j->competitors[c]->n_touchpoints;
    }
    const char ***rules = xcalloc(f->n + 1, sizeof *rules);
    size_t *count = xcalloc(f->n + 1, sizeof *count), *cap = xcalloc(f->n + 1, sizeof *cap);
    struct id_index *ids = id_index_new(j);
    for (size_t i = 0; d && i < diag_count(d); i++) {
        const struct finding *x = diag_get(d, i);
        const void *obj = NULL;
        if (strcmp(diag_file(d, x), j->file) != 0 || !*x->subject)
            continue;
        enum id_kind kind = id_index_find(ids, x->subject, &obj);
        if (kind != ID_TOUCHPOINT && kind != ID_COMPETITOR_TOUCHPOINT)
            continue;
        const struct touchpoint *tp = obj;
        size_t k = tp->index;
        for (size_t c = 0; tp->competitor && c < j->n_competitors; c++)
            if (j->competitors[c] == tp->competitor)
                k = f->comp_base[c] + tp->index;
        xgrow((void **)&rules[k], &cap[k], count[k] + 1, sizeof *rules[k]);
        rules[k][count[k]++] = finding_rule(x);
    }
    id_index_free(ids);
    f->slot = xcalloc(f->n + 1, sizeof *f->slot);
    for (size_t k = 0; k < f->n; k++) {
        buf_init(&f->slot[k]);
        if (count[k])
            qsort(rules[k], count[k], sizeof *rules[k], csv_cmp_rule);
        for (size_t i = 0; i < count[k]; i++)
            buf_printf(&f->slot[k], "%s%s", i ? " " : "", rules[k][i]);
        free(rules[k]);
    }
    free(rules);
    free(count);
    free(cap);
}

static void
csv_findings_finish(struct csv_findings *f)
{
    for (size_t k = 0; k < f->n; k++)
        buf_finish(&f->slot[k]);
    free(f->slot);
    free(f->comp_base);
}

static const char *
csv_word(const char *const *names, int k)
{
    return names[k] ? names[k] : "";
}

/* The cells of one touchpoint's row, in the columns' order. */
static void
csv_row(struct buf *b, const struct journey *j, const struct touchpoint *tp, const char *findings)
{
    struct buf cell[INV_COLUMN_COUNT];
    for (size_t c = 0; c < INV_COLUMN_COUNT; c++)
        buf_init(&cell[c]);
    const struct stage *s = tp->stage;
    char date[11];
    buf_puts(&cell[INV_JOURNEY], j->id);
    buf_puts(&cell[INV_STAGE], s->id);
    buf_puts(&cell[INV_STAGE_NAME], s->name);
    buf_puts(&cell[INV_PHASE], csv_word(phase_names, s->phase));
    if (s->has_days)
        buf_printf(&cell[INV_STAGE_DAYS], "%u", s->days);
    buf_puts(&cell[INV_TOUCHPOINT], tp->id);
    buf_puts(&cell[INV_NAME], tp->name);
    if (tp->competitor)
        buf_puts(&cell[INV_COMPETITOR], tp->competitor->id);
    buf_puts(&cell[INV_CHANNEL], channel_names[tp->channel]);
    buf_puts(&cell[INV_INITIATOR], initiator_names[tp->initiator]);
    if (tp->owner) {
        buf_puts(&cell[INV_OWNER], tp->owner->id);
        buf_puts(&cell[INV_OWNER_NAME], tp->owner->name);
        buf_puts(&cell[INV_OWNER_TRAINED], csv_word(trained_names, tp->owner->trained));
    }
    buf_puts(&cell[INV_MODE], csv_word(mode_names, tp->mode));
    buf_puts(&cell[INV_PURPOSE], csv_word(purpose_names, tp->purpose));
    if (tp->has_day)
        buf_printf(&cell[INV_DAY], "%u", tp->day);
    if (tp->every)
        buf_printf(&cell[INV_EVERY], "%u", tp->every);
    if (tp->score)
        buf_printf(&cell[INV_SCORE], "%d", tp->score);
    if (tp->has_emotion)
        buf_printf(&cell[INV_EMOTION], "%d", tp->emotion);
    if (tp->about) {
        buf_puts(&cell[INV_ABOUT], tp->about->id);
        buf_puts(&cell[INV_CHANGE_NAME], tp->about->name);
        date_format(tp->about->date, date);
        buf_puts(&cell[INV_CHANGE_DATE], date);
    }
    for (size_t i = 0; i < tp->n_metrics; i++) {
        buf_printf(&cell[INV_METRICS], "%s%s=", i ? "; " : "", tp->metrics[i]->name);
        number_format(&cell[INV_METRICS], tp->metrics[i]->value);
    }
    csv_lines(&cell[INV_PLUSES], tp->pluses, tp->n_pluses);
    csv_lines(&cell[INV_MINUSES], tp->minuses, tp->n_minuses);
    if (tp->plan) {
        buf_puts(&cell[INV_PLAN], tp->plan->markdown);
        if (tp->plan->owner)
            buf_puts(&cell[INV_PLAN_OWNER], tp->plan->owner->id);
        if (tp->plan->has_due) {
            date_format(tp->plan->due, date);
            buf_puts(&cell[INV_PLAN_DUE], date);
        }
    }
    if (tp->note)
        buf_puts(&cell[INV_NOTE], tp->note->markdown);
    buf_puts(&cell[INV_FINDINGS], findings);
    for (size_t c = 0; c < INV_COLUMN_COUNT; c++) {
        csv_field(b, buf_str(&cell[c]), c == 0);
        buf_finish(&cell[c]);
    }
    buf_puts(b, "\r\n");
}

static void
csv_journey(struct buf *b, const struct journey *j, const struct diag *d)
{
    struct csv_findings f;
    csv_findings_init(&f, j, d);
    struct timeline t;
    timeline_init(&t, j);
    for (size_t i = 0; i < j->n_stages; i++) {
        const struct stage *s = j->stages[i];
        const struct touchpoint **order = timeline_order(&t, s->touchpoints, s->n_touchpoints);
        for (size_t k = 0; k < s->n_touchpoints; k++)
            csv_row(b, j, order[k], buf_str(&f.slot[order[k]->index]));
        free(order);
    }
    for (size_t c = 0; c < j->n_competitors; c++) {
        const struct competitor *comp = j->competitors[c];
        for (size_t k = 0; k < comp->n_touchpoints; k++)
            csv_row(b, j, comp->touchpoints[k], buf_str(&f.slot[f.comp_base[c] + k]));
    }
    timeline_finish(&t);
    csv_findings_finish(&f);
}

char *
inventory_csv(struct journey *const *js, size_t n, const struct diag *d, bool bom, size_t *len)
{
    struct buf b;
    buf_init(&b);
    if (bom)
        buf_puts(&b, "\xEF\xBB\xBF");
    for (size_t c = 0; c < INV_COLUMN_COUNT; c++)
        csv_field(&b, inventory_columns[c], c == 0);
    buf_puts(&b, "\r\n");
    for (size_t i = 0; i < n; i++)
        csv_journey(&b, js[i], d);
    *len = b.len;
    return buf_steal(&b);
}
