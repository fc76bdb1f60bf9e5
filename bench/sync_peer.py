"""The Python multiprocessing side of bench/sync.js: the same workloads, one JSON line."""
import json, sys, time
from multiprocessing import Event, Process, Queue, Value


def produce(q, ready, go, n):
    ready.put("ready")
    go.wait()
    for i in range(n):
        q.put(i)


def increment(counter, ready, go, n):
    ready.put("ready")
    go.wait()
    for _ in range(n):
        with counter.get_lock():
            counter.value += 1
    ready.put("done")


def queue_workload(n):
    q, ready, go = Queue(), Queue(), Event()
    child = Process(target=produce, args=(q, ready, go, n))
    child.start()
    ready.get()
    start = time.perf_counter()
    go.set()
    last = -1
    for _ in range(n):
        last = q.get()
    ms = (time.perf_counter() - start) * 1000
    child.join()
    assert last == n - 1, last
    return ms


def value_workload(n):
    counter, ready, go = Value("i", 0), Queue(), Event()
    children = [Process(target=increment, args=(counter, ready, go, n)) for _ in range(2)]
    for c in children:
        c.start()
    for _ in children:
        ready.get()
    start = time.perf_counter()
    go.set()
    for _ in children:
        ready.get()
    ms = (time.perf_counter() - start) * 1000
    for c in children:
        c.join()
    assert counter.value == 2 * n, counter.value
    return ms


def main():
    queue_n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    increments_n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    out = {"queue_ms": round(queue_workload(queue_n), 1), "value_ms": round(value_workload(increments_n), 1)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
