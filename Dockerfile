FROM python:3.13-slim-bookworm
# WeasyPrint needs Pango; fonts for the PDF; libpq for PostgreSQL.
RUN apt-get update && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core libpq5 \
    && rm -rf /var/lib/apt/lists/*
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN useradd --create-home portal && mkdir -p /app/var/media && chown -R portal /app/var
# collectstatic needs settings that pass validation; these values are build-time only.
RUN DEBUG=false SECRET_KEY=build-only ALLOWED_HOSTS=build python manage.py collectstatic --noinput
USER portal
EXPOSE 8000
CMD ["gunicorn", "bscp_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
