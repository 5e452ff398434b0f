/*
 * commands.c - the catalogue of commands: for each, its name and help,
 * the shared options it takes, its own options (a table in its file), how
 * many operands it wants, and its own checks. Every command's help is in
 * one place, so that they read alike; the man page (docs/journeymap.1)
 * follows them.
 */
#include "cli/cli.h"

#include "render/diagram.h"

const struct cli_spec cli_check = {
    .name = "check",
    .usage = "Usage: journeymap check [OPTION]... FILE|DIR...\n"
             "Check customer journey files for errors, gaps and weak spots.\n"
             "A DIR means every *.xml file in it, in name order.\n",
    .options = "  --format FORMAT    human (default: FILE:LINE: SEVERITY: MESSAGE [RULE]),\n"
               "                     json (an array of {file, line, severity, rule,\n"
               "                     subject, message}) or sarif (SARIF 2.1.0, for\n"
               "                     code-scanning dashboards)\n",
    .notes = "Exit status: 0 no finding at the failing level; 1 findings at or above it,\n"
             "or a file that cannot be used; 2 usage error or unreadable file.\n"
             "Findings are written to standard output, a summary to standard error.\n"
             "Rules: docs/rules.md; file format: docs/format.md.\n",
    .takes = CLI_TODAY | CLI_FAIL_ON,
    .flags = check_flags,
    .operands = {1, (size_t)-1, "name at least one journey file or folder"},
};

const struct cli_spec cli_diagram = {
    .name = "diagram",
    .usage = "Usage: journeymap diagram [OPTION]... FILE\n"
             "  or:  journeymap diagram --view curve [OPTION]... FILE...\n"
             "Draw a customer journey: stages left to right, one box per touchpoint,\n"
             "coloured by score, with weak spots, empty stages and contact gaps marked.\n"
             "With --view lanes, draw the classic journey-map poster instead: stages as\n"
             "columns, one column per touchpoint, and lanes underneath for the cards,\n"
             "the feeling curve, what works, pain points, plans, gaps and findings.\n"
             "With --view curve, draw how customers feel: one point per touchpoint at\n"
             "its day (x) and emotion (y), joined in time order; several files overlay\n"
             "their segments' curves in distinct colours.\n",
    .options = "  --view VIEW        map (default), lanes or curve\n"
               "  -T FORMAT          dot, svg, png or pdf (default: from -o's extension,\n"
               "                     else svg); dot is the graph before layout\n"
               "  --page SIZE        fit the picture to a page: A4, A3, A2, A1, A0, letter,\n"
               "                     tabloid (landscape), or screen (1920 x 1080 px); a\n"
               "                     PDF is then exactly that size; warns when text would\n"
               "                     fall under 6 pt (16 px on screen)\n"
               "  --portrait         the page upright\n"
               "  --competitor ID    show that competitor's ratings beside our scores and\n"
               "                     its own touchpoints as grey ghost boxes (map, lanes)\n",
    .notes = "A file with errors is refused: its errors go to standard error, exit 1;\n"
             "with --fail-on, the diagram is still written when the findings reach\n"
             "LEVEL, and the exit status is 1. How to read the picture: docs/diagram.md.\n",
    .takes = CLI_TODAY | CLI_FAIL_ON | CLI_OUTPUT | CLI_FORMAT,
    .formats = diagram_format_names,
    .flags = diagram_flags,
    .validate = diagram_validate,
    .operands = {1, (size_t)-1, "name one or more journey files"},
};

const struct cli_spec cli_checklist = {
    .name = "checklist",
    .usage = "Usage: journeymap checklist [OPTION]... FILE\n"
             "Write the review checklist of a customer journey: a Markdown document\n"
             "(GitHub flavour: task items and tables) with one section per stage and\n"
             "one per touchpoint, where every finding of `check` is a task item.\n",
    .options = "  -T FORMAT          md (Markdown, default) or html (a standalone, printable\n"
               "                     page); default: from -o's extension, else md\n"
               "  --html             the same as -T html\n",
    .notes = "A file with errors is refused: its errors go to standard error, exit 1;\n"
             "with --fail-on, the checklist is still written when the findings reach\n"
             "LEVEL, and the exit status is 1. See docs/checklist.md.\n",
    .takes = CLI_TODAY | CLI_FAIL_ON | CLI_OUTPUT | CLI_FORMAT,
    .formats = checklist_formats,
    .flags = checklist_flags,
    .operands = {1, 1, "name exactly one journey file"},
};

