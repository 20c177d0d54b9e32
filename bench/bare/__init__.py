"""The benchmark's baseline: the least a Django site can do, one view returning "Hello", with
no middleware, no apps and no database, run by gunicorn exactly as the site is
(`gunicorn.conf.py`). `manage.py bench` compares every page with it."""
