#include "core/common/thread_pool.h"

#include <algorithm>

#if defined(__x86_64__) || defined(_M_X64) || defined(__i386__)
#include <immintrin.h>
#define QD_CPU_RELAX() _mm_pause()
#else
#define QD_CPU_RELAX() std::this_thread::yield()
#endif

namespace qd {

namespace {
// A parked worker spins this many rounds before sleeping: back-to-back jobs (one per matrix in a
// forward pass) then start without a system call, while an idle pool costs no CPU.
constexpr int kSpinRounds = 4000;
}  // namespace

int ThreadPool::hardwareThreads() { return std::max(1u, std::thread::hardware_concurrency()); }

ThreadPool::ThreadPool(int threads) {
    m_size = threads > 0 ? threads : hardwareThreads();
    m_threads.reserve(m_size - 1);
    for (int w = 1; w < m_size; ++w) m_threads.emplace_back([this, w] { workerLoop(w); });
}

ThreadPool::~ThreadPool() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        ++m_generation;
        m_published.store(m_generation, std::memory_order_release);
    }
    m_wake.notify_all();
    for (auto& t : m_threads) t.join();
}

void ThreadPool::workerLoop(int worker) {
    uint64_t seen = 0;
    for (;;) {
        for (int i = 0; i < kSpinRounds && m_published.load(std::memory_order_acquire) == seen; ++i) QD_CPU_RELAX();
        const std::function<void(int, int)>* job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_generation != seen; });
            seen = m_generation;
            if (m_stop) return;
            job = m_job;
        }
        (*job)(worker, m_size);
        if (m_pending.fetch_sub(1, std::memory_order_acq_rel) == 1) {
            std::lock_guard lock(m_mutex);  // pairs with the caller's wait: no lost wake-up
            m_done.notify_one();
        }
    }
}

void ThreadPool::run(const std::function<void(int, int)>& job) {
    if (m_size == 1) {
        job(0, 1);
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        m_job = &job;
        m_pending.store(m_size - 1, std::memory_order_relaxed);
        ++m_generation;
        m_published.store(m_generation, std::memory_order_release);
    }
    m_wake.notify_all();
    job(0, m_size);
    // Barrier: spin briefly (workers usually finish together), then sleep.
    for (int i = 0; i < kSpinRounds && m_pending.load(std::memory_order_acquire) != 0; ++i) QD_CPU_RELAX();
    if (m_pending.load(std::memory_order_acquire) != 0) {
        std::unique_lock lock(m_mutex);
        m_done.wait(lock, [&] { return m_pending.load(std::memory_order_acquire) == 0; });
    }
}

void ThreadPool::parallelFor(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t, int)>& body) {
    if (n <= 0) return;
    grain = std::max<int64_t>(1, grain);
    if (m_size == 1 || n <= grain) {
        for (int64_t begin = 0; begin < n; begin += grain) body(begin, std::min(n, begin + grain), 0);
        return;
    }
    std::atomic<int64_t> next{0};
    run([&](int worker, int) {
        for (;;) {
            const int64_t begin = next.fetch_add(grain, std::memory_order_relaxed);
            if (begin >= n) return;
            body(begin, std::min(n, begin + grain), worker);
        }
    });
}

}  // namespace qd
