"""The Python multiprocessing side of bench/pool.js: the same workloads, one JSON line each."""
import json, sys, time
from multiprocessing import Pool


def square(x):
    return x * x


def main():
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    out = {}
    t = time.perf_counter()
    pool = Pool(workers)
    pool.apply(square, (7,))
    out["start_to_first_result"] = time.perf_counter() - t

    items = list(range(200_000))  # built before the clock starts, as in pool_workloads.js
    t = time.perf_counter()
    pool.map(square, items)
    out["map_200k"] = time.perf_counter() - t

    t = time.perf_counter()
    for i in range(2_000):
        pool.apply(square, (i,))
    out["apply_2000_sequential"] = time.perf_counter() - t

    t = time.perf_counter()
    results = [pool.apply_async(square, (i,)) for i in range(20_000)]
    for r in results:
        r.get()
    out["apply_async_20k"] = time.perf_counter() - t

    t = time.perf_counter()
    for _ in pool.imap(square, range(20_000), chunksize=1):
        pass
    out["imap_20k_chunksize_1"] = time.perf_counter() - t
    pool.terminate()
    pool.join()
    print(json.dumps({k: round(v * 1000, 1) for k, v in out.items()}))


if __name__ == "__main__":
    main()
