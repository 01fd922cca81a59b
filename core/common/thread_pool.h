// A persistent pool of worker threads for data-parallel loops.
//
// Threads are started once and parked between jobs, so a parallel loop costs a wake-up and a barrier,
// not thread creation: the quantizer runs one loop per chunk of rows and the inference engine one per
// matrix multiplication. The calling thread takes part as worker 0, so a pool of size 1 runs
// everything inline with no synchronisation at all.
//
// Jobs must not throw (core code returns errors as values); a job that needs to report failure writes
// it to state it owns per worker index.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace qd {

class ThreadPool {
public:
    // `threads` counts the calling thread; 0 means one per hardware thread.
    explicit ThreadPool(int threads = 0);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    int size() const { return m_size; }

    // Runs job(worker, size()) once on each of the size() threads (worker 0 is the caller) and returns
    // when all have finished: static partitioning, as a forward pass splits a matrix by rows.
    void run(const std::function<void(int worker, int workers)>& job);

    // Runs body(begin, end, worker) over [0, n) in chunks of at most `grain` items handed out
    // dynamically (an atomic counter), so uneven chunks balance; returns when all are done.
    void parallelFor(int64_t n, int64_t grain, const std::function<void(int64_t begin, int64_t end, int worker)>& body);

    // Hardware threads, at least 1.
    static int hardwareThreads();

private:
    void workerLoop(int worker);

    int m_size = 1;
    std::vector<std::thread> m_threads;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_done;
    const std::function<void(int, int)>* m_job = nullptr;
    uint64_t m_generation = 0;          // bumped for every job; workers run each generation once
    std::atomic<int> m_pending{0};      // workers (not counting the caller) still in the current job
    std::atomic<uint64_t> m_published{0};  // m_generation, readable without the lock for spinning
    bool m_stop = false;
};

}  // namespace qd
