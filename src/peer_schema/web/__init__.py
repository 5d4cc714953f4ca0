"""The web face of peer_schema (`peer-schema serve`): pages for associations and researchers
and a REST API, over the same library functions as the command line. Needs the `web` extra
(`python -m pip install ".[web]"` in the project's folder); `create_app` is in app.py, `run` in serve.py."""
