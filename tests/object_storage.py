"""An S3-compatible server for tests: moto's server mode, started in this process on a free
loopback port (no network, no account). The root conftest.py registers these fixtures; use them
in a test that must see files go to a bucket::

    def test_it(s3_storage):              # default storage is now a fresh private bucket
        s3_storage.client.list_objects_v2(Bucket=s3_storage.bucket)

`s3_storage` switches the default storage to django-storages' S3 backend on a new bucket for
the test (the settings STORAGE_BUCKET would give) and back afterwards; `s3_environment()`
gives the environment variables that make another process (gunicorn, a worker) use it.
"""

import uuid
from dataclasses import dataclass

import pytest

ACCESS_KEY = "portal-test"
SECRET_KEY = "portal-test-secret"  # noqa: S105 (moto accepts any key)
REGION = "eu-west-2"


@dataclass
class S3:
    endpoint: str
    bucket: str
    client: object

    def environment(self) -> dict[str, str]:
        return {
            "STORAGE_BUCKET": self.bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": REGION,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_S3_ADDRESSING_STYLE": "path",
        }


def storage_settings(endpoint: str, bucket: str) -> dict:
    """The STORAGES["default"] that bscp_portal/settings.py builds from these variables."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint,
            "region_name": REGION,
            "access_key": ACCESS_KEY,
            "secret_key": SECRET_KEY,
            "location": "",
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 50,
            "file_overwrite": False,
            "addressing_style": "path",
        },
    }


@pytest.fixture(scope="session")
def moto_server():
    """moto's S3 server on 127.0.0.1, a free port, for the whole test session."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_storage(moto_server, settings):
    import boto3

    bucket = f"portal-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=moto_server,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )
    client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    client.put_public_access_block(
        Bucket=bucket,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )
    settings.STORAGE_BUCKET = bucket
    settings.STORAGES = {**settings.STORAGES, "default": storage_settings(moto_server, bucket)}
    yield S3(endpoint=moto_server, bucket=bucket, client=client)
