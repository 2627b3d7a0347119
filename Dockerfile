# 清廉看板 Qinglian Dashboard in a container. Recipe and commands: docs/deploy.md ("A container").
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none

# The allocators' settings of deploy/replica.env (why: there), the same lines: a replica's memory at national scale.
ENV MALLOC_ARENA_MAX=2 \
    MALLOC_MMAP_THRESHOLD_=131072 \
    MALLOC_TRIM_THRESHOLD_=131072 \
    ARROW_DEFAULT_MEMORY_POOL=system

# An unprivileged user runs the app; the code and data it serves stay owned by root, read-only to it.
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin qinglian
WORKDIR /app

# Dependencies first, so a code or data change does not reinstall them. Only PyPI is contacted.
COPY requirements.txt ./
RUN pip install -r requirements.txt

# Streamlit's JavaScript, compressed once here (brotli 11, gzip 9) and served so by deploy/container.py:
# a phone receives about 2.3 MB instead of 7.6 MB on its first visit (docs/deploy.md).
COPY deploy/__init__.py deploy/assets.py deploy/
RUN python -m deploy.assets /app/assets

COPY .streamlit/ .streamlit/
COPY dashboard/ dashboard/
COPY data/ data/
COPY deploy/healthcheck.py deploy/container.py deploy/

USER qinglian
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
    CMD ["python", "deploy/healthcheck.py"]
# `python -m` puts /app on the import path, so `import dashboard` needs no install of the project.
# deploy/container.py is dashboard/app.py as an st.App, with the compressed static files in front.
CMD ["python", "-m", "streamlit", "run", "deploy/container.py"]
