"""``redline serve``: the store and the coder over HTTP (FastAPI).

``create_app`` builds the application; ``app.py`` holds the routes, ``coding.py`` where
texts are coded (worker processes or threads), ``store.py`` the locked-down read connection
and the writing path, ``events.py`` the events' queries and ``models.py`` the request and
response models. Nothing here runs SQL text from a client:
every query is written here, with the client's values as parameters.
"""

from redline.service.app import ServiceLimits, create_app

__all__ = ["ServiceLimits", "create_app"]
