"""Runs of the store: plan each document (skip, duplicate or code), code it locally or on a
Dask cluster, write it in transactions. Above the coder and the store."""
