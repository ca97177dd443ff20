"""``python -m unity_sps_ogc_processes_api_python_client``: the command line ``ogc-processes``."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
