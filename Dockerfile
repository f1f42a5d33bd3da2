# khabar worker image; see docs/deploy.md. Docker does not run on the dev machines, so this file is
# checked statically by tests/unit/test_deploy.py (EXPOSE must equal Settings.web_port's default).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    KHABAR_WEB_HOST=0.0.0.0 \
    KHABAR_DATA_DIR=/data \
    KHABAR_SCHEMAS_DIR=/app/schemas

RUN useradd --create-home --uid 10001 --user-group khabar \
 && mkdir -p /data \
 && chown khabar:khabar /data

WORKDIR /app
# The whole repository except what .dockerignore excludes: pyproject.toml, workers/ and schemas/.
COPY . .
RUN pip install --no-cache-dir .

USER khabar
EXPOSE 6066
ENTRYPOINT ["khabar"]
CMD ["worker"]
