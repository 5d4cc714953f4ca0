"""The web face of peer_schema (`peer-schema serve`): pages for associations and researchers
and a REST API, over the same library functions as the command line. Needs the `web` extra
(`pip install "peer_schema[web]"`); `create_app` is in app.py, `run` in serve.py."""
