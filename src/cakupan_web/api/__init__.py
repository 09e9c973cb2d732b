"""The HTTP API (``/api/v1/``, django-ninja): coverage, gap and progress, areas, work lists
and visits, uploads as jobs, report downloads — for partners' systems and OpenSID/OpenKab
dashboards. Each request is authenticated by a user's token and answered exactly as the web
answers that user (the same scoped library readers); persons are audited as in the web."""
