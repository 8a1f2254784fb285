# Jiuye service image. The install steps are the README quick start's; keep them identical.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN useradd --create-home --uid 10001 jiuye
WORKDIR /app
COPY --chown=jiuye:jiuye . /app

USER jiuye
RUN python3 -m venv .venv && .venv/bin/pip install -q -e .

# Production needs JIUYE_DATABASE_URL (PostgreSQL), JIUYE_SECRET_KEY and the WeChat/SMS settings.
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD python3 -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=2).status != 200)"
CMD [".venv/bin/jiuye", "serve", "--host", "0.0.0.0", "--port", "8080"]