const struct cli_spec cli_agenda = {
    .name = "agenda",
    .usage = "Usage: journeymap agenda [OPTION]... FILE|DIR...\n"
             "Write one short agenda to run a workshop from, across the segments given:\n"
             "overdue plans (longest overdue first); the weak spots most in need of\n"
             "work (no plan, or an overdue one); gaps (contact gaps longest first,\n"
             "empty stages, missing follow-up and feedback, unannounced changes,\n"
             "first contacts); where competitors lead. Every item is a task item with\n"
             "its rule ids in brackets, naming its segment, stage and owner.\n",
    .options = "  -T FORMAT          md (Markdown, default) or html (a standalone, printable\n"
               "                     page); default: from -o's extension, else md\n"
               "  --html             the same as -T html\n"
               "  --top N            list at most N weak spots (default 10)\n"
               "  --by owner         group the overdue plans, weak spots and gaps under\n"
               "                     one heading per owner (\"No owner\" last)\n",
    .notes = "Files with errors are reported on standard error and left out (exit 1).\n"
             "How items are ranked: docs/agenda.md.\n",
    .takes = CLI_TODAY | CLI_FAIL_ON | CLI_OUTPUT | CLI_FORMAT,
    .formats = agenda_formats,
    .flags = agenda_flags,
    .validate = agenda_validate,
    .operands = {1, (size_t)-1, "name at least one journey file or folder"},
};

const struct cli_spec cli_compare = {
    .name = "compare",
    .usage = "Usage: journeymap compare [OPTION]... FILE|DIR...\n"
             "Compare our touchpoints with competitors': per journey, a table of our\n"
             "touchpoints by stage with our score and each competitor's rating, the\n"
             "things only they do, and per-stage averages (a competitor's beside ours\n"
             "over the same touchpoints, those we scored and it rated); across\n"
             "journeys, how many touchpoints each competitor leads, trails, ties and\n"
             "has alone.\n",
    .options = "  -T FORMAT          md (Markdown, default) or svg (a heat map)\n"
               "  --page SIZE        fit the heat map to a page: A4, A3, A2, A1, A0, letter,\n"
               "                     tabloid (landscape) or screen (1920 x 1080 px)\n"
               "  --portrait         the page upright\n",
    .notes = "Files with errors are reported on standard error and left out (exit 1).\n",
    .takes = CLI_TODAY | CLI_FAIL_ON | CLI_OUTPUT | CLI_FORMAT,
    .formats = compare_formats,
    .flags = compare_flags,
    .validate = compare_validate,
    .operands = {1, (size_t)-1, "name at least one journey file or folder"},
};

const struct cli_spec cli_coverage = {
    .name = "coverage",
    .usage = "Usage: journeymap coverage [OPTION]... FILE|DIR...\n"
             "Say where we meet customers: a matrix of the phases (rows) by the channels\n"
             "our touchpoints use (columns), each cell how many of our touchpoints are\n"
             "there, proactive / reactive, e.g. 3 (2 / 1); one matrix for all segments\n"
             "together, then one per segment. Marked: a phase that stages have but no\n"
             "touchpoint of ours reaches, and one reached only when the customer comes\n"
             "to us.\n",
    .options = "  -T FORMAT          md (Markdown, default), svg (a heat map) or dot (its\n"
               "                     graph before layout); default: from -o's extension\n",
    .notes = "Files with errors are reported on standard error and left out (exit 1).\n"
             "See docs/inventory.md.\n",
    .takes = CLI_TODAY | CLI_FAIL_ON | CLI_OUTPUT | CLI_FORMAT,
    .formats = coverage_formats,
    .operands = {1, (size_t)-1, "name at least one journey file or folder"},
};

