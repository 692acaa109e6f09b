"""The GraphQL API: a read-only strawberry schema served by uvicorn (``create_app``)."""
