# The web image: gunicorn serving Django, as a non-root user, static files collected at build time.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, so that a code change does not reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir -p newsroom articles authors images \
    && pip install . \
    && pip uninstall -y newsroom

COPY . .
RUN pip install --no-deps . \
    && DEBUG=0 SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost STATIC_ROOT=/app/staticfiles \
       python manage.py collectstatic --noinput \
    && useradd --system --uid 10001 --home-dir /app newsroom \
    && mkdir -p /app/media \
    && chown -R newsroom /app/media

USER newsroom
ENV STATIC_ROOT=/app/staticfiles MEDIA_ROOT=/app/media
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"
CMD ["gunicorn", "newsroom.wsgi:application", "--config", "gunicorn.conf.py"]
