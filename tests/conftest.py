import os
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLD = ROOT / "tests" / "gold"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def s3_endpoint():
    """The address a local moto S3 server will listen on, said in the environment
    (fsspec's FSSPEC_S3_ENDPOINT_URL, dummy credentials) before any worker process is
    started, so workers and `qmine` processes all find it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    env = {"FSSPEC_S3_ENDPOINT_URL": url, "AWS_ACCESS_KEY_ID": "testing",
           "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}
    before = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        import fsspec.config

        # read at import, here already
        fsspec.config.conf.setdefault("s3", {})["endpoint_url"] = url
    except ImportError:
        pass
    yield port
    for k, v in before.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="session")
def dask_scheduler(s3_endpoint):
    """ONE LocalCluster for the whole session: 2 single-thread worker processes. A task
    is retried once after its worker dies (allowed-failures 1), so the kill tests are
    quick; each worker holds one task at a time (worker-saturation 1.0), so a death
    is charged to the task that caused it."""
    pytest.importorskip("distributed", reason="pip install 'qmine[dask]'")
    pytest.importorskip("pyarrow", reason="pip install 'qmine[parquet]'")
    import dask
    from dask_helpers import KillSwitch
    from distributed import Client, LocalCluster

    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")
    config = {"distributed.scheduler.allowed-failures": 1,
              "distributed.scheduler.worker-saturation": 1.0}
    with dask.config.set(config):
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               dashboard_address=":0")
    client = Client(cluster)
    client.register_plugin(KillSwitch())
    yield cluster.scheduler_address
    client.close()
    cluster.close()
