# khabar worker image; see docs/deploy.md. Docker does not run on the dev machines, so this file is
# checked statically by tests/unit/test_deploy.py (EXPOSE must equal Settings.web_port's default).
# Stage 1: the native module (native/, Rust) as a wheel. Debian 12's python3 is 3.11, as in the
# runtime image, whose glibc is not older.
FROM rust:1.95-slim-bookworm AS native
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv \
 && rm -rf /var/lib/apt/lists/* \
 && python3 -m venv /opt/maturin \
 && /opt/maturin/bin/pip install --no-cache-dir maturin==1.9.6
COPY native /src/native
RUN /opt/maturin/bin/maturin build --release --manifest-path /src/native/Cargo.toml --interpreter python3 --out /wheels

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
COPY --from=native /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl . && rm -rf /wheels

USER khabar
EXPOSE 6066
ENTRYPOINT ["khabar"]
CMD ["worker"]
