/*
 * model.h - the journey model: plain data for one customer segment's journey.
 *
 * Ownership: a struct journey owns everything reachable from it through one
 * arena; journey_free() releases it all, and nothing in it is freed on its
 * own. Strings are UTF-8 copies made by the loader; no libxml2 object
 * outlives the loader.
 *
 * The loader (load.h) fills the model and resolves every reference to a
 * pointer, so rules and emitters never look anything up by id. Arrays keep
 * document order. Everything a rule can blame carries a struct loc.
 * See docs/format.md for what each field means to users.
 */
#ifndef JOURNEYMAP_MODEL_H
#define JOURNEYMAP_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

/* Where an element starts in its file: the line. The file is the
 * journey's (struct journey's `file`): a journey is read from one file,
 * so its elements do not each carry the path. */
struct loc {
    unsigned line; /* 1-based line of the element's start tag */
};

/* A calendar date as days since 1970-01-01 (see date.h). */
typedef int32_t day_number;

enum channel {
    CHANNEL_WEB,
    CHANNEL_APP,
    CHANNEL_EMAIL,
    CHANNEL_PHONE,
    CHANNEL_CHAT,
    CHANNEL_SMS,
    CHANNEL_SOCIAL,
    CHANNEL_STORE,
    CHANNEL_VISIT,
    CHANNEL_MEETING,
    CHANNEL_MAIL,
    CHANNEL_EVENT,
    CHANNEL_VIDEO,
    CHANNEL_GIFT,
    CHANNEL_OTHER,
    CHANNEL_COUNT
};

enum initiator {
    INITIATOR_COMPANY,  /* proactive: we reach out */
    INITIATOR_CUSTOMER, /* reactive: the customer comes to us */
    INITIATOR_COUNT
};

enum phase {
    PHASE_NONE, /* attribute absent */
    PHASE_AWARENESS,
    PHASE_CONSIDERATION,
    PHASE_PURCHASE,
    PHASE_ONBOARDING,
    PHASE_DELIVERY,
    PHASE_RETENTION,
    PHASE_ADVOCACY,
    PHASE_COUNT
};

enum mode {
    MODE_NONE, /* attribute absent */
    MODE_PERSONAL,
    MODE_AUTOMATED,
    MODE_COUNT
};

enum purpose {
    PURPOSE_NONE, /* attribute absent */
    PURPOSE_INFORM,
    PURPOSE_SELL,
    PURPOSE_ONBOARD,
    PURPOSE_DELIVER,
    PURPOSE_SUPPORT,
    PURPOSE_FEEDBACK,
    PURPOSE_THANK,
    PURPOSE_FOLLOW_UP,
    PURPOSE_OTHER,
    PURPOSE_COUNT
};

enum trained {
    TRAINED_UNKNOWN, /* attribute absent */
    TRAINED_YES,
    TRAINED_NO,
    TRAINED_COUNT
};

enum severity {
    SEVERITY_OFF, /* only in policy overrides: the rule is switched off */
    SEVERITY_NOTE,
    SEVERITY_WARNING,
    SEVERITY_ERROR,
    SEVERITY_COUNT
};

/* Known metric names; user metrics start with "x-" (METRIC_USER). */
enum metric_kind {
    METRIC_NPS,            /* -100..100 */
    METRIC_CSAT,           /* 0..100, percent satisfied */
    METRIC_CES,            /* 1..7 */
    METRIC_WAIT_SECONDS,   /* >= 0 */
    METRIC_DROP_OFF,       /* 0..1, share who abandon here */
    METRIC_RESPONSE_HOURS, /* >= 0 */
    METRIC_RESOLUTION,     /* 0..1 */
    METRIC_USER,           /* "x-…": kept and shown, never checked */
    METRIC_KIND_COUNT
};

/* A piece of Markdown written by the user (plus, minus, …). */
struct text {
    struct loc loc;
    const char *markdown; /* dedented CommonMark source, never NULL */
};

struct owner {
    struct loc loc;
    enum trained trained; /* customer-relationship training */
    const char *id;
    const char *name;
};

struct stage;

struct change {
    struct loc loc;
    const char *id;
    const char *name;
    size_t index;           /* position among the journey's changes */
    day_number date;        /* when customers feel it */
    struct stage **affects; /* stages named in `affects`, in attribute order */
    size_t n_affects;
    const char *markdown; /* text content; "" when none */
};

