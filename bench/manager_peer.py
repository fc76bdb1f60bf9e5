"""The Python multiprocessing side of bench/manager.js: two pool processes each do N
increments of one Manager dict key under a Manager lock. The pool is started and warm before
the clock starts, as on the Node side. Prints one JSON line (milliseconds)."""
import json, os, sys, time
from multiprocessing import Manager, Pool


def increment(d, lock, n):
    for _ in range(n):
        with lock:
            d["counter"] = d["counter"] + 1
    return n


def ready(d, lock):
    # Touch both proxies once so each worker's connections to the manager are made.
    with lock:
        d.get("counter")
    return os.getpid()


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    with Manager() as manager, Pool(2) as pool:
        d = manager.dict()
        d["counter"] = 0
        lock = manager.Lock()
        pids = set()
        while len(pids) < 2:
            pids.update(pool.starmap(ready, [(d, lock)] * 4, chunksize=1))
        t = time.perf_counter()
        results = [pool.apply_async(increment, (d, lock, n)) for _ in range(2)]
        for r in results:
            r.get()
        elapsed = time.perf_counter() - t
        total = d["counter"]
    print(json.dumps({"workload": "manager_dict_lock_increments", "processes": 2, "increments": n,
                      "total": total, "ms": round(elapsed * 1000, 1)}))


if __name__ == "__main__":
    main()
