/*
 * xmlout.h - a journey model written as a journey file (docs/format.md),
 * for the importers: what `journeymap import` writes is this file.
 *
 * Written: the journey, its description, owners, changes, stages (phase,
 * days, description), our touchpoints with every attribute the model
 * holds, their note, pluses, minuses, metrics and plan; competitors with
 * their ratings and touchpoints. Not written: review, policy, next (no
 * importer makes them). Two spaces per level, attributes in the order of
 * format.md, elements without children written empty. Every value is
 * escaped for XML (markup characters as entities, the two code points XML
 * forbids replaced), so no user text can change the file's structure.
 *
 * Ownership: the returned text is malloc'd; the caller frees it.
 */
#ifndef JOURNEYMAP_XMLOUT_H
#define JOURNEYMAP_XMLOUT_H

#include "core/model.h"

#include <stddef.h>

/*
 * Journey j as XML, after an XML declaration and a comment holding
 * comment (NULL for none; "--" in it is written "_-", which a comment
 * cannot hold). *len is the length.
 */
char *xmlout_journey(const struct journey *j, const char *comment, size_t *len);

#endif
