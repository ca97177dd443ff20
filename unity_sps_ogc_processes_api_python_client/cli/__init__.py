"""The command line ``ogc-processes`` (also ``python -m unity_sps_ogc_processes_api_python_client``).

A layer on top of :class:`~unity_sps_ogc_processes_api_python_client.Client` and
:class:`~unity_sps_ogc_processes_api_python_client.Job`: ``processes``, ``describe``, ``conformance``,
``execute``, ``jobs``, ``status``, ``watch``, ``results``, ``dismiss``, ``deploy``, ``undeploy``, and
``campaign add|run|status|retry|export`` (many jobs from a journal).
See docs/CLI.md.

- ``parser``: the commands and options (argparse), each with an example in its ``--help``;
- ``app``: :func:`main`: errors as one line and an exit status (0, 1, 2, 130);
- ``commands``: what each command does (``campaign``: the campaign commands); ``inputs``: what it reads;
  ``render``: what it prints.
"""

from .app import main

__all__ = ["main"]
