#!/usr/bin/env python3
"""Save-to-PDF latency of `protokoll watch`, as a secretary feels it.

    benches/watch.py BIN MEETING_FILE WATCHED_DIR OUT_DIR ROUNDS

Starts `BIN watch WATCHED_DIR --out OUT_DIR`, waits for the first build, then
ROUNDS times: changes one word of MEETING_FILE (alternating, so every save is a
real change), and measures the time from the write until the meeting's protocol
PDF has been replaced (polled every millisecond). Prints a Markdown table row
with the median and the slowest round. Stdlib only.
"""

import os
import statistics
import subprocess
import sys
import threading
import time


def main():
    binary, meeting, watched, out, rounds = sys.argv[1:6]
    rounds = int(rounds)
    stem = os.path.splitext(os.path.basename(meeting))[0]
    year = os.path.basename(os.path.dirname(meeting))
    organ = os.path.basename(os.path.dirname(os.path.dirname(meeting)))
    pdf = os.path.join(out, organ, year, f"{stem}-protokoll.pdf")

    child = subprocess.Popen(
        [binary, "watch", watched, "--out", out],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    waiting = threading.Event()
    lines = []

    def read():
        for line in child.stderr:
            lines.append(line.rstrip("\n"))
            if line.startswith("väntar på ändringar"):
                waiting.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        if not waiting.wait(300):
            sys.exit(f"watch never finished its first build: {lines}")
        original = open(meeting, encoding="utf-8").read()
        times = []
        for i in range(rounds):
            waiting.clear()
            before = os.stat(pdf).st_mtime_ns
            text = original + f"\n# ändring {i}\n" if i % 2 == 0 else original
            # A change a template prints: the meeting's place.
            text = text.replace("plats: ", f"plats: Rum {i}, ", 1)
            start = time.monotonic()
            with open(meeting, "w", encoding="utf-8") as f:
                f.write(text)
            while True:
                try:
                    if os.stat(pdf).st_mtime_ns != before:
                        break
                except FileNotFoundError:
                    pass
                if time.monotonic() - start > 60:
                    sys.exit(f"no new PDF within 60 s: {lines[-5:]}")
                time.sleep(0.001)
            times.append(time.monotonic() - start)
            # Let the round finish (the other documents) before the next save.
            if not waiting.wait(60):
                sys.exit(f"round {i} did not finish: {lines[-5:]}")
        ms = [t * 1000 for t in times]
        print(
            f"| watch: save → protocol PDF replaced, SocSam 2021-02-26, {rounds} saves "
            f"| median {statistics.median(ms):.0f} ms, slowest {max(ms):.0f} ms | | | |"
        )
    finally:
        child.kill()
        child.wait()


if __name__ == "__main__":
    main()
