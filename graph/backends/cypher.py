"""Every Cypher statement of the Neo4j backend, as constants and ``(query, params)`` builders.

Values only ever travel as ``$parameters``. Labels, relationship types and property
names that must be written into a query string come from the schema's allow-list and
are checked (:func:`label` and :func:`rel_type`) before they are placed in it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from enforcegraph.graph.domain import rules as domain
from enforcegraph.schema.errors import SchemaError
from enforcegraph.schema.model import Model

__all__ = [
    "ADD_JUDGEMENT",
    "AWAIT_INDEX",
    "CLAIMS_CONTRADICTED",
    "CLEAR",
    "CROSS_BORDER_CASES",
    "DECISIONS_CITING",
    "DELETE_NODES",
    "DROP_INDEX",
    "ENFORCEMENT_HISTORY",
    "ENTITY",
    "FULLTEXT_BACKFILL_READ",
    "FULLTEXT_BACKFILL_WRITE",
    "FULLTEXT_INDEX",
    "GET_NODES",
    "HEADLINE_AFFECTED",
    "HEADLINE_ALL_DECISIONS",
    "HEADLINE_CREATE",
    "HEADLINE_DAY_EU",
    "HEADLINE_DAY_FIRMS",
    "HEADLINE_DECISIONS_AFTER",
    "HEADLINE_DELETE",
    "HEADLINE_DELETE_AFTER",
    "HEADLINE_DELETE_ALL",
    "HEADLINE_DELETE_RANGE",
    "HEADLINE_OLD_INDEXES",
    "HEADLINE_ORDER",
    "HEADLINE_ROW",
    "HEADLINE_ROWS",
    "HEADLINE_SUM",
    "HEADLINE_SUMS_DELETE_ALL",
    "HEADLINE_SUMS_MOVE",
    "JUDGEMENT",
    "JUDGEMENTS",
    "KEPT_COUNTS",
    "KEPT_COUNTS_BEGIN",
    "KEPT_COUNTS_CLEAR",
    "KEPT_COUNTS_LOCK",
    "KEPT_COUNTS_READ",
    "KEPT_COUNTS_SCHEMA",
    "KEPT_COUNTS_STEP",
    "KEPT_COUNTS_WRITE",
    "LOOKUP_LABELS",
    "PING",
    "READ_NODE_ROWS",
    "RELATIONSHIPS_TOUCHING",
    "SANCTIONS_WITHOUT_EU_ESTABLISHMENT",
    "SANCTIONS_WITHOUT_EU_ESTABLISHMENT_COUNT",
    "SANCTIONS_WITHOUT_EU_ESTABLISHMENT_PAGE",
    "SANCTIONS_WITH_UNKNOWN_ESTABLISHMENT",
    "SANCTIONS_WITH_UNKNOWN_ESTABLISHMENT_COUNT",
    "SANCTIONS_WITH_UNKNOWN_ESTABLISHMENT_PAGE",
    "SHOW_SCHEMA_NAMES",
    "UPDATE_NODES",
    "Params",
    "Statement",
    "count_nodes",
    "create_nodes",
    "create_relationships",
    "delete_relationships",
    "domain_params",
    "find_nodes",
    "first_relationships_of",
    "full_text_ranked",
    "headline_count",
    "headline_page",
    "iter_nodes",
    "iter_relationships",
    "label",
    "lucene_escape",
    "lucene_query",
    "merge_node_row",
    "merge_relationship_row",
    "read_relationship_props",
    "rel_type",
    "relationships_of",
    "schema_statements",
    "search",
    "stats_nodes",
    "stats_relationships",
    "update_relationships",
]

Params = dict[str, Any]
Statement = tuple[str, Params]

ENTITY = "Entity"
JUDGEMENT = "EnforcegraphJudgement"  # not a model label: never an Entity, never counted
"""The label every node carries beside its own, so an id is unique and found without its label."""

NODE = "{id: n.id, label: [l IN labels(n) WHERE l <> 'Entity'][0], props: properties(n)}"
REL = (
    "{id: r.id, type: type(r), start: startNode(r).id, end: endNode(r).id, "
    "key: r.key, props: properties(r)}"
)


def label(model: Model, name: str) -> str:
    """``name`` if it is a label of the model (else SchemaError): safe to put in a query."""
    model.label(name)
    if not name.isidentifier():
        raise SchemaError(f"label {name!r} cannot be used in Cypher")
    return name


def rel_type(model: Model, name: str) -> str:
    """``name`` if it is a relationship type of the model (else SchemaError)."""
    model.relationship(name)
    if not name.isidentifier():
        raise SchemaError(f"relationship type {name!r} cannot be used in Cypher")
    return name


# -- schema: constraints and indexes ---------------------------------------------------
SHOW_SCHEMA_NAMES = "SHOW INDEXES YIELD name RETURN name"
FULLTEXT_INDEX = "entity_fulltext"
AWAIT_INDEX = "CALL db.awaitIndex($name, $seconds)"
# nodes written before the full-text index existed get its fields, a batch at a time
FULLTEXT_BACKFILL_READ = (
    f"MATCH (n:{ENTITY}) WHERE n._ft_names IS NULL "
    f"RETURN {NODE} AS node LIMIT $size"
)
FULLTEXT_BACKFILL_WRITE = (
    f"UNWIND $rows AS row MATCH (n:{ENTITY} {{id: row.id}}) "
    "SET n._ft_names = row.names, n._ft_body = row.body"
)


def schema_statements(model: Model) -> dict[str, str]:
    """Index or constraint name -> its idempotent CREATE statement, derived from the model."""
    out = {
        "entity_id": f"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:{ENTITY}) REQUIRE n.id IS UNIQUE",
        "entity_nametext": f"CREATE TEXT INDEX entity_nametext IF NOT EXISTS FOR (n:{ENTITY}) ON (n._nametext)",
        "entity_namescan": f"CREATE INDEX entity_namescan IF NOT EXISTS FOR (n:{ENTITY}) ON (n._namescan)",
    }
    # full-text search (graph/store/fulltext.py): words already folded, split on spaces
    out[FULLTEXT_INDEX] = (
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (n:{ENTITY}) "
        "ON EACH [n._ft_names, n._ft_body] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}"
    )
    for name, spec in sorted(model.labels.items()):
        lab = label(model, name)
        key = f"{lab.lower()}_id"
        out[key] = f"CREATE CONSTRAINT {key} IF NOT EXISTS FOR (n:{lab}) REQUIRE n.id IS UNIQUE"
        for prop in spec.name_properties:
            prop_spec = spec.properties[prop]
            limit = model.types.get(prop_spec.kind, {}).get("max_length", 0)
            if prop_spec.is_list or not prop.isidentifier() or limit > 1000:
                continue  # index keys are bounded: long texts are found through _names
            key = f"{lab.lower()}_{prop}"
            out[key] = f"CREATE INDEX {key} IF NOT EXISTS FOR (n:{lab}) ON (n.{prop})"
    for name in sorted(model.relationships):
        typ = rel_type(model, name)
        key = f"rel_{typ.lower()}_id"
        out[key] = (
            f"CREATE CONSTRAINT {key} IF NOT EXISTS FOR ()-[r:{typ}]-() REQUIRE r.id IS UNIQUE"
        )
    return {**out, **KEPT_COUNTS_SCHEMA, **VALUE_COUNTS_SCHEMA}


# -- writing ---------------------------------------------------------------------------
PING = "RETURN 1 AS ok"
LOOKUP_LABELS = (
    f"UNWIND $ids AS id MATCH (n:{ENTITY} {{id: id}}) "
    "RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label"
)
UPDATE_NODES = f"UNWIND $rows AS row MATCH (n:{ENTITY} {{id: row.id}}) SET n = row"
DELETE_NODES = (
    f"UNWIND $ids AS id MATCH (n:{ENTITY} {{id: id}}) DETACH DELETE n RETURN count(*) AS deleted"
)
# Relationships first, then nodes, each in bounded transactions: a DETACH DELETE of 10,000
# nodes takes every relationship of a hub (a jurisdiction, a regulator) with it, which ran
# past the transaction memory pool of a 1 GiB heap at 100k firms.
CLEAR = (
    "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
    f"MATCH (n:{ENTITY}) CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 10000 ROWS",
    f"MATCH (j:{JUDGEMENT}) DELETE j",
)
# The rows of the store of record (graph/store/recording.py): each node and relationship
# keeps its record in the property _record; judgements are nodes of their own label.
READ_NODE_ROWS = (
    f"UNWIND $ids AS id MATCH (n:{ENTITY} {{id: id}}) "
    "RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, properties(n) AS props"
)
RELATIONSHIPS_TOUCHING = (
    f"UNWIND $ids AS id MATCH (:{ENTITY} {{id: id}})-[r]-() "
    "RETURN DISTINCT r.id AS id, type(r) AS type, properties(r) AS props"
)
JUDGEMENTS = (
    f"MATCH (j:{JUDGEMENT}) RETURN j.canonical AS canonical, j.other AS other, "
    "j.verdict AS verdict, j.by AS by, j.at AS at, j.why AS why ORDER BY j.at, j.seq"
)
ADD_JUDGEMENT = (
    f"OPTIONAL MATCH (o:{JUDGEMENT}) WITH count(o) AS seq CREATE (j:{JUDGEMENT}) "
    "SET j = $row, j.seq = seq"
)


def create_nodes(model: Model, name: str) -> str:
    """Create new nodes of one label from ``$rows`` (each row: every property, id included)."""
    return f"UNWIND $rows AS row CREATE (n:{ENTITY}:{label(model, name)}) SET n = row"


def read_relationship_props(model: Model, name: str) -> str:
    """Stored properties of relationships of one type, by id (``$ids``)."""
    typ = rel_type(model, name)
    return (
        f"UNWIND $ids AS id MATCH ()-[r:{typ} {{id: id}}]->() "
        "RETURN r.id AS id, properties(r) AS props"
    )


def create_relationships(model: Model, name: str) -> str:
    """Create relationships of one type from ``$rows`` of ``{start, end, props}``."""
    typ = rel_type(model, name)
    return (
        f"UNWIND $rows AS row MATCH (a:{ENTITY} {{id: row.start}}) "
        f"MATCH (b:{ENTITY} {{id: row.end}}) CREATE (a)-[r:{typ}]->(b) SET r = row.props"
    )


def merge_node_row(model: Model, name: str) -> str:
    """One node per query with MERGE (``$id``, ``$props``): the naive baseline of the benchmark."""
    return f"MERGE (n:{ENTITY}:{label(model, name)} {{id: $id}}) SET n += $props"


def merge_relationship_row(model: Model, name: str) -> str:
    """One relationship per query with MERGE: the naive baseline of the benchmark."""
    return (
        f"MATCH (a:{ENTITY} {{id: $start}}) MATCH (b:{ENTITY} {{id: $end}}) "
        f"MERGE (a)-[r:{rel_type(model, name)} {{id: $id}}]->(b) SET r += $props"
    )


def delete_relationships(model: Model, name: str) -> str:
    """Delete relationships of one type by id (``$ids``)."""
    return f"UNWIND $ids AS id MATCH ()-[r:{rel_type(model, name)} {{id: id}}]->() DELETE r"


def update_relationships(model: Model, name: str) -> str:
    """Replace the properties of existing relationships of one type (``$rows`` of ``{id, props}``)."""
    typ = rel_type(model, name)
    return f"UNWIND $rows AS row MATCH ()-[r:{typ} {{id: row.id}}]->() SET r = row.props"


# -- reading ---------------------------------------------------------------------------
GET_NODES = f"UNWIND $ids AS id MATCH (n:{ENTITY} {{id: id}}) RETURN {NODE} AS node"


def relationships_of(model: Model, types: Sequence[str] | None, direction: str) -> str:
    """Relationships touching any node of ``$ids``, of the given types and direction."""
    spec = ":" + "|".join(rel_type(model, t) for t in types) if types else ""
    arrow = {"out": ("-", "->"), "in": ("<-", "-"), "both": ("-", "-")}[direction]
    return (
        f"UNWIND $ids AS id MATCH (a:{ENTITY} {{id: id}}){arrow[0]}[r{spec}]{arrow[1]}() "
        f"RETURN DISTINCT {REL} AS rel"
    )


def first_relationships_of(model: Model, types: Sequence[str] | None, direction: str) -> str:
    """As :func:`relationships_of`, at most ``$limit`` of each node: the first by id (Neo4j
    still expands a hub's relationships to order them, but only those are returned)."""
    spec = ":" + "|".join(rel_type(model, t) for t in types) if types else ""
    arrow = {"out": ("-", "->"), "in": ("<-", "-"), "both": ("-", "-")}[direction]
    return (
        f"UNWIND $ids AS id MATCH (a:{ENTITY} {{id: id}}) "
        f"CALL (a) {{ MATCH (a){arrow[0]}[r{spec}]{arrow[1]}() WITH DISTINCT r "
        "RETURN r ORDER BY r.id LIMIT $limit } "
        f"RETURN DISTINCT {REL} AS rel"
    )


def _where(model: Model, name: str, filters: Sequence[Any]) -> tuple[str, Params]:
    """A WHERE clause for PropertyFilters (property names travel as parameters too)."""
    spec = model.label(name)
    clauses: list[str] = []
    params: Params = {}
    for index, flt in enumerate(filters):
        value, prop = f"$v{index}", f"$p{index}"
        params[f"p{index}"] = flt.property
        column = "n.id" if flt.property == "id" else f"n[{prop}]"
        prop_spec = spec.properties.get(flt.property)
        is_list = flt.property == "sources" or (prop_spec is not None and prop_spec.is_list)
        if flt.op in ("eq", "contains") and is_list:
            clauses.append(f"{value} IN {column}")
            params[f"v{index}"] = flt.value
        elif flt.op == "eq":
            clauses.append(f"{column} = {value}")
            params[f"v{index}"] = flt.value
        elif flt.op == "ne":
            clauses.append(f"({column} IS NULL OR {column} <> {value})")
            params[f"v{index}"] = flt.value
        elif flt.op == "in":
            clauses.append(f"{column} IN {value}")
            params[f"v{index}"] = list(flt.value)
        elif flt.op == "contains":
            clauses.append(f"toLower(toString({column})) CONTAINS toLower({value})")
            params[f"v{index}"] = str(flt.value)
        elif flt.op in ("gte", "lte"):
            clauses.append(f"{column} {'>=' if flt.op == 'gte' else '<='} {value}")
            params[f"v{index}"] = flt.value
        elif flt.op == "exists":
            present = flt.value in (None, True)
            clauses.append(f"{column} IS {'NOT ' if present else ''}NULL")
        else:
            raise SchemaError(f"unknown filter operation {flt.op!r}")
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def find_nodes(
    model: Model,
    name: str,
    filters: Sequence[Any],
    order_by: str,
    descending: bool,
    limit: int | None,
    offset: int,
    after: tuple[Any, str] | None = None,
) -> Statement:
    """One page of nodes of a label: nulls last, then by ``order_by``, ties by id;
    ``after`` (a keyset seek, ``(value, id)``): the nodes that sort after it, from the
    index position (by id: a range of the label's id index) instead of SKIP."""
    lab = label(model, name)
    where, params = _where(model, name, filters)
    key = "n.id" if order_by == "id" else "n[$order]"
    params["order"] = order_by
    params["offset"] = offset
    direction = "DESC" if descending else "ASC"
    past = "<" if descending else ">"
    order = f"(k IS NULL), k {direction}, n.id {direction}"
    if order_by == "id":  # ids are never null: the order of the label's id index
        order = f"k {direction}"
        if not where and after is None:  # read in that order (it sorted every node: 1 s at 1M)
            where = " WHERE n.id IS NOT NULL"
    if after is not None:
        params["offset"], params["after_value"], params["after_id"] = 0, after[0], after[1]
        if order_by == "id":
            seek = f"n.id {past} $after_id"
        elif after[0] is None:  # the nodes without a value come last, by id
            seek = f"{key} IS NULL AND n.id {past} $after_id"
        else:
            seek = (f"({key} IS NULL OR {key} {past} $after_value "
                    f"OR ({key} = $after_value AND n.id {past} $after_id))")
        where = f"{where} AND {seek}" if where else f" WHERE {seek}"
    page = " SKIP $offset"
    if limit is not None:
        page += " LIMIT $limit"
        params["limit"] = limit
    query = (
        f"MATCH (n:{lab}){where} WITH n, {key} AS k "
        f"ORDER BY {order}{page} RETURN {NODE} AS node"
    )
    return query, params


def count_nodes(model: Model, name: str, filters: Sequence[Any]) -> Statement:
    """How many nodes of a label match the filters."""
    where, params = _where(model, name, filters)
    return f"MATCH (n:{label(model, name)}){where} RETURN count(n) AS count", params


def search(model: Model, labels: Sequence[str] | None) -> str:
    """Ids of nodes whose normalised names contain ``$norm`` (or whose id is ``$id``), best first.

    Rank per name: 0 exact, 1 prefix, 2 a word starts with it, 3 elsewhere; the best rank
    wins, ties go to the node whose smallest matching name is shorter, then to the id.
    """
    for name in labels or ():
        label(model, name)
    label_test = " AND any(l IN labels(n) WHERE l IN $labels)" if labels else ""
    return (
        f"CALL () {{ MATCH (n:{ENTITY}) WHERE n._nametext CONTAINS $norm RETURN n "
        f"UNION MATCH (n:{ENTITY}) WHERE n._namescan = true RETURN n "
        f"UNION MATCH (n:{ENTITY} {{id: $id}}) RETURN n }} "
        f"WITH n WHERE true{label_test} "
        "WITH n, [x IN coalesce(n._names, []) WHERE x CONTAINS $norm OR n.id = $id] AS hits "
        "WHERE size(hits) > 0 "
        "WITH n, reduce(best = 3, x IN hits | CASE "
        "  WHEN x = $norm THEN 0 "
        "  WHEN x STARTS WITH $norm AND best > 1 THEN 1 "
        "  WHEN x CONTAINS (' ' + $norm) AND best > 2 THEN 2 "
        "  ELSE best END) AS rank, "
        "reduce(least = hits[0], x IN hits | CASE WHEN x < least THEN x ELSE least END) AS least "
        "RETURN n.id AS id ORDER BY rank, size(least), id LIMIT $limit"
    )


_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


def lucene_escape(term: str) -> str:
    """A term with Lucene's special characters escaped (``a:b`` -> ``a\\:b``)."""
    return _LUCENE_SPECIAL.sub(r"\\\1", term)


def lucene_query(terms: Sequence[str], name_weight: float) -> str:
    """The full-text query for folded ``terms``: each required in the names or the text (a
    match in the names boosted), the last also as a prefix. Goes as ``$text``."""
    clauses = []
    for index, term in enumerate(terms):
        word = lucene_escape(term)
        fields = [f"_ft_names:{word}^{name_weight:g}", f"_ft_body:{word}"]
        if index == len(terms) - 1:
            fields += [f"_ft_names:{word}*^{name_weight:g}", f"_ft_body:{word}*"]
        clauses.append("+(" + " ".join(fields) + ")")
    return " ".join(clauses)


def full_text_ranked(model: Model, labels: Sequence[str] | None) -> str:
    """The matches of the full-text query ``$text`` to rank: at most ``$fetch`` (the most
    ranked + 1, to tell whether there are more), Lucene's best scored first, each id with
    its score and whether a normalised name equals ``$name``. ``$options`` is
    ``{limit: $fetch}`` (Lucene keeps only its best), or ``{}`` when ``$labels`` filter
    the hits (the filter comes after the index)."""
    for name in labels or ():
        label(model, name)
    label_test = " WHERE any(l IN labels(n) WHERE l IN $labels)" if labels else ""
    return (
        f"CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $text, $options) "
        f"YIELD node, score WITH node AS n, score{label_test} WITH n, score LIMIT $fetch "
        "RETURN n.id AS id, score, $name IN coalesce(n._names, []) AS named"
    )


def stats_nodes(model: Model) -> str:
    """Node counts per label (read from the count store: one cheap query)."""
    parts = [
        f"MATCH (n:{label(model, lab)}) RETURN '{lab}' AS name, count(n) AS count"
        for lab in sorted(model.labels)
    ]
    return "CALL () { " + " UNION ALL ".join(parts) + " } RETURN name, count"


def stats_relationships(model: Model) -> str:
    """Relationship counts per type."""
    parts = [
        f"MATCH ()-[r:{rel_type(model, typ)}]->() RETURN '{typ}' AS name, count(r) AS count"
        for typ in sorted(model.relationships)
    ]
    return "CALL () { " + " UNION ALL ".join(parts) + " } RETURN name, count"


def iter_nodes(model: Model, name: str | None) -> str:
    """A page of nodes after ``$after`` in id order (``$size`` of them)."""
    lab = label(model, name) if name else ENTITY
    return (
        f"MATCH (n:{lab}) WHERE n.id > $after "
        f"WITH n ORDER BY n.id LIMIT $size RETURN {NODE} AS node"
    )


def iter_relationships(model: Model, name: str) -> str:
    """A page of relationships of one type after ``$after`` in id order."""
    typ = rel_type(model, name)
    return (
        f"MATCH ()-[r:{typ}]->() WHERE r.id > $after "
        f"WITH r ORDER BY r.id LIMIT $size RETURN {REL} AS rel"
    )


# -- the traversal catalogue, pushed down: one query per traversal ----------------------
# Partial dates ("2024", "2024-07") compare as in enforcegraph.graph.domain.dates: the earliest
# day a date can mean ("-00" padding) against the latest ("-99" padding).
def _floor(expr: str) -> str:
    return f"(CASE WHEN size({expr}) < 10 THEN left({expr} + '-00-00', 10) ELSE {expr} END)"


def _ceiling(expr: str) -> str:
    return f"(CASE WHEN size({expr}) < 10 THEN left({expr} + '-99-99', 10) ELSE {expr} END)"


def _valid_at(valid_from: str, valid_to: str, when: str) -> str:
    return (
        f"({when} IS NULL OR ((coalesce({valid_from}, '') = '' OR "
        f"{_floor(valid_from)} <= {_ceiling(when)}) AND (coalesce({valid_to}, '') = '' OR "
        f"{_ceiling(valid_to)} >= {_floor(when)})))"
    )


# The domain rules (graph/domain/rules.py) pushed down: their values travel as parameters
# (domain_params), their labels and relationship types are the domain's constants.
def domain_params() -> Params:
    """The domain's constants every catalogue query reads (``$issuer_labels``, ``$eu_code``)."""
    return {"issuer_labels": list(domain.ISSUER_LABELS), "eu_code": domain.EU_CODE}


def _name(value: str) -> str:
    """A label or relationship type of the domain, checked before it is placed in a query."""
    if not value.isidentifier():
        raise SchemaError(f"{value!r} cannot be used in Cypher")
    return value


_REGULATOR = _name(domain.REGULATOR)
_MEMBER_OF = _name(domain.MEMBER_OF)
_ESTABLISHMENT = _name(domain.ESTABLISHMENT)
_LOCATIONS = "|".join(_name(t) for t in domain.LOCATION_TYPES)
_RULE = _name(domain.RULE)


def _issuer_rank(var: str) -> str:
    """domain.issuer_rank: the place of a node's label in ``$issuer_labels`` (else last)."""
    return (
        f"head([k IN range(0, size($issuer_labels) - 1) WHERE $issuer_labels[k] IN labels({var})]"
        " + [size($issuer_labels)])"
    )


def _args(query: str) -> str:
    """Read every parameter from one map, ``$args``: a plan is then cached once per query.

    Neo4j keys its plan cache on parameter types including a size bucket of each string,
    and these queries take a second or more to plan.
    """
    return re.sub(r"\$(\w+)", r"$args.\1", query)


def _map(var: str) -> str:
    return f"{{id: {var}.id, props: properties({var})}}"


def _issuer(var: str, n: int) -> str:
    """The issuer shown for a decision (domain.decision_issuer): by the rank of its label
    in ``$issuer_labels`` (regulators, then courts), then by id."""
    return (
        f"COLLECT {{ MATCH (i{n}:{ENTITY})-[:ISSUED]->({var}) WITH DISTINCT i{n} "
        f"ORDER BY {_issuer_rank(f'i{n}')}, i{n}.id LIMIT 1 RETURN {_map(f'i{n}')} }}[0]"
    )


def _source_urls(expr: str, n: int) -> str:
    return (
        f"COLLECT {{ UNWIND {expr} AS sid{n} MATCH (src{n}:{ENTITY} {{id: sid{n}}}) "
        f"RETURN src{n}.url }}"
    )


def _eu_windows() -> str:
    """Once per query: ``eu``, a list of ``{node, code, from, to}``, one per EU membership
    (domain.eu_memberships; a country is its Jurisdiction's ``code``, never its id's).

    The EU itself is a member with no bounds. Rows then test membership in memory (node
    identity, no property read) instead of running a subquery each.
    """
    return f"""
CALL () {{
  MATCH (u:Jurisdiction) WHERE u.code = $eu_code
  WITH collect(u) AS unions
  RETURN [u IN unions | {{node: u, code: u.code, from: null, to: null}}]
         + COLLECT {{ UNWIND unions AS u MATCH (j)-[m:{_MEMBER_OF}]->(u)
                     RETURN {{node: j, code: j.code, from: m.valid_from, to: m.valid_to}} }}
         AS eu
}}"""


def _regulator(var: str, n: int) -> str:
    """The regulator shown for a decision (domain.decision_regulator): its first regulator
    by id (None if it has none)."""
    return (
        f"COLLECT {{ MATCH (r{n}:{_REGULATOR})-[:ISSUED]->({var}) WITH DISTINCT r{n} "
        f"ORDER BY r{n}.id LIMIT 1 RETURN r{n} }}[0]"
    )


_DATE_KEY = f"CASE WHEN coalesce(ddate, '') = '' THEN '9999' ELSE {_floor('ddate')} END"


def _sanctions_match(ordered: bool, unknown: bool = False) -> str:
    """Headline rows (``d, s, imp, f, pos``), filtered on what the filters need only.

    ``ordered``: sort by decision date and sanction id right after the date filters, so
    that every later step streams in that order and a page stops after its last row
    instead of filtering every sanction first. (Every node carries the Entity label, so
    the patterns leave it out.) ``unknown``: the rows whose firm no source locates (the
    headline's coverage gap) instead of those located outside the EU.
    """
    order = "WITH * ORDER BY dkey, s.id\n" if ordered else ""
    located = (f"(coalesce(f.country, '') <> '' OR EXISTS {{ (f)-[l:{_LOCATIONS}]->() "
               f"WHERE coalesce(l.{_RULE}, '') = '' }})")
    return f"""{_eu_windows()}
MATCH (d)-[imp:IMPOSES]->(s)
WITH eu, d, s, imp, d.date AS ddate
WHERE ($since = '' OR (coalesce(ddate, '') <> '' AND {_floor("ddate")} >= {_floor("$since")}))
  AND ($until = '' OR (coalesce(ddate, '') <> '' AND {_floor("ddate")} <= {_floor("$until")}))
WITH eu, d, s, imp, ddate, {_DATE_KEY} AS dkey
{order}WHERE EXISTS {{ MATCH (i:{_REGULATOR})-[:ISSUED]->(d) WHERE $regulator = '' OR i.id = $regulator }}
  AND CASE WHEN $jurisdiction = '' THEN true
      ELSE any(c IN [{_regulator("d", 1)}.country] WHERE CASE WHEN $jurisdiction <> $eu_code
           THEN c = $jurisdiction
           ELSE any(w IN eu WHERE w.code = c AND {_valid_at("w.from", "w.to", "ddate")}) END) END
WITH eu, d, s, imp, ddate, dkey, COLLECT {{ MATCH (s)-[:AGAINST]->(t) RETURN t }} AS targets
WITH eu, d, s, imp, ddate, dkey, CASE WHEN size(targets) > 0 THEN targets
     ELSE COLLECT {{ MATCH (d)-[:AGAINST]->(t) RETURN t }} END AS targets
UNWIND range(0, size(targets) - 1) AS pos
WITH eu, d, s, imp, dkey, targets[pos] AS f, pos,
     CASE WHEN $at_today THEN $today ELSE ddate END AS at
WHERE f:Company
  AND {"NOT " if unknown else ""}{located}
  AND NOT EXISTS {{
  MATCH (f)-[e:{_ESTABLISHMENT}]->(j)
  WHERE {_valid_at("e.valid_from", "e.valid_to", "at")}
    AND any(w IN eu WHERE w.node = j AND {_valid_at("w.from", "w.to", "at")})
}}
"""


def _picked(var: str, *names: str) -> str:
    """``{id, props}`` with only the properties a row shows (a fraction of the node)."""
    return f"{{id: {var}.id, props: {var} {{{', '.join('.' + name for name in names)}}}}}"


# The properties are those the catalogue's rows pick (graph.traversals.sanction_rows).
_SANCTIONS_ROW = f"""
WITH d, s, imp, f, pos, {_regulator("d", 2)} AS reg
RETURN {_picked("s", "kind", "amount", "currency", "amount_eur")} AS sanction,
       {_picked("d", "ref", "date", "status")} AS decision,
       {_picked("reg", "name", "country")} AS regulator, {_picked("f", "name", "country")} AS firm,
       COLLECT {{ MATCH (d)-[:INFRINGES]->(art) RETURN art.id }} AS articles,
       {_source_urls("coalesce(s.sources, []) + coalesce(d.sources, [])", 3)} AS sources
"""
SANCTIONS_WITHOUT_EU_ESTABLISHMENT = _args(
    _sanctions_match(ordered=False) + _SANCTIONS_ROW + "ORDER BY imp.id, pos"
)
"""Every headline row, in the order of the IMPOSES relationships (Python sorts them)."""
SANCTIONS_WITHOUT_EU_ESTABLISHMENT_PAGE = _args(
    _sanctions_match(ordered=True)
    + "WITH d, s, imp, f, pos ORDER BY dkey, s.id, f.id, imp.id, pos SKIP $offset LIMIT $limit"
    + _SANCTIONS_ROW
)
"""One page of headline rows in the catalogue's order (date, sanction, firm), extras last."""
SANCTIONS_WITHOUT_EU_ESTABLISHMENT_COUNT = _args(
    _sanctions_match(ordered=False) + "RETURN count(*) AS count"
)
SANCTIONS_WITH_UNKNOWN_ESTABLISHMENT = _args(
    _sanctions_match(ordered=False, unknown=True) + _SANCTIONS_ROW + "ORDER BY imp.id, pos"
)
"""The rows the headline cannot classify (no source locates the firm), unsorted."""
SANCTIONS_WITH_UNKNOWN_ESTABLISHMENT_PAGE = _args(
    _sanctions_match(ordered=True, unknown=True)
    + "WITH d, s, imp, f, pos ORDER BY dkey, s.id, f.id, imp.id, pos SKIP $offset LIMIT $limit"
    + _SANCTIONS_ROW
)
SANCTIONS_WITH_UNKNOWN_ESTABLISHMENT_COUNT = _args(
    _sanctions_match(ordered=False, unknown=True) + "RETURN count(*) AS count"
)


def _decision(var: str, n: int) -> str:
    """A decision with its issuer, the sanctions it imposes and its source URLs."""
    return (
        f"{{node: {_map(var)}, issuer: {_issuer(var, n)}, "
        f"sanctions: COLLECT {{ MATCH ({var})-[:IMPOSES]->(s{n}:{ENTITY}) RETURN {_map(f's{n}')} }}, "
        f"sources: {_source_urls(f'coalesce({var}.sources, [])', n)}}}"
    )


ENFORCEMENT_HISTORY = _args(f"""
MATCH (t:{ENTITY} {{id: $id}})
WITH COLLECT {{ MATCH (x:{ENTITY})-[:AGAINST]->(t) RETURN DISTINCT x }} AS direct
WITH [x IN direct WHERE x:Decision] +
     COLLECT {{ UNWIND direct AS y MATCH (z:{ENTITY})-[:IMPOSES]->(y) RETURN DISTINCT z }} AS found
UNWIND found AS d
WITH DISTINCT d
RETURN {_decision("d", 1)} AS decision,
       COLLECT {{ MATCH (a:{ENTITY})-[ap:APPEAL_OF]->(d) WITH a, ap ORDER BY ap.id
                 RETURN {{outcome: ap.outcome, decision: {_decision("a", 2)}}} }} AS appeals
""")

DECISIONS_CITING = _args(f"""
MATCH (d:{ENTITY})-[r:INFRINGES|CITES]->(:{ENTITY} {{id: $article}})
WHERE $asked = '' OR coalesce(r.provision, '') = '' OR r.provision = $asked
      OR r.provision STARTS WITH ($asked + '(')
WITH d, collect(r.provision) AS provisions
RETURN {_map("d")} AS decision, {_issuer("d", 1)} AS issuer,
       {_source_urls("coalesce(d.sources, [])", 2)} AS sources, provisions
""")

CLAIMS_CONTRADICTED = _args(f"""
MATCH (c:{ENTITY} {{id: $id}})
WITH [c] + COLLECT {{ MATCH (p:{ENTITY})-[:OFFICER_OF]->(c) RETURN p }}
         + COLLECT {{ MATCH (x:{ENTITY})-[:AGAINST]->(c) RETURN x }} AS targets
UNWIND targets AS t
MATCH (st:{ENTITY})-[:MADE_BY|ABOUT]->(t)
WITH DISTINCT st
RETURN {_map("st")} AS statement, {_source_urls("coalesce(st.sources, [])", 1)} AS sources,
       COLLECT {{ MATCH (st)-[r:MADE_BY|ISSUED_VIA|CONTRADICTED_BY]->(e:{ENTITY})
                 WITH r, e ORDER BY r.id
                 RETURN {{type: type(r), node: {_map("e")}, issuer: {_issuer("e", 2)}}} }} AS out
""")

CROSS_BORDER_CASES = _args(f"""
MATCH (:{_REGULATOR})-[:ISSUED]->(d:{ENTITY})
WITH DISTINCT d
WITH d, {_regulator("d", 1)} AS reg
MATCH (d)-[:AGAINST]->(f:Company)
WITH f, collect(DISTINCT d.id) AS decisions, collect(DISTINCT reg) AS regs
RETURN {_map("f")} AS firm, size(decisions) AS decisions, [r IN regs | {_map("r")}] AS regulators
""")


# -- counts kept in step with writes (graph/backends/neo4j_counts.py) --------------------
HEADLINE_ROW = "EnforcegraphHeadlineRow"  # not a model label: never an Entity, never counted
KEPT_COUNTS = "EnforcegraphKeptCounts"  # one node: the rows' layout version, their day
# A row's order columns (the catalogue's page order: k the date key, as the generic
# ``_date_key``, then sanction, firm, IMPOSES and AGAINST ids) follow each filter's
# equality columns, so a page is one index range read in order and cut by LIMIT, and
# a count one index seek (dates: a range of k).
HEADLINE_ORDER = ("k", "sid", "fid", "iid", "aid")
_HEADLINE_INDEXES = (
    ("first", ("first", "kind_dt")), ("first_today", ("first", "kind_today")),
    ("issuer", ("issuer", "kind_dt")), ("issuer_today", ("issuer", "kind_today")),
    ("country", ("country", "first", "kind_dt")), ("eu", ("eu", "first", "kind_dt")),
)
KEPT_COUNTS_SCHEMA = {
    "headline_row_did": f"CREATE INDEX headline_row_did IF NOT EXISTS FOR (h:{HEADLINE_ROW}) ON (h.did)",
    **{f"headline_page_{name}": f"CREATE INDEX headline_page_{name} IF NOT EXISTS "
       f"FOR (h:{HEADLINE_ROW}) ON ({', '.join('h.' + p for p in (*props, *HEADLINE_ORDER))})"
       for name, props in _HEADLINE_INDEXES},
}
# the rows counted by every filter column but the dates (m '') and by month as well (m the
# first seven characters of k: '2020-03', '2020-00' of a year alone, '9999' undated), so a
# count without dates adds up a few thousand sums, and one with dates the sums of the
# months between its ends and the rows of its two edge months (an index range each)
HEADLINE_SUM = "EnforcegraphHeadlineSum"
KEPT_COUNTS_SCHEMA["headline_sum_m"] = (
    f"CREATE INDEX headline_sum_m IF NOT EXISTS FOR (x:{HEADLINE_SUM}) ON (x.m)")
HEADLINE_SUMS_MOVE = f"""
UNWIND $dids AS did
MATCH (h:{HEADLINE_ROW} {{did: did}})
WITH h.issuer AS g, h.first AS p, coalesce(h.country, '') AS c, coalesce(h.eu, false) AS e,
     h.kind_dt AS kd, h.kind_today AS kt, left(h.k, 7) AS m, count(*) AS n
UNWIND ['', m] AS month
WITH g, p, c, e, kd, kt, month, sum(n) AS n
ORDER BY g, p, c, e, kd, kt, month
MERGE (x:{HEADLINE_SUM} {{g: g, p: p, c: c, e: e, kd: kd, kt: kt, m: month}})
SET x.n = coalesce(x.n, 0) + $sign * n
"""
HEADLINE_SUMS_DELETE_ALL = f"MATCH (x:{HEADLINE_SUM}) DELETE x"
# the count-only indexes of the rows' first layout: dropped when the rows are rebuilt
HEADLINE_OLD_INDEXES = ("headline_row_first", "headline_row_first_today", "headline_row_issuer",
                        "headline_row_country")
DROP_INDEX = "DROP INDEX $name IF EXISTS"
_KEPT_STATE = "k.version AS version, k.today AS today, k.upto AS upto, k.building AS building"
KEPT_COUNTS_READ = f"MATCH (k:{KEPT_COUNTS}) RETURN {_KEPT_STATE}"
# the same, holding the node's write lock until the transaction ends: writers and the parts
# of a rebuild (graph/backends/neo4j_counts.py) read and move the state one at a time
KEPT_COUNTS_LOCK = f"MATCH (k:{KEPT_COUNTS}) SET k.locked = true RETURN {_KEPT_STATE}"
KEPT_COUNTS_WRITE = (f"MERGE (k:{KEPT_COUNTS} {{key: 'headline'}}) SET k.version = $version, "
                     "k.today = $today, k.upto = null, k.building = null")
# a rebuild in parts: begun (the sums cleared), every decision id up to $upto done so far
KEPT_COUNTS_BEGIN = (f"MERGE (k:{KEPT_COUNTS} {{key: 'headline'}}) SET k.version = '', "
                     "k.today = $today, k.upto = '', k.building = $version")
KEPT_COUNTS_STEP = f"MATCH (k:{KEPT_COUNTS}) SET k.upto = $upto, k.today = $today"
HEADLINE_DECISIONS_AFTER = ("MATCH (d:Decision) WHERE d.id > $upto "
                            "RETURN d.id AS did ORDER BY d.id LIMIT $size")
KEPT_COUNTS_CLEAR = (f"MATCH (h:{HEADLINE_ROW}) CALL (h) {{ DELETE h }} IN TRANSACTIONS OF 10000 ROWS",
                     f"MATCH (x:{HEADLINE_SUM}) CALL (x) {{ DELETE x }} IN TRANSACTIONS OF 10000 ROWS",
                     f"MATCH (k:{KEPT_COUNTS}) DELETE k")
# the decisions the noted ids lead to (graph/backends/keptnotes.py): a decision itself (or
# one deleted, by its kept rows), through IMPOSES, AGAINST (directly or through a
# sanction) and ISSUED
HEADLINE_AFFECTED = f"""
UNWIND $notes AS id
CALL (id) {{
  MATCH (n:{ENTITY} {{id: id}}) WHERE n:Decision RETURN n.id AS did
  UNION MATCH (h:{HEADLINE_ROW} {{did: id}}) RETURN h.did AS did
  UNION MATCH (x:{ENTITY})-[:IMPOSES]->(:{ENTITY} {{id: id}}) RETURN x.id AS did
  UNION MATCH (x:{ENTITY})-[:AGAINST]->(:{ENTITY} {{id: id}}) RETURN x.id AS did
  UNION MATCH (y:{ENTITY})-[:IMPOSES]->(:{ENTITY})-[:AGAINST]->(:{ENTITY} {{id: id}}) RETURN y.id AS did
  UNION MATCH (:{_REGULATOR} {{id: id}})-[:ISSUED]->(x:{ENTITY}) RETURN x.id AS did
}}
RETURN collect(DISTINCT did) AS dids
"""
HEADLINE_ALL_DECISIONS = "MATCH (d:Decision) RETURN collect(d.id) AS dids"
HEADLINE_DELETE_ALL = f"MATCH (h:{HEADLINE_ROW}) DELETE h"
HEADLINE_ROWS = f"MATCH (h:{HEADLINE_ROW}) RETURN count(h) AS count"
HEADLINE_DELETE = f"UNWIND $dids AS did MATCH (h:{HEADLINE_ROW} {{did: did}}) DELETE h"
# a part of a rebuild: the rows of the decision ids after $low (up to $high), whatever
# their layout, and of decisions that are gone
HEADLINE_DELETE_RANGE = f"MATCH (h:{HEADLINE_ROW}) WHERE h.did > $low AND h.did <= $high DELETE h"
HEADLINE_DELETE_AFTER = f"MATCH (h:{HEADLINE_ROW}) WHERE h.did > $low DELETE h"


def _established(at: str) -> str:
    return (f"EXISTS {{ MATCH (f)-[e:{_ESTABLISHMENT}]->(j) WHERE "
            f"{_valid_at('e.valid_from', 'e.valid_to', at)} AND "
            f"any(w IN eu WHERE w.node = j AND {_valid_at('w.from', 'w.to', at)}) }}")


# each headline candidate of these decisions (as _sanctions_match joins them), once per
# issuing regulator, with its filter columns, its order columns (HEADLINE_ORDER), the
# regulator shown (r) and its class at the decision date and today: 0 established in
# the EU, 1 located and not (the headline), 2 not located
HEADLINE_CREATE = f"""{_eu_windows()}
UNWIND $dids AS did
MATCH (d:Decision {{id: did}})
WITH eu, d, d.date AS ddate, {_regulator("d", 1)} AS reg
WHERE reg IS NOT NULL
WITH eu, d, ddate, reg, COLLECT {{ MATCH (g:{_REGULATOR})-[:ISSUED]->(d) RETURN DISTINCT g.id }} AS issuers
MATCH (d)-[imp:IMPOSES]->(s)
WITH eu, d, ddate, reg, issuers, s, imp,
     COLLECT {{ MATCH (s)-[a:AGAINST]->(t) RETURN {{t: t, a: a.id}} }} AS targets
WITH eu, d, ddate, reg, issuers, s, imp, CASE WHEN size(targets) > 0 THEN targets
     ELSE COLLECT {{ MATCH (d)-[a:AGAINST]->(t) RETURN {{t: t, a: a.id}} }} END AS targets
UNWIND targets AS target
WITH eu, d, ddate, reg, issuers, s, imp, target.t AS f, target.a AS aid WHERE f:Company
WITH eu, d, ddate, reg, issuers, s, imp, f, aid,
     (coalesce(f.country, '') <> '' OR EXISTS {{ (f)-[l:{_LOCATIONS}]->()
      WHERE coalesce(l.{_RULE}, '') = '' }}) AS located,
     {_established("ddate")} AS est_dt, {_established("$today")} AS est_today
UNWIND issuers AS issuer
CREATE (:{HEADLINE_ROW} {{did: d.id, sid: s.id, fid: f.id, iid: imp.id, aid: aid, r: reg.id,
  issuer: issuer, first: issuer = reg.id, country: reg.country,
  eu: any(w IN eu WHERE w.code = reg.country AND {_valid_at("w.from", "w.to", "ddate")}),
  fdt: CASE WHEN coalesce(ddate, '') = '' THEN null ELSE {_floor("ddate")} END,
  k: {_DATE_KEY},
  kind_dt: CASE WHEN est_dt THEN 0 WHEN located THEN 1 ELSE 2 END,
  kind_today: CASE WHEN est_today THEN 0 WHEN located THEN 1 ELSE 2 END}})
"""


# The classes "at today" read the dates of two kinds of window: a firm's establishments
# and the EU's memberships. Between two days they change only where such a window opens
# (its floor in (then, today]) or closes (its ceiling in [then, today)): the raw date lies
# between then's year and today, a range of an index of its own (the first statement's
# firms, the second's whether the EU changed). Every value is a parameter.
_WINDOW_INDEXES = {f"headline_window_{t.lower()}_{p}": (t, p)
                   for t in (_ESTABLISHMENT, _MEMBER_OF) for p in ("valid_from", "valid_to")}
KEPT_COUNTS_SCHEMA.update({
    name: f"CREATE INDEX {name} IF NOT EXISTS FOR ()-[e:{t}]-() ON (e.{p})"
    for name, (t, p) in _WINDOW_INDEXES.items()})


def _crossed(rel_type: str, start: str) -> tuple[str, str]:
    opens = (f"MATCH ({start})-[e:{rel_type}]->() WHERE e.valid_from >= $year AND "
             f"e.valid_from <= $today AND {_floor('e.valid_from')} > $then AND "
             f"{_floor('e.valid_from')} <= $today")
    closes = (f"MATCH ({start})-[e:{rel_type}]->() WHERE e.valid_to >= $year AND "
              f"e.valid_to <= $today AND {_ceiling('e.valid_to')} >= $then AND "
              f"{_ceiling('e.valid_to')} < $today")
    return opens, closes


_OPENS, _CLOSES = _crossed(_ESTABLISHMENT, "f")
HEADLINE_DAY_FIRMS = (f"CALL () {{ {_OPENS} RETURN f.id AS fid UNION {_CLOSES} RETURN f.id AS fid }} "
                      "RETURN collect(fid) AS firms")
_OPENS, _CLOSES = _crossed(_MEMBER_OF, "")
HEADLINE_DAY_EU = f"RETURN EXISTS {{ {_OPENS} }} OR EXISTS {{ {_CLOSES} }} AS changed"


def _headline_where(regulator: bool, jurisdiction: str, since: bool, until: bool,
                    today: bool) -> tuple[str, str]:
    """The kept rows' WHERE for a filter's shape, with the hint of the index whose columns
    it fixes (every column of a composite index needs a predicate for it to be used), and
    that index's columns: ordered by them all, a page reads the index in order."""
    kind = "kind_today" if today else "kind_dt"
    fixed: tuple[str, ...]
    if regulator:
        fixed = ("issuer", kind)
    elif jurisdiction and not today:
        fixed = ("eu" if jurisdiction == "eu" else "country", "first", kind)
    else:
        fixed = ("first", kind)
    where = ["h.issuer = $regulator" if regulator else "h.first = true", f"h.{kind} = $kind"]
    if jurisdiction == "eu":
        where.append("h.eu = true")
    elif jurisdiction:
        where.append("h.country = $jurisdiction")
    if since:  # k is the date's floor ('9999' when undated: fdt is null then)
        where.append(f"h.k >= {_floor('$since')} AND h.fdt IS NOT NULL")
    if until:
        where.append(f"h.k <= {_floor('$until')} AND h.fdt IS NOT NULL")
    where += [f"h.{c} IS NOT NULL" for c in HEADLINE_ORDER if c != "k" or not (since or until)]
    columns = ", ".join(f"h.{c}" for c in (*fixed, *HEADLINE_ORDER))
    hint = f"USING INDEX h:{HEADLINE_ROW}({columns.replace('h.', '')})"
    return f"{hint} WHERE {' AND '.join(where)}", columns


def headline_count(regulator: bool, jurisdiction: str, since: bool, until: bool,
                   today: bool) -> str:
    """The kept headline count for a filter's shape (``jurisdiction``: '', 'eu' or
    'code'); values as ``$regulator``, ``$jurisdiction``, ``$kind`` and, with dates, the
    floors ``$low``/``$high`` and their months ``$low_m``/``$high_m`` (the edge months' rows
    counted by index ranges, the months between them from the sums)."""
    sums = ["x.g = $regulator" if regulator else "x.p = true",
            f"x.{'kt' if today else 'kd'} = $kind"]
    if jurisdiction == "eu":
        sums.append("x.e = true")
    elif jurisdiction:
        sums.append("x.c = $jurisdiction")
    if not (since or until):
        return (f"MATCH (x:{HEADLINE_SUM}) WHERE x.m = '' AND {' AND '.join(sums)} "
                "RETURN coalesce(sum(x.n), 0) AS count")
    sums.append("size(x.m) = 7")  # dated months only ('9999': undated)
    edges = []
    if since:  # low's month, from low (and to high)
        sums.append("x.m > $low_m")
        where, _ = _headline_where(regulator, jurisdiction, True, until, today)
        edges.append(f"COUNT {{ MATCH (h:{HEADLINE_ROW}) {where} AND h.k <= $low_m + '-99' }}")
    if until:  # high's month, to high (and from low), unless that is low's month
        sums.append("x.m < $high_m")
        where, _ = _headline_where(regulator, jurisdiction, since, True, today)
        same = " AND $low_m <> $high_m" if since else ""
        edges.append(f"COUNT {{ MATCH (h:{HEADLINE_ROW}) {where} AND h.k >= $high_m + '-00'{same} }}")
    return (f"MATCH (x:{HEADLINE_SUM}) WHERE {' AND '.join(sums)} "
            f"WITH coalesce(sum(x.n), 0) AS months RETURN months + {' + '.join(edges)} AS count")


def _headline_seek(columns: Sequence[str]) -> str:
    """The rows after ``$after0``... in the order of ``columns`` (lexicographic: Cypher has
    no tuple comparison). The first column's ``>=`` is the index range the planner seeks
    to; the rest, read in index order from there, only passes over the key's own date. It
    is a CASE, not ORs: the planner splits ORs of indexed columns into a union of seeks
    from the key to the end, whose rows it must then sort."""
    tests = []
    for n, column in enumerate(columns[:-1]):
        tests += [f"WHEN h.{column} > $after{n} THEN true", f"WHEN h.{column} < $after{n} THEN false"]
    last = len(columns) - 1
    return (f"h.{columns[0]} >= $after0 AND CASE {' '.join(tests)} "
            f"ELSE h.{columns[last]} > $after{last} END")


def headline_page(regulator: bool, jurisdiction: str, since: bool, until: bool,
                  today: bool, seek: bool = False) -> str:
    """One page of kept headline rows (``$offset``, ``$limit``; the filter's values as in
    :func:`headline_count`): an index range in the catalogue's order cut by LIMIT, then
    the rows' nodes (the catalogue's picked properties), articles and source URLs; a row
    whose node is gone has ``gone`` true; ``n`` is each row's place in the page, ``key``
    its seek key (its HEADLINE_ORDER columns). ``seek``: the range starts after the key
    ``$after0``... (one per HEADLINE_ORDER column) instead of skipping ``$offset`` rows."""
    where, order = _headline_where(regulator, jurisdiction, since, until, today)
    if seek:
        where += f" AND {_headline_seek(HEADLINE_ORDER)}"
    return f"""MATCH (h:{HEADLINE_ROW}) {where}
WITH h ORDER BY {order} SKIP $offset LIMIT $limit
WITH collect(h) AS page
UNWIND range(0, size(page) - 1) AS n
WITH n, page[n] AS h
OPTIONAL MATCH (d:{ENTITY} {{id: h.did}})
OPTIONAL MATCH (s:{ENTITY} {{id: h.sid}})
OPTIONAL MATCH (f:{ENTITY} {{id: h.fid}})
OPTIONAL MATCH (reg:{ENTITY} {{id: h.r}})
RETURN n, d IS NULL OR s IS NULL OR f IS NULL OR reg IS NULL AS gone,
       [{', '.join('h.' + c for c in HEADLINE_ORDER)}] AS key,
       {_picked("s", "kind", "amount", "currency", "amount_eur")} AS sanction,
       {_picked("d", "ref", "date", "status")} AS decision,
       {_picked("reg", "name", "country")} AS regulator, {_picked("f", "name", "country")} AS firm,
       COLLECT {{ MATCH (d)-[:INFRINGES]->(art) RETURN art.id }} AS articles,
       {_source_urls("coalesce(s.sources, []) + coalesce(d.sources, [])", 3)} AS sources"""


# -- nodes counted by label and property value (graph/backends/neo4j_filtered_counts.py) --
VALUE_COUNT = "EnforcegraphValueCount"  # not a model label: never an Entity, never counted
VALUE_COUNTS = "EnforcegraphValueCounts"  # one node: the properties kept
VALUE_COUNTS_SCHEMA = {  # the key (a write's MERGE); a count's label and property (its seek)
    "value_count_key": f"CREATE INDEX value_count_key IF NOT EXISTS FOR (c:{VALUE_COUNT}) "
                       "ON (c._l, c._p, c._k)",
    "value_count_of": f"CREATE INDEX value_count_of IF NOT EXISTS FOR (c:{VALUE_COUNT}) "
                      "ON (c._l, c._p)",
}
VALUE_COUNTS_READ = f"MATCH (m:{VALUE_COUNTS}) RETURN m.properties AS properties"
VALUE_COUNTS_WRITE = f"MERGE (m:{VALUE_COUNTS} {{key: 'values'}}) SET m.properties = $properties"
VALUE_COUNTS_DELETE_ALL = f"MATCH (c:{VALUE_COUNT}) DELETE c"
VALUE_COUNTS_CLEAR = (f"MATCH (c:{VALUE_COUNT}) CALL (c) {{ DELETE c }} IN TRANSACTIONS OF 10000 ROWS",
                      f"MATCH (m:{VALUE_COUNTS}) DELETE m")
# the values of the kept properties ($props) of nodes by id, with each node's label
VALUES_OF = (
    f"UNWIND $ids AS id MATCH (n:{ENTITY} {{id: id}}) "
    f"RETURN [l IN labels(n) WHERE l <> '{ENTITY}'][0] AS label, [p IN $props | n[p]] AS values"
)
# move the counts: r.l label, r.p property, r.k the value as JSON, r.n by how much, r.value
# {property: value} (a null value sets nothing); a count that reaches 0 goes
VALUE_COUNTS_ADD = (
    f"UNWIND $rows AS r MERGE (c:{VALUE_COUNT} {{_l: r.l, _p: r.p, _k: r.k}}) "
    "ON CREATE SET c._n = 0 SET c._n = c._n + r.n, c += r.value "
    "WITH c WHERE c._n = 0 DELETE c"
)


def values_by_label(model: Model, name: str) -> str:
    """Every node of a label counted by the value of each property of ``$props``."""
    return (f"MATCH (n:{label(model, name)}) UNWIND $props AS p "
            "RETURN p, n[p] AS v, count(*) AS n")


def count_nodes_at_most(model: Model, name: str, filters: Sequence[Any]) -> Statement:
    """How many nodes of a label match the filters, counting at most ``$most``."""
    where, params = _where(model, name, filters)
    return (f"MATCH (n:{label(model, name)}){where} WITH n LIMIT $most "
            "RETURN count(n) AS count", params)


def count_values(model: Model, name: str, filters: Sequence[Any]) -> Statement:
    """The kept count of a label's nodes whose value of one property meets ``filters``:
    the count nodes hold the value under the property's name, so the nodes' own WHERE
    clause (``_where``) selects them."""
    where, params = _where(model, name, filters)
    params.update(vc_label=name, vc_prop=filters[0].property)
    condition = where.replace(" WHERE ", " AND ", 1)
    return (f"MATCH (n:{VALUE_COUNT}) WHERE n._l = $vc_label AND n._p = $vc_prop{condition} "
            "RETURN coalesce(sum(n._n), 0) AS count", params)
