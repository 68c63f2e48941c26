"""The ``kg`` command line: a thin shell over the package.

Each sub-command lives in ``kg/commands/<name>.py`` and defines ``HELP`` (one line),
``add_arguments(parser)`` and ``run(args) -> int``.  Command modules import their heavy
dependencies inside ``run`` so that ``kg --help`` stays fast.  Errors a user can cause
(:class:`kg.errors.KGError`) become one line on stderr and a non-zero exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__
from .errors import KGError

#: Sub-commands in the order ``kg --help`` lists them.
COMMANDS = ("extract", "build", "query", "export", "viz", "serve", "push", "load", "eval")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Arabic news to a knowledge graph: entities, events, RDF, SPARQL and interactive views.",
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            mod = importlib.import_module(f"kg.commands.{name}")
        except ModuleNotFoundError as exc:  # a command not built yet
            if exc.name != f"kg.commands.{name}":
                raise
            continue
        p = sub.add_parser(name, help=mod.HELP, description=getattr(mod, "DESCRIPTION", mod.HELP),
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except KGError as exc:
        print(f"kg {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `kg extract ... | head`
        try:
            sys.stdout = None  # type: ignore[assignment]
        finally:
            return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
