/** `GOFAST_DATA_DIR` value that keeps the embedded store in memory (tests only): read by config and storage resolution. */
export const IN_MEMORY_DATA_DIR = ':memory:';
