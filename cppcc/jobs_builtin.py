"""Job kinds every process knows (web and worker): `cppcc.selftest` proves background jobs end to end.

Imported by CppccConfig.ready(), so a Celery worker can run these jobs without importing tests.
"""

import os
import time

from cppcc.services import register_job

SELFTEST_MAX = 1000


@register_job("cppcc.selftest")
def selftest(job, progress):
    """Count to params["n"] (at most 1000), saving progress at each step; `delay` seconds per step.

    The message names the process, so a test can tell the worker ran it, not the web process.
    """
    n = max(0, min(int(job.params.get("n", 3)), SELFTEST_MAX))
    delay = max(0.0, min(float(job.params.get("delay", 0)), 1.0))
    progress(0, n)
    for i in range(1, n + 1):
        if delay:
            time.sleep(delay)
        progress(i)
    return f"counted to {n} in process {os.getpid()}"
