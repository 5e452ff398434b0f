/*
 * slug.h - readable ids from names, for imports: "Sign-up call" becomes
 * sign-up-call, accented Latin letters lose their accents ("Überweisung":
 * uberweisung), Cyrillic is transliterated, anything else separates
 * words; a name with nothing left becomes FALLBACK-N. A slug set makes ids unique in one id space:
 * a taken id gets the first free "-2", "-3", …, each id remembering the next suffix to try, so that
 * n names alike cost n look-ups, not n².
 *
 * Ownership: slug_make() returns malloc'd text the caller frees. A slug
 * set owns every id given to slug_unique(); slug_set_finish() frees them.
 */
#ifndef JOURNEYMAP_SLUG_H
#define JOURNEYMAP_SLUG_H

#include "core/util.h"

#include <stddef.h>

/* A valid id made from name (or fallback-N when nothing of the name
 * survives); not yet unique. Caller frees. */
char *slug_make(const char *name, const char *fallback, size_t n);

/* Ids taken in one space. Zero-initialise, or use SLUG_SET_INIT. */
struct slug_set {
    struct strindex taken; /* the ids, which the set owns */
    size_t *next;          /* by number: the next suffix to try after it */
    size_t cap_next;
};
#define SLUG_SET_INIT                                                                              \
    {                                                                                              \
        STRINDEX_INIT, NULL, 0                                                                     \
    }

/* id (malloc'd; the set takes it) made unique in the set: the id itself,
 * or it with the first free suffix. Valid until slug_set_finish(). */
const char *slug_unique(struct slug_set *s, char *id);
void slug_set_finish(struct slug_set *s);

#endif
