"""The HTTP API the kiosks talk to: the FastAPI app, its routes, request schemas and token check."""
