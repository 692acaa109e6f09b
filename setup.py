"""The build's one hook (everything else is in pyproject.toml): the web page and GraphiQL,
built by api/web/build.sh from the npm lock file into api/web/dist, go into every sdist
and wheel as package data, so an installed wheel serves the page, not a placeholder.

A wheel or sdist build (re)builds the page first; an editable install builds it only when
it is missing (``make web`` rebuilds it). A tree without the page's sources (an unpacked
sdist) uses the page it carries.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.egg_info import egg_info
from setuptools.command.sdist import sdist

WEB = Path(__file__).resolve().parent / "api" / "web"


def build_web(always: bool) -> None:
    """Run api/web/build.sh unless the page is built (and ``always`` is false)."""
    built = all((WEB / "dist" / page).is_file() for page in ("index.html", "graphiql.html"))
    if built and not always:
        return
    script = WEB / "build.sh"
    if not script.is_file() or shutil.which("npm") is None:
        if built:
            return
        raise SystemExit("api/web/dist (the web page) is not built and cannot be built here: "
                         "api/web/build.sh needs npm (Node.js) and api/web/package-lock.json")
    subprocess.run(["sh", str(script)], check=True)


class BuildPy(build_py):
    def run(self) -> None:
        build_web(always=not self.editable_mode)
        super().run()


class EggInfo(egg_info):
    def run(self) -> None:
        build_web(always=False)  # its file list reads the page's folders
        super().run()


class Sdist(sdist):
    def run(self) -> None:
        build_web(always=True)
        super().run()


setup(cmdclass={"build_py": BuildPy, "egg_info": EggInfo, "sdist": Sdist})