struct metric {
    struct loc loc;
    enum metric_kind kind;
    const char *name; /* as written, e.g. "csat" or "x-visits" */
    double value;
};

struct plan {
    struct loc loc;
    bool has_due;
    day_number due;
    struct owner *owner;  /* NULL when absent */
    const char *markdown; /* what will be done; "" when empty */
};

struct touchpoint;

struct next {
    struct loc loc;
    bool has_share;
    struct touchpoint *to; /* always one of our touchpoints */
    double share;          /* 0..1 when has_share */
};

struct competitor;

/*
 * A touchpoint: ours (inside a <stage>, competitor == NULL) or a
 * competitor's (inside a <competitor>, naming one of our stages).
 */
struct touchpoint {
    struct loc loc;
    /* The enums and the small numbers in a byte each (136 bytes a
     * touchpoint, not 160). */
    uint8_t channel;   /* an enum channel */
    uint8_t initiator; /* an enum initiator */
    uint8_t mode;      /* an enum mode */
    uint8_t purpose;   /* an enum purpose */
    int8_t score;      /* 1..5; 0 = unscored */
    int8_t emotion;    /* -2..2 when has_emotion */
    bool has_day;      /* day was written */
    bool has_emotion;
    unsigned day;   /* days after the stage starts (default 0) */
    unsigned every; /* repeat interval in days; 0 = once */
    /* Counts in 32 bits (a file holds at most LOAD_MAX_TOUCHPOINTS, and
     * every list below is bounded by its size): 16 bytes a touchpoint. */
    uint32_t index; /* position among ours (or among this competitor's) */
    uint32_t n_pluses;
    uint32_t n_minuses;
    uint32_t n_metrics;
    uint32_t n_nexts;
    const char *id;
    const char *name;
    struct owner *owner;           /* NULL when absent */
    struct change *about;          /* the change this contact announces, or NULL */
    struct stage *stage;           /* our stage it belongs to (for a competitor's: its `stage`) */
    struct competitor *competitor; /* NULL for ours */
    const struct text *note;       /* NULL when absent */
    struct text **pluses;          /* n_pluses of them; NULL when texts_skipped */
    struct text **minuses;         /* n_minuses; NULL when texts_skipped */
    struct metric **metrics;       /* n_metrics */
    struct plan *plan; /* NULL when absent (always NULL for a competitor's) */
    struct next **nexts; /* n_nexts */
};

struct stage {
    struct loc loc;
    const char *id;
    const char *name;
    enum phase phase;
    bool has_days;
    unsigned days;                   /* expected length when has_days */
    size_t index;                    /* position in the journey, 0-based */
    const char *description;         /* Markdown, NULL when absent */
    struct touchpoint **touchpoints; /* ours, document order (loaded: a slice of the journey's) */
    size_t n_touchpoints;
};

struct rating {
    struct loc loc;
    int score;                     /* 1..5 */
    struct touchpoint *touchpoint; /* one of ours */
    const char *markdown;          /* "" when no text */
};

struct competitor {
    struct loc loc;
    const char *id;
    const char *name;
    struct rating **ratings;
    size_t n_ratings;
    struct touchpoint **touchpoints; /* theirs, document order */
    size_t n_touchpoints;
};

/* <policy><rule id severity/>: a per-file severity override. */
struct rule_override {
    struct loc loc;
    const char *rule; /* a rule id from the catalogue (rules.h) */
    enum severity severity;
};

/* Thresholds; the loader fills in the documented defaults. */
/* The thresholds of <policy>, in the order of format.md's table. */
enum policy_field {
    POLICY_MAX_SILENCE_DAYS,
    POLICY_FIRST_CONTACT_DAYS,
    POLICY_MAX_REACTIVE_SHARE,
    POLICY_MIN_SCORE,
    POLICY_MAX_WAIT_SECONDS,
    POLICY_MAX_DROP_OFF,
    POLICY_REVIEW_DAYS,
    POLICY_MIN_REACH,            /* the evidence rules' (evidence.md) */
    POLICY_LATE_DAYS,
    POLICY_MAX_SILENT_SHARE,
    POLICY_MAX_UNPLANNED_SHARE,
    POLICY_STOP_DAYS,
    POLICY_MIN_CUSTOMERS,
    POLICY_FIELD_COUNT
};

