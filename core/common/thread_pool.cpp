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
// A waiting thread first spins this many rounds (back-to-back jobs, one per matrix of a forward pass,
// then start without a system call) ...
constexpr int kSpinRounds = 1000;
// ... then yields the core this many times (free when nothing else wants the core; when another
// program does, it runs instead of our spinning) ...
constexpr int kYieldRounds = 64;
// ... and then sleeps, so an idle pool costs no CPU.
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
        m_stop.store(true, std::memory_order_relaxed);
        ++m_generation;
        m_published.store(m_generation * 2, std::memory_order_release);
    }
    m_wake.notify_all();
    for (auto& t : m_threads) t.join();
}

template <typename Done>
void ThreadPool::waitFor(Done done) {
    for (int i = 0; i < kSpinRounds; ++i) {
        if (done()) return;
        QD_CPU_RELAX();
    }
    for (int i = 0; i < kYieldRounds; ++i) {
        if (done()) return;
        std::this_thread::yield();
    }
    std::unique_lock lock(m_mutex);
    m_done.wait(lock, done);
}

void ThreadPool::publish(uint64_t ticket) {
    m_published.store(ticket, std::memory_order_release);
}

void ThreadPool::runChunks(int worker) {
    const Body& body = *m_body;
    for (;;) {
        const int64_t begin = m_next.fetch_add(m_grain, std::memory_order_relaxed);
        if (begin >= m_count) return;
        body(begin, std::min(m_count, begin + m_grain), worker);
    }
}

void ThreadPool::workerLoop(int worker) {
    uint64_t seen = 0;
    for (;;) {
        uint64_t ticket = m_published.load(std::memory_order_acquire);
        for (int i = 0; i < kSpinRounds && ticket == seen; ++i) {
            QD_CPU_RELAX();
            ticket = m_published.load(std::memory_order_acquire);
        }
        for (int i = 0; i < kYieldRounds && ticket == seen; ++i) {
            std::this_thread::yield();
            ticket = m_published.load(std::memory_order_acquire);
        }
        if (ticket == seen) {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_published.load(std::memory_order_relaxed) != seen; });
            ticket = m_published.load(std::memory_order_relaxed);
        }
        seen = ticket;
        if (ticket & 1) {
            // A run() job: the caller waits for every worker, so its state is stable until we are done.
            (*m_job)(worker, m_size);
            if (m_pending.fetch_sub(1, std::memory_order_acq_rel) == 1) {
                std::lock_guard lock(m_mutex);  // pairs with the caller's wait: no lost wake-up
                m_done.notify_all();
            }
            continue;
        }
        if (m_stop.load(std::memory_order_relaxed)) return;  // ordered by the acquire of the ticket
        // A parallelFor loop: join only while it is still open. Counting ourselves in first and
        // checking second (both sequentially consistent) means the caller, which closes first and
        // counts second, either waits for us or we see it closed.
        m_inLoop.fetch_add(1, std::memory_order_seq_cst);
        if (m_open.load(std::memory_order_seq_cst) == ticket) runChunks(worker);
        if (m_inLoop.fetch_sub(1, std::memory_order_seq_cst) == 1) {
            std::lock_guard lock(m_mutex);
            m_done.notify_all();
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
        publish(m_generation * 2 + 1);
    }
    m_wake.notify_all();
    job(0, m_size);
    waitFor([&] { return m_pending.load(std::memory_order_acquire) == 0; });
}

void ThreadPool::parallelFor(int64_t n, int64_t grain, const Body& body) {
    if (n <= 0) return;
    grain = std::max<int64_t>(1, grain);
    if (m_size == 1 || n <= grain) {
        for (int64_t begin = 0; begin < n; begin += grain) body(begin, std::min(n, begin + grain), 0);
        return;
    }
    // No worker can be inside a loop here: the previous one drained m_inLoop before returning, and a
    // worker that counts itself in late finds m_open closed and touches nothing else.
    uint64_t ticket;
    {
        std::lock_guard lock(m_mutex);
        m_body = &body;
        m_count = n;
        m_grain = grain;
        m_next.store(0, std::memory_order_relaxed);
        ++m_generation;
        ticket = m_generation * 2;
        m_open.store(ticket, std::memory_order_seq_cst);
        publish(ticket);
    }
    m_wake.notify_all();
    runChunks(0);
    // Every chunk is handed out; close the loop so late workers skip it, and wait only for those
    // still working on a chunk.
    m_open.store(0, std::memory_order_seq_cst);
    waitFor([&] { return m_inLoop.load(std::memory_order_seq_cst) == 0; });
}

}  // namespace qd
