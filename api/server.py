"""Run the API on uvicorn (uvloop and httptools when installed)."""

from __future__ import annotations

import importlib.util
import os

from enforcegraph.graph.settings import SETTINGS_DOC, Settings

__all__ = ["run_server", "server_options"]


def server_options(settings: Settings) -> dict[str, object]:
    """uvicorn options for these settings."""
    has = importlib.util.find_spec
    return {
        "host": settings.host,
        "port": settings.port,
        "loop": "uvloop" if has("uvloop") else "asyncio",
        "http": "httptools" if has("httptools") else "h11",
        "log_level": settings.log_level.lower(),
        "timeout_graceful_shutdown": 5,
    }


def _export_settings(settings: Settings) -> None:
    """Put every setting into the environment, for worker processes to rebuild them."""
    for name, (variable, _) in SETTINGS_DOC.items():
        value = getattr(settings, name)
        if value is None:  # unset (no API key file)
            os.environ.pop(variable, None)
            continue
        if isinstance(value, tuple):
            value = ",".join(value)
        elif isinstance(value, bool):
            value = "1" if value else "0"
        os.environ[variable] = str(value)


def run_server(settings: Settings) -> None:
    """Serve until interrupted; prints the URL first."""
    import uvicorn

    from enforcegraph.api.access import load_keys
    from enforcegraph.api.app import create_app

    if settings.api_keys is not None:  # a bad key file stops here, not in each worker
        load_keys(settings.api_keys)
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    base = f"http://{host}:{settings.port}"
    print(f"enforcegraph API: {base}/graphql (GraphiQL in a browser); page: {base}/", flush=True)
    options = server_options(settings)
    if settings.workers > 1:
        _export_settings(settings)
        uvicorn.run(
            "enforcegraph.api.app:app_from_env", factory=True, workers=settings.workers, **options  # type: ignore[arg-type]
        )
    else:
        uvicorn.run(create_app(settings, serving=True), **options)  # type: ignore[arg-type]
