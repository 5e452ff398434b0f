/*
 * dot_inspect - read DOT text back with cgraph (agmemread) and print what
 * the diagram tests check, as JSON: clusters (by name, with their label and
 * nodes), nodes (name, cluster, attributes) and visible edges (tail, head
 * as drawn: dir=back is undone, with attributes).
 * Usage: dot_inspect FILE.dot
 */
#include <graphviz/cgraph.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *
mut(const char *s)
{
    return (char *)(uintptr_t)s;
}

static const char *
get(void *obj, const char *name)
{
    const char *v = agget(obj, mut(name));
    return v ? v : "";
}

static json_t *
attrs(void *obj, const char *const *names)
{
    json_t *o = json_object();
    for (; *names; names++)
        json_object_set_new(o, *names, json_string(get(obj, *names)));
    return o;
}

int
main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    FILE *f = fopen(argv[1], "rb");
    if (!f)
        return 2;
    static char text[1 << 24];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    Agraph_t *g = agmemread(text);
    if (!g) {
        fputs("dot_inspect: cgraph cannot read it\n", stderr);
        return 1;
    }
    static const char *const node_attrs[] = {"label", "style", "color", "penwidth", "fillcolor",
                                             "shape", "pos",   "class", "xlabel",   "width",
                                             "height", NULL};
    static const char *const edge_attrs[] = {"style", "taillabel", "label", "color", NULL};
    json_t *doc = json_object(), *clusters = json_object(), *nodes = json_object();
    json_t *edges = json_array();
    json_object_set_new(doc, "label", json_string(get(g, "label")));
    for (Agraph_t *sg = agfstsubg(g); sg; sg = agnxtsubg(sg)) {
        json_t *c = json_object(), *members = json_array();
        json_object_set_new(c, "label", json_string(get(sg, "label")));
        for (Agnode_t *v = agfstnode(sg); v; v = agnxtnode(sg, v)) {
            json_array_append_new(members, json_string(agnameof(v)));
            json_t *o = attrs(v, node_attrs);
            json_object_set_new(o, "cluster", json_string(agnameof(sg)));
            json_object_set_new(nodes, agnameof(v), o);
        }
        json_object_set_new(c, "nodes", members);
        json_object_set_new(clusters, agnameof(sg), c);
    }
    for (Agnode_t *v = agfstnode(g); v; v = agnxtnode(g, v)) {
        if (!json_object_get(nodes, agnameof(v))) {
            json_t *o = attrs(v, node_attrs);
            json_object_set_new(o, "cluster", json_string(""));
            json_object_set_new(nodes, agnameof(v), o);
        }
        for (Agedge_t *e = agfstout(g, v); e; e = agnxtout(g, e)) {
            if (strcmp(get(e, "style"), "invis") == 0)
                continue;
            bool back = strcmp(get(e, "dir"), "back") == 0;
            json_t *o = attrs(e, edge_attrs);
            json_object_set_new(o, "tail", json_string(agnameof(back ? aghead(e) : agtail(e))));
            json_object_set_new(o, "head", json_string(agnameof(back ? agtail(e) : aghead(e))));
            json_array_append_new(edges, o);
        }
    }
    json_object_set_new(doc, "clusters", clusters);
    json_object_set_new(doc, "nodes", nodes);
    json_object_set_new(doc, "edges", edges);
    json_dumpf(doc, stdout, JSON_SORT_KEYS);
    putchar('\n');
    json_decref(doc);
    agclose(g);
    return 0;
}
