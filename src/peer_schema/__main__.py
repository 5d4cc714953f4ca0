"""`python -m peer_schema`: the `peer-schema` command."""

from peer_schema.interrupts import run

if __name__ == "__main__":
    run()
