// A persistent pool of worker threads for data-parallel loops.
//
// Threads are started once and parked between jobs, so a parallel loop costs a wake-up and a barrier,
// not thread creation: the quantizer runs one loop per chunk of rows and the inference engine one per
// matrix multiplication. The calling thread takes part as worker 0, so a pool of size 1 runs
// everything inline with no synchronisation at all.
//
// A desktop engine shares the cores with the GUI and whatever else the person runs, so a thread that
// the system has descheduled must not hold the others up: parallelFor hands its chunks to whichever
// threads are running, and returns as soon as every chunk is done, without waiting for workers that had
// not yet joined (they find the loop closed and skip it). Waiting threads spin briefly, then yield the
// core to other runnable threads, then sleep, so a busy machine's other programs are not starved.
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
    using Body = std::function<void(int64_t, int64_t, int)>;
    void workerLoop(int worker);
    void runChunks(int worker);
    // Publishes job number `ticket` (see m_published) and wakes the workers.
    void publish(uint64_t ticket);
    // Spins, then yields, then sleeps on m_done until `done()`.
    template <typename Done>
    void waitFor(Done done);

    int m_size = 1;
    std::vector<std::thread> m_threads;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_done;
    uint64_t m_generation = 0;  // jobs so far (under m_mutex)
    // The newest job: generation * 2, plus 1 for a run() job that every worker must take part in;
    // written under m_mutex, read by spinning workers without it.
    std::atomic<uint64_t> m_published{0};
    std::atomic<bool> m_stop{false};  // written before the last publish

    // run(): the job, and the workers (not counting the caller) still in it.
    const std::function<void(int, int)>* m_job = nullptr;
    std::atomic<int> m_pending{0};

    // parallelFor(): the loop, open while m_open equals its m_published value (0: closed). A worker
    // counts itself in m_inLoop before it checks m_open, and the caller waits for m_inLoop to drain
    // after closing, so the loop's state lives as long as any worker that joined it.
    const Body* m_body = nullptr;
    int64_t m_count = 0;
    int64_t m_grain = 1;
    std::atomic<int64_t> m_next{0};
    std::atomic<uint64_t> m_open{0};
    std::atomic<int> m_inLoop{0};
};

}  // namespace qd
