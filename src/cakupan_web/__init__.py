"""The Cakupan web app (Django): a thin shell over the :mod:`cakupan` library.

Views parse the request, make one selector call (reads) or service call (writes) and
render. The web process only reads the warehouse.
"""
