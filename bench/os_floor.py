"""The machine's own floor under sequential round trips, printed beside bench/pool.js's results.

Two processes bounce a byte over a pair of pipes, first pinned to one CPU, then to two.
Across CPUs every hop wakes an idle CPU; in a VM that wake-up can cost tens of
microseconds, so sequential apply (one task in flight) depends on where the scheduler put
the parent and its worker as much as on either. Prints one JSON object (microseconds).
"""
import json, os, time

ROUND_TRIPS = 5000


def round_trip_us(parent_cpu, child_cpu):
    r1, w1 = os.pipe()
    r2, w2 = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.sched_setaffinity(0, {child_cpu})
        while True:
            b = os.read(r1, 1)
            if not b or b == b"q":
                os._exit(0)
            os.write(w2, b)
    os.sched_setaffinity(0, {parent_cpu})
    os.write(w1, b"x")  # one trip first, so both run where they were pinned
    os.read(r2, 1)
    start = time.perf_counter()
    for _ in range(ROUND_TRIPS):
        os.write(w1, b"x")
        os.read(r2, 1)
    took = time.perf_counter() - start
    os.write(w1, b"q")
    os.waitpid(pid, 0)
    for fd in (r1, w1, r2, w2):
        os.close(fd)
    return round(took / ROUND_TRIPS * 1e6, 1)


cpus = sorted(os.sched_getaffinity(0))
out = {"pipe_round_trip_same_cpu_us": round_trip_us(cpus[0], cpus[0])}
if len(cpus) > 1:
    out["pipe_round_trip_across_cpus_us"] = round_trip_us(cpus[0], cpus[1])
print(json.dumps(out))