struct policy {
    struct loc loc;              /* of <policy>, or the journey's when absent */
    unsigned max_silence_days;   /* contact-gap */
    unsigned first_contact_days; /* slow-first-contact */
    double max_reactive_share;   /* reactive-heavy */
    int min_score;               /* low-score */
    double max_wait_seconds;     /* long-wait */
    double max_drop_off;         /* high-drop-off */
    unsigned review_days;        /* stale-review */
    double min_reach;            /* missed-touchpoint */
    unsigned late_days;          /* late-touchpoint; eligibility for reach */
    double max_silent_share;     /* actual-contact-gap */
    double max_unplanned_share;  /* unplanned-contact */
    unsigned stop_days;          /* actual-drop-off; when a customer has stopped */
    unsigned min_customers;      /* every evidence rule */
    unsigned written;            /* which of the above the file wrote: 1 << enum policy_field */
    struct rule_override **overrides;
    size_t n_overrides;
};

struct review {
    struct loc loc;
    day_number date;
    const char *by; /* NULL when absent */
};

struct journey {
    struct arena *arena; /* owns everything below */
    struct loc loc;      /* of <journey> */
    const char *file;    /* path as given */
    const char *id;
    const char *name;
    const char *description; /* Markdown, NULL when absent */
    struct review *review;   /* NULL when absent */
    struct policy policy;
    struct owner **owners;
    size_t n_owners;
    struct change **changes;
    size_t n_changes;
    struct stage **stages; /* journey order */
    size_t n_stages;
    struct touchpoint **touchpoints; /* all of ours, document order */
    size_t n_touchpoints;
    struct competitor **competitors;
    size_t n_competitors;
    bool uses_next;     /* some touchpoint has a <next> */
    bool texts_skipped; /* loaded without its Markdown texts (LOAD_SKIP_TEXTS): all "",
                         * and pluses and minuses only counted */
};

/* Free a journey and everything in it; NULL is a no-op. */
void journey_free(struct journey *j);

/*
 * Vocabularies: the spelling used in files, indexed by the enum. The
 * *_NONE / *_UNKNOWN entries are NULL (they cannot be written).
 */
extern const char *const channel_names[CHANNEL_COUNT];
extern const char *const initiator_names[INITIATOR_COUNT];
extern const char *const phase_names[PHASE_COUNT];
extern const char *const mode_names[MODE_COUNT];
extern const char *const purpose_names[PURPOSE_COUNT];
extern const char *const trained_names[TRAINED_COUNT];
extern const char *const severity_names[SEVERITY_COUNT];
extern const char *const metric_names[METRIC_KIND_COUNT];

/* What each metric measures: the values it may have (format.md). */
struct metric_range {
    double min, max;
};
extern const struct metric_range metric_ranges[METRIC_KIND_COUNT];

/* Whether s is an id (format.md): a letter, then letters, digits, '-',
 * '_' or '.', at most 64 characters in all. */
bool model_is_id(const char *s);

/* Index of s in names[0..count), or -1 when absent (exact, case-sensitive). */
int vocab_find(const char *const *names, size_t count, const char *s);
/* The same without regard to ASCII case ("Email", "YES"): spreadsheets and
 * logs write vocabulary as people type it. */
int vocab_find_nocase(const char *const *names, size_t count, const char *s);

/*
 * Finding a journey's things by id (a finding's subject is an id): built
 * once, O(log n) per lookup. Caller frees with id_index_free().
 */
enum id_kind {
    ID_NONE,
    ID_JOURNEY,
    ID_STAGE,
    ID_TOUCHPOINT,            /* one of ours */
    ID_COMPETITOR_TOUCHPOINT, /* a competitor's */
    ID_CHANGE,
    ID_OWNER,
    ID_COMPETITOR,
};
struct id_index;
struct id_index *id_index_new(const struct journey *j);
void id_index_free(struct id_index *x);
/* What id names in the journey (and the object itself through *obj). */
enum id_kind id_index_find(const struct id_index *x, const char *id, const void **obj);

/* Policy defaults of format.md. */
void policy_defaults(struct policy *p);

/* The attributes of <policy>, by enum policy_field: each one's name and
 * where its value is in struct policy (a whole number, unsigned or int,
 * or a double). */
enum policy_type { POLICY_UNSIGNED, POLICY_INT, POLICY_DOUBLE };
struct policy_attr {
    const char *name;
    enum policy_type type;
    size_t offset;
};
extern const struct policy_attr policy_attrs[POLICY_FIELD_COUNT];

#endif
