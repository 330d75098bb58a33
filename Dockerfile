# The CaseLink service image; Neo4j runs as its own service (docker-compose.yml).
FROM node:20-bookworm-slim AS web
WORKDIR /src/web
COPY web/package*.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

FROM python:3.11-slim
WORKDIR /srv/caselink
COPY pyproject.toml README.md ./
COPY app ./app
COPY loaders ./loaders
COPY cypher ./cypher
COPY config ./config
COPY --from=web /src/app/workbench/static/dist ./app/workbench/static/dist
RUN pip install --no-cache-dir -e .
ENV CASELINK_HOST=0.0.0.0
EXPOSE 8000
CMD ["caselink", "serve"]
