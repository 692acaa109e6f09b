# The enforcegraph API (GraphQL, web page, CLI) as a non-root container.
# Used by docker-compose.yml; run alone with the ENFORCEGRAPH_* settings of the README.
# The web page's assets: the graph library from npm through the lock file.
FROM node:20-slim AS web
WORKDIR /web
COPY api/web ./
RUN sh build.sh

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY src ./src
COPY schema ./schema
COPY graph ./graph
COPY loaders ./loaders
COPY api ./api
COPY --from=web /web/dist ./api/web/dist
# neo4j-rust-ext (the "speed" extra) makes the Neo4j driver faster; EXTRAS="" leaves it out.
ARG EXTRAS=speed
RUN pip install ".[${EXTRAS}]" && rm -rf /src

RUN useradd --system --create-home --uid 10001 enforcegraph
USER enforcegraph
WORKDIR /home/enforcegraph

ENV ENFORCEGRAPH_HOST=0.0.0.0 \
    ENFORCEGRAPH_PORT=8000 \
    ENFORCEGRAPH_DB=/home/enforcegraph/graph.sqlite
EXPOSE 8000
CMD ["enforcegraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