const struct cli_spec cli_evidence = {
    .name = "evidence",
    .usage = "Usage: journeymap evidence [OPTION]... MODEL LOG...\n"
             "Check the map against reality: read contact logs (CSV from a CRM, help desk or\n"
             "mailing tool: customer, date, and touchpoint, initiator, channel, score,\n"
             "segment) and say, per touchpoint, how many of the customers it was due for\n"
             "got it and how late; per journey, who really starts the contacts (overall\n"
             "and the last 30 days), how many customers go longer than the policy's\n"
             "silence, where they stop, and the contacts the map does not show. Each\n"
             "customer is placed on the plan stage by stage, from when they entered it.\n",
    .options = "  -T FORMAT          md (a report for the workshop, default), json (the\n"
               "                     contract of docs/evidence.md) or svg (the map, each card\n"
               "                     with its reach and median delay, missed or late ones red)\n"
               "  --from DATE        the log's first day (default: its earliest date)\n"
               "  --as-of DATE       the day the log is judged on (default: its latest date);\n"
               "                     rows after it are left out\n",
    .notes = "Findings: the evidence rules (missed-touchpoint, late-touchpoint, score-drift,\n"
             "actual-contact-gap, actual-reactive-heavy, actual-drop-off, unplanned-contact)\n"
             "and the log's problems (log-syntax and log-value, errors at LOGFILE:LINE;\n"
             "log-reference). A log with errors gives no report, its errors printed, exit 1.\n"
             "Exit status as for check. See docs/evidence.md.\n",
    .takes = CLI_FAIL_ON | CLI_OUTPUT | CLI_FORMAT,
    .formats = evidence_formats,
    .flags = evidence_flags,
    .validate = evidence_validate,
    .operands = {2, (size_t)-1, "name the journey file, then one or more contact logs"},
};

const struct cli_spec cli_diff = {
    .name = "diff",
    .usage = "Usage: journeymap diff [OPTION]... OLD NEW\n"
             "  or:  journeymap diff --rev REV [OPTION]... FILE|DIR...\n"
             "Say what changed between two versions of a journey (two files) or of a\n"
             "set of journeys (two folders, journeys matched by id): stages, touchpoints,\n"
             "owners, changes, competitors, ratings, metrics, pluses and minuses, plans\n"
             "and next steps, matched by id, never by position; and the findings of\n"
             "`check` resolved and new. Re-indenting, reordering attributes or\n"
             "touchpoints within a stage, and 4 against 4.0 are not changes.\n",
    .options = "  -T FORMAT          md (a report for people and pull requests, default) or\n"
               "                     json (the contract of docs/diff.md), svg (the new\n"
               "                     map with the changes drawn; one journey) or dot\n"
               "                     (that map's graph before layout)\n"
               "  --rev REV          the old side is each FILE or DIR as of the git revision\n"
               "                     REV (HEAD~1, a tag, a commit), read from the repository\n"
               "                     that holds it; the new side is the file as it is now\n",
    .notes = "Exit status as diff(1): 0 no differences, 1 differences, 2 trouble (a file\n"
             "that cannot be read, or a side with errors, which are printed).\n"
             "See docs/diff.md.\n",
    .takes = CLI_TODAY | CLI_OUTPUT | CLI_FORMAT,
    .formats = diff_formats,
    .flags = diff_flags,
    .validate = diff_validate,
    .operands = {1, (size_t)-1, "name two files or two folders: OLD and NEW"},
};

const struct cli_spec cli_build = {
    .name = "build",
    .usage = "Usage: journeymap build [OPTION]... [DIR]\n"
             "The main job: check every model in DIR (default: models/) and write all\n"
             "outputs to OUTDIR (default: output/): for each usable model ID.svg,\n"
             "ID.dot, ID.curve.svg (the emotion curve), ID.lanes.svg and ID.lanes.pdf\n"
             "(the poster, A3), ID.checklist.md and ID.checklist.html; then compare.md,\n"
             "compare.svg, coverage.md, coverage.svg, agenda.md, agenda.html, index.md\n"
             "and index.html (open it in a browser).\n",
    .options = "  -o OUTDIR          write into OUTDIR (created if missing)\n"
               "  --logs PATH        also check each segment against the contact logs in PATH\n"
               "                     (a CSV file or a folder of *.csv; rows of other segments\n"
               "                     left out by a segment column): ID.evidence.md,\n"
               "                     ID.evidence.svg and a line on the workshop page\n"
               "  --since REV        also say what changed since the git revision REV (a\n"
               "                     tag, HEAD~3): ID.diff.md per segment, a \"Since REV\"\n"
               "                     line on the workshop page, and a \"Since the last\n"
               "                     workshop\" section at the top of each checklist\n",
    .notes = "Models with errors are reported (file:line) and skipped, their previous\n"
             "outputs kept; the others are still built. Outputs of models that are gone\n"
             "are removed. Exit status as for check.\n",
    .takes = CLI_TODAY | CLI_FAIL_ON | CLI_OUTPUT,
    .own_help = CLI_OUTPUT,
    .flags = build_flags,
    .operands = {0, 1, "name at most one folder of models"},
};

