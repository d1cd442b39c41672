/** Benchmark drivers run by the scripts in {@code bench/} (not tests: they assert nothing). */
package dev.pinkeeper.bench;
