"""How to install an extra, in words that work: peer_schema is not on a package index, so an
extra is installed from the project's folder or from the wheel someone passed on, never by the
package's name alone."""

from __future__ import annotations


def extra_install_hint(extra: str) -> str:
    """The two commands that install `extra` (e.g. "web"), with this package's version in the
    wheel's name."""
    from . import __version__
    return (f'from the project\'s folder: python -m pip install ".[{extra}]"; or with its wheel: '
            f'python -m pip install "peer_schema-{__version__}-py3-none-any.whl[{extra}]"')