const struct cli_spec cli_new = {
    .name = "new",
    .usage = "Usage: journeymap new [OPTION]... ID\n"
             "Write a commented starter journey for a new customer segment: four stages\n"
             "that follow the life of a customer and example touchpoints to replace.\n"
             "ID names the segment (a letter, then letters, digits, '-', '_' or '.').\n",
    .options = "  -o FILE            write to FILE, which must not exist yet (it is never\n"
               "                     overwritten); default: standard output\n"
               "  --today DATE       the date the starter's example <review> shows\n"
               "                     (default: today)\n",
    .notes = "Then edit it, and run `journeymap check FILE`. See docs/format.md.\n",
    .takes = CLI_TODAY | CLI_OUTPUT,
    .own_help = CLI_TODAY | CLI_OUTPUT,
    .validate = new_validate,
    .operands = {1, 1, "name the new segment's id, e.g. journeymap new smb-owners"},
};

const struct cli_spec cli_export = {
    .name = "export",
    .usage = "Usage: journeymap export --to mermaid [OPTION]... FILE\n"
             "  or:  journeymap export --to csv [OPTION]... FILE|DIR...\n"
             "With --to mermaid, write a journey as a Mermaid `journey` diagram: one\n"
             "section per stage, one task per touchpoint `Name: S: Owner`, S = emotion\n"
             "+ 3 (else the score, else 3). `%% journeymap:` comments (Mermaid ignores\n"
             "them) keep what Mermaid cannot say, so that import gives it back.\n"
             "With --to csv, write the touchpoint inventory for spreadsheets: one row per\n"
             "touchpoint (ours in journey order, then competitors' own), the columns of\n"
             "docs/inventory.md, pluses and minuses one per line inside their cell, and\n"
             "the rule ids of the findings about each touchpoint.\n",
    .options = "  --to FORMAT        mermaid or csv\n"
               "  --bom              (csv) start with a UTF-8 byte-order mark, which Excel\n"
               "                     needs to read the file as UTF-8\n",
    .notes = "A file with errors is refused (its errors on standard error, exit 1, nothing\n"
             "written). See docs/mermaid.md and docs/inventory.md for what each format\n"
             "keeps and loses.\n",
    .takes = CLI_TODAY | CLI_FAIL_ON | CLI_OUTPUT,
    .flags = export_flags,
    .validate = export_validate,
    .operands = {1, (size_t)-1, "name a journey file (csv: journey files or folders)"},
};

const struct cli_spec cli_import = {
    .name = "import",
    .usage = "Usage: journeymap import [OPTION]... FILE.mmd\n"
             "  or:  journeymap import [OPTION]... FILE.csv\n"
             "Turn a Mermaid `journey` diagram into a journey file: each section a stage,\n"
             "each task a touchpoint (channel other, initiator customer, emotion = score\n"
             "- 3), each actor an owner.\n"
             "Turn a touchpoint inventory (CSV from Excel, LibreOffice or Google Sheets:\n"
             "',' ';' or TAB, a sep= line, a byte-order mark, quoted line breaks) into\n"
             "journey files: one row per touchpoint, stages, owners, changes and\n"
             "competitors made from the rows that name them; with a journey column of\n"
             "several values, one file per journey into -o DIR/. The result passes\n"
             "`journeymap check`.\n",
    .options = "  -o FILE            write to FILE (written only once complete), which must\n"
               "                     not exist yet; default: standard output\n"
               "  -o DIR/            (csv) one file ID.xml per journey in DIR, which must\n"
               "                     exist; nothing is written if any of them exists\n"
               "  --force            replace what exists\n"
               "  --from FORMAT      mermaid or csv (default: csv for .csv and .tsv files)\n"
               "  --customer-actor NAME  (mermaid) an actor that means the customer, like\n"
               "                     Customer, User, Client, Patient and Guest: no owner\n",
    .notes = "Mermaid: a line that cannot be read is an error (FILE:LINE, exit 1); a score\n"
             "outside 1..5 is clamped with a warning. See docs/mermaid.md.\n"
             "CSV: every bad value is an error at FILE:LINE:COLUMN naming the column, all\n"
             "are reported, and nothing is written (exit 1); a missing channel becomes\n"
             "other and a missing initiator company, with a warning. See\n"
             "docs/inventory.md.\n",
    .takes = CLI_OUTPUT,
    .own_help = CLI_OUTPUT,
    .flags = import_flags,
    .operands = {1, 1, "name exactly one Mermaid or CSV file"},
};

