"""The Python multiprocessing side of bench/pool.js: the same workloads, repeated in the same
order as pool_workloads.js repeats them, printed as one JSON object of times (ms)."""
import json, sys, time
from multiprocessing import Pool


def square(x):
    return x * x


def map_200k(pool, items):
    pool.map(square, items)


def apply_2000_sequential(pool, _):
    for i in range(2_000):
        pool.apply(square, (i,))


def apply_async_20k(pool, _):
    results = [pool.apply_async(square, (i,)) for i in range(20_000)]
    for r in results:
        r.get()


def imap_20k_chunksize_1(pool, _):
    for _ in pool.imap(square, range(20_000), chunksize=1):
        pass


def main():
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    ms = lambda start: round((time.perf_counter() - start) * 1000, 1)
    t = time.perf_counter()
    pool = Pool(workers)
    pool.apply(square, (7,))
    out = {"start_to_first_result": ms(t)}

    for _ in range(repeats):
        for run in (map_200k, apply_2000_sequential, apply_async_20k, imap_20k_chunksize_1):
            # built before the clock starts, as in pool_workloads.js
            items = list(range(200_000)) if run is map_200k else None
            t = time.perf_counter()
            run(pool, items)
            out.setdefault(run.__name__, []).append(ms(t))
    pool.terminate()
    pool.join()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
