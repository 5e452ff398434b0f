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
#include <stdint.h>

/* The longest name "%-s" shows, in characters (then "…"). */
#define MESSAGE_QUOTE_MAX 80

/* The texts of the last numbers formatted with "%g", by their bits: the
 * findings of one rule repeat its limit and, mostly, a few values, and
 * printf's conversion of a double is the slowest part of keeping them. */
#define MESSAGE_MEMO 64
struct message_memo {
    uint64_t bits[MESSAGE_MEMO];
    char text[MESSAGE_MEMO][24]; /* "" when the slot is unused */
};

/* Append to args each argument of fmt formatted as fmt says, one after
 * another, each followed by a NUL. memo (zeroed before its first use, or
 * NULL) remembers "%g" texts from one call to the next. */
void message_keep(struct buf *args, struct message_memo *memo, const char *fmt, va_list ap);

/* Append the message to out: fmt's text with the arguments kept by
 * message_keep() in their places. */
void message_put(struct buf *out, const char *fmt, const char *args);

#endif
