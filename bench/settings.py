"""Production settings for the benchmark: the site's urls plus a bare view to compare with.

Everything else is `clinic.settings.prod`, read from the environment the benchmark sets
(secret key, allowed hosts 127.0.0.1, no HTTPS redirect, its own database).
"""

import os

from clinic.settings.base import STATIC_ROOT
from clinic.settings.prod import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# collectstatic writes into the benchmark's temporary folder, not the working tree.
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", STATIC_ROOT)
