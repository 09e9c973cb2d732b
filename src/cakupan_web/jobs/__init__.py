"""Jobs: the web app's writes, queued and run one at a time by the worker (django-tasks with
its database backend, on the app database: SQLite by default, PostgreSQL when configured).
A request never writes the warehouse itself: it enqueues a job and shows its status page."""
