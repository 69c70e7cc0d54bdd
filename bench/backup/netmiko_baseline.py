"""The original design's device path, as a baseline: Netmiko ConnectHandler + send_command in a
ThreadPoolExecutor of 5 workers. Reads lab devices as JSON lines on stdin, prints one JSON line."""
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from netmiko import ConnectHandler


def backup(device):
    started = time.monotonic()
    connection = ConnectHandler(
        device_type="cisco_ios",
        host=device["host"],
        port=device["port"],
        username=device["username"],
        password=device["password"],
        secret=device.get("enablePassword") or "",
    )
    try:
        if device.get("enablePassword"):
            connection.enable()
        config = connection.send_command("show running-config")
        connection.send_command("show version")
        if "hostname" not in config:
            raise RuntimeError("no config captured")
    finally:
        connection.disconnect()
    return time.monotonic() - started


def main():
    devices = [json.loads(line) for line in sys.stdin if line.strip()]
    started = time.monotonic()
    failures = 0
    durations = []
    with ThreadPoolExecutor(max_workers=5) as pool:
        for future in [pool.submit(backup, d) for d in devices]:
            try:
                durations.append(future.result())
            except Exception:  # noqa: BLE001 - the baseline counts failures, it does not stop on one
                failures += 1
    elapsed = time.monotonic() - started
    print(json.dumps({"devices": len(devices), "failures": failures, "seconds": elapsed, "durations": durations}))


if __name__ == "__main__":
    main()
