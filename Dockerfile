FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 bhp
WORKDIR /app

# The dependencies come from the lock, each checked against its hash, in a layer of their
# own that a change to the code does not rebuild. The site runs from /app, not installed.
COPY requirements/production.txt requirements/
RUN pip install --require-hashes -r requirements/production.txt

COPY manage.py gunicorn.conf.py ./
COPY bhp bhp
COPY core core
COPY pagecache pagecache
COPY members members
COPY news news
COPY strategy strategy
COPY documents documents
COPY search search
COPY contact contact
COPY pages pages
COPY people people
COPY opportunities opportunities
COPY events events
COPY publications publications
COPY notifications notifications
COPY workflow workflow
COPY signoff signoff
COPY wordpress wordpress
COPY demo demo
COPY templates templates
COPY static static
RUN SECRET_KEY=build-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput \
    && mkdir -p /var/lib/bhp/media && chown bhp /var/lib/bhp/media

USER bhp
ENV MEDIA_ROOT=/var/lib/bhp/media
EXPOSE 8000
CMD ["gunicorn", "bhp.wsgi"]
