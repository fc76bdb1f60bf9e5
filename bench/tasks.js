// Task functions for the benchmarks.
export function square(x) {
  return x * x;
}
