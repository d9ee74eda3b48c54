"""Helpers the Dask suite sends to its workers (imported there by name, so they live in
a module of their own rather than in a test file)."""

import os

try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # the suite skips without dask; this module must still import
    WorkerPlugin = object


class KillSwitch(WorkerPlugin):
    """Makes reading some inputs kill the worker process, as a crash in a C library or
    the out-of-memory killer would: a name with ``always-kills`` every time; a name
    with ``first-kills`` while the test's marker file ``<path>.armed`` exists (the
    first attempt removes it, so the retry goes through)."""

    name = "qmine-test-kill-switch"

    def setup(self, worker) -> None:
        from qmine.extract import job

        real = getattr(job.read_source, "wrapped", job.read_source)

        def read_source(source, name=None):
            text = str(name if name is not None else source)
            if "always-kills" in text:
                os._exit(17)
            armed = f"{source}.armed"
            if "first-kills" in text and os.path.exists(armed):
                os.remove(armed)
                os._exit(17)
            return real(source, name)

        read_source.wrapped = real
        job.read_source = read_source
