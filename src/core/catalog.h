/*
 * catalog.h - the rule catalogue: every rule id journeymap can report.
 *
 * The ids and default severities are the contract of rules.md. Loader
 * rules (category RULE_ERROR) are reported by the loader (read/) and the
 * workspace (duplicate-journey); the others by the rules (check/rules.c).
 *
 * Ownership: static data only; nothing to free.
 */
#ifndef JOURNEYMAP_CATALOG_H
#define JOURNEYMAP_CATALOG_H

#include "core/model.h"

enum rule_category {
    RULE_ERROR, /* the file cannot be used */
    RULE_GAP,   /* something the journey lacks */
    RULE_WEAK,  /* a touchpoint that hurts the journey */
    RULE_NOTE,  /* worth knowing */
    RULE_EVIDENCE, /* the contact log against the map (evidence.md) */
    RULE_CATEGORY_COUNT
};

/* "error", "gap", "weak-spot", "note", "evidence": as docs/rules.md groups them. */
extern const char *const rule_category_names[RULE_CATEGORY_COUNT];

struct rule_info {
    const char *id;
    enum rule_category category;
    enum severity severity; /* default; weak spots drop to note with a plan not overdue */
    const char *summary;    /* one line: what the rule finds */
    const char *help;       /* why it matters and how to fix it (SARIF help, --help) */
};

/* An upper bound of catalog_len, for arrays indexed by rule. */
enum { CATALOG_MAX = 64 };

extern const struct rule_info catalog[];
extern const size_t catalog_len;

/* The rule with this id, or NULL. */
const struct rule_info *catalog_find(const char *id);

#endif
