"""Accounts for the benchmarks: intake acts as a logged-in account."""

import subprocess
import sys


def sign_in(dossier, store):
    """Makes the store's first account (a supervisor) and logs this client in as it: intake acts
    as a logged-in account. The client's session lives under $DOSSIER_CONFIG_HOME, which the caller sets."""
    password = "benchmark password\n"
    for args in (["users", "add", "bench", "--role", "supervisor", "--password-stdin"], ["login", "bench", "--password-stdin"]):
        result = subprocess.run([dossier] + args + ["--store", store], input=password, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"cannot sign in to the benchmark store: {result.stderr.strip()}")
