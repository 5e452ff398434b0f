/*
 * message.h - a printf-style message kept as data: its format (a string
 * literal, never copied) and its arguments, each formatted once when the
 * message is made; the whole text is put together only when it is read.
 *
 * A finding's message is mostly the rule's own words ("has more minuses
 * (%d) than pluses (%d) — work on the minuses"), the same for every
 * finding of that rule: kept this way, a journey's hundreds of thousands
 * of findings hold only their names and numbers.
 *
 * Every conversion of printf is understood (flags, width and precision,
 * '*' included, and the length modifiers); %n is not, and is kept as
 * text. One is read differently: "%-s" (the '-' flag alone, which printf
 * would ignore) is a name that outlives the message, the model's own:
 * only the pointer is kept, and the message shows it quoted (buf_quote(),
 * at most MESSAGE_QUOTE_MAX characters), where "%s" of the quoted copy
 * would have. The rules' findings name touchpoints and stages this way:
 * hundreds of thousands of findings keep a pointer each instead of a copy.
 * Ownership: the caller's buffers; no allocation of its own.
 */
#ifndef JOURNEYMAP_MESSAGE_H
#define JOURNEYMAP_MESSAGE_H

#include "core/util.h"

#include <stdarg.h>

/* The longest name "%-s" shows, in characters (then "…"). */
#define MESSAGE_QUOTE_MAX 80

/* Append to args each argument of fmt formatted as fmt says, one after
 * another, each followed by a NUL. */
void message_keep(struct buf *args, const char *fmt, va_list ap);

/* Append the message to out: fmt's text with the arguments kept by
 * message_keep() in their places. */
void message_put(struct buf *out, const char *fmt, const char *args);

#endif
