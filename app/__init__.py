"""App assembly: the FastAPI application made of every package's routers and workers."""
