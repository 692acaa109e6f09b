// The page's only door to the data: POST /graphql (the public GraphQL API).

const ENDPOINT = new URL("graphql", document.baseURI).pathname;

export class ApiError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code || "ERROR";
  }
}

export async function gql(query, variables = {}, { signal } = {}) {
  let response;
  try {
    response = await fetch(ENDPOINT, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(`The API cannot be reached (${error.message}).`, "UNAVAILABLE");
  }
  let payload;
  try {
    payload = await response.json();
  } catch {
    throw new ApiError(`The API answered ${response.status} without JSON.`, "UNAVAILABLE");
  }
  if (payload.errors && payload.errors.length) {
    const first = payload.errors[0];
    throw new ApiError(first.message, first.extensions?.code);
  }
  return payload.data;
}

const NODE = "id label name properties";
const REL = "id type fromId toId validFrom validTo properties";

const SEARCH = `query Search($text: String!, $first: Int) {
  search(text: $text, first: $first) {
    totalCount
    edges { score node { ${NODE} } snippet { property parts { text match } } }
  }
}`;

const ENTITY = `query Entity($id: ID!) {
  node(id: $id) {
    ${NODE}
    sources { id url title publisher date kind }
    relationships { ${REL} sources { id url title publisher date }
      from { ${NODE} } to { ${NODE} } }
    moreRelationships
  }
}`;

// Decisions and statements shown on an entity page, with what the timeline needs.
const DETAILS = `query Details($ids: [ID!]!) {
  nodes(ids: $ids) {
    ${NODE}
    sources { id url title publisher date }
    relationships(types: [ISSUED, IMPOSES, APPEAL_OF, CONTRADICTED_BY, MADE_BY, ISSUED_VIA, ABOUT, AGAINST]) {
      ${REL} from { ${NODE} } to { ${NODE} }
    }
  }
}`;

const NEIGHBOURS = `query Neighbours($id: ID!) {
  node(id: $id) {
    ${NODE}
    relationships { ${REL} from { ${NODE} } to { ${NODE} } }
    moreRelationships
  }
}`;

const NODES = `query Nodes($ids: [ID!]!) { nodes(ids: $ids) { ${NODE} } }`;

const PATH = `query Path($from: ID!, $to: ID!, $maxHops: Int, $types: [RelationshipType!]) {
  path(from: $from, to: $to, maxHops: $maxHops, relationshipTypes: $types) {
    nodes { ${NODE} }
    relationships { ${REL} }
  }
}`;

const TYPES = `query Types { __type(name: "RelationshipType") { enumValues { name description } } }`;

/** Full-text hits: nodes, each with the passage that matched (`snippet`) when there is one. */
export async function search(text, first = 12, options = {}) {
  const data = await gql(SEARCH, { text, first }, options);
  return (data.search?.edges || []).map((edge) => ({ ...edge.node, snippet: edge.snippet || null }));
}

export async function entity(id) {
  const data = await gql(ENTITY, { id });
  return data.node;
}

export async function details(ids) {
  if (!ids.length) return [];
  const data = await gql(DETAILS, { ids });
  return (data.nodes || []).filter(Boolean);
}

export async function neighbours(id) {
  const data = await gql(NEIGHBOURS, { id });
  return data.node;
}

export async function nodes(ids) {
  if (!ids.length) return [];
  const data = await gql(NODES, { ids });
  return (data.nodes || []).filter(Boolean);
}

export async function path(from, to, types = null, maxHops = 6) {
  const data = await gql(PATH, { from, to, maxHops, types });
  return data.path;
}

export async function relationshipTypes() {
  const data = await gql(TYPES);
  return (data.__type?.enumValues || []).map((v) => ({ name: v.name, description: v.description || "" }));
}

const PATHS = `query Paths($from: ID!, $to: ID!, $maxHops: Int!, $types: [RelationshipType!], $avoid: [Label!], $k: Int!) {
  paths(from: $from, to: $to, maxHops: $maxHops, relationshipTypes: $types, avoidLabels: $avoid, k: $k) {
    nodes { ${NODE} }
    relationships { ${REL} }
  }
}`;

const LABELS = `query Labels { __type(name: "Label") { enumValues { name description } } }`;

const QUESTIONS = `query Questions { questions { key title kind name description argument } }`;

const TABLE = `query Table($question: String!, $argument: String, $filter: TableFilterInput,
  $orderBy: TableOrder, $first: Int, $offset: Int!) {
  questionTable(question: $question, argument: $argument, filter: $filter, orderBy: $orderBy,
    first: $first, offset: $offset) {
    question { key title description argument }
    columns { key title kind }
    totalCount
    rows
    facets { name values { value label count } }
    amountRange { min max }
  }
}`;

// The relationships among a set of entities (a table row's subgraph).
const ROW_GRAPH = `query RowGraph($ids: [ID!]!) {
  nodes(ids: $ids) { ${NODE} relationships { ${REL} } }
}`;

/** Up to k shortest paths (each through other inner nodes), none through `avoid` labels. */
export async function paths(from, to, { types = null, avoid = [], k = 1, maxHops = 6 } = {}) {
  const data = await gql(PATHS, { from, to, maxHops, types, avoid: avoid.length ? avoid : null, k });
  return data.paths || [];
}

export async function labels() {
  const data = await gql(LABELS);
  return (data.__type?.enumValues || []).map((v) => ({ name: v.name, description: v.description || "" }));
}

export async function questions() {
  return (await gql(QUESTIONS)).questions;
}

export async function questionTable(variables, options = {}) {
  return (await gql(TABLE, variables, options)).questionTable;
}

/** The entities and the relationships between them. */
export async function rowGraph(ids) {
  if (!ids.length) return { nodes: [], relationships: [] };
  const found = ((await gql(ROW_GRAPH, { ids })).nodes || []).filter(Boolean);
  const wanted = new Set(found.map((n) => n.id));
  const rels = new Map();
  for (const node of found) {
    for (const rel of node.relationships || []) {
      if (wanted.has(rel.fromId) && wanted.has(rel.toId)) rels.set(rel.id, rel);
    }
  }
  return { nodes: found, relationships: [...rels.values()] };
}
