"""`python -m schemacheck`."""

import sys

from schemacheck.cli import main

sys.exit(main())
