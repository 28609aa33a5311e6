"""Identity of the emulated account the end-to-end tests use (dummy credentials, never real ones)."""
import os

REGION = "ap-southeast-1"
ACCOUNT_ID = "000000000000"
ACCESS_KEY = "AKIAECSEMUE2ETEST000"
SECRET_KEY = "ecsemu-e2e-dummy-secret-key-000000000000"
REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
