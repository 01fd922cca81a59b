// ThreadPool: every index exactly once, every worker once per run(), many back-to-back jobs (the
// barrier), pools of one thread running inline, and a pool destroyed while idle.
#include <QtTest>

#include <atomic>
#include <thread>
#include <vector>

#include "core/common/thread_pool.h"

using qd::ThreadPool;

class TestThreadPool : public QObject {
    Q_OBJECT

private slots:
    void parallelForCoversEachIndexOnce_data() {
        QTest::addColumn<int>("threads");
        QTest::addColumn<qint64>("n");
        QTest::addColumn<qint64>("grain");
        for (int t : {1, 2, 3, 8})
            for (qint64 n : {0, 1, 7, 1000, 100003})
                for (qint64 g : {1, 16, 1000000})
                    QTest::addRow("t%d n%lld g%lld", t, (long long)n, (long long)g) << t << n << g;
    }
    void parallelForCoversEachIndexOnce() {
        QFETCH(int, threads);
        QFETCH(qint64, n);
        QFETCH(qint64, grain);
        ThreadPool pool(threads);
        QCOMPARE(pool.size(), threads);
        std::vector<std::atomic<int>> hits(static_cast<size_t>(n));
        std::atomic<bool> badWorker{false}, badRange{false};
        pool.parallelFor(n, grain, [&](int64_t b, int64_t e, int w) {
            if (w < 0 || w >= threads) badWorker = true;
            if (b >= e || e - b > grain) badRange = true;
            for (int64_t i = b; i < e; ++i) hits[size_t(i)].fetch_add(1);
        });
        QVERIFY(!badWorker);
        QVERIFY(!badRange);
        for (qint64 i = 0; i < n; ++i) QCOMPARE(hits[size_t(i)].load(), 1);
    }

    void runCallsEveryWorkerOnce() {
        ThreadPool pool(4);
        std::vector<std::atomic<int>> calls(4);
        std::atomic<int> seenSize{0};
        pool.run([&](int w, int n) {
            calls[size_t(w)].fetch_add(1);
            seenSize = n;
        });
        for (auto& c : calls) QCOMPARE(c.load(), 1);
        QCOMPARE(seenSize.load(), 4);
    }

    // Thousands of tiny jobs: a lost wake-up or a barrier that lets a job overlap the next would
    // deadlock (the test's timeout) or miscount.
    void manyJobsBackToBack() {
        ThreadPool pool(3);
        int64_t total = 0;
        for (int job = 0; job < 5000; ++job) {
            std::atomic<int64_t> sum{0};
            pool.parallelFor(64, 4, [&](int64_t b, int64_t e, int) {
                for (int64_t i = b; i < e; ++i) sum += i;
            });
            total += sum.load();
        }
        QCOMPARE(total, int64_t(5000) * (63 * 64 / 2));
    }

    // More threads than cores (as when another program holds them): workers are descheduled mid-job
    // and join loops late or not at all. Alternating dynamic loops with run() jobs that need every
    // worker, each loop's per-index results must still be complete and the loop's state must not be
    // touched after it returned (the sums live on the stack of each iteration).
    void oversubscribedLoopsAndRunsInterleave() {
        ThreadPool pool(std::max(6, 3 * ThreadPool::hardwareThreads()));
        for (int job = 0; job < 3000; ++job) {
            std::vector<int> hits(97, 0);
            pool.parallelFor(97, 1 + job % 7, [&](int64_t b, int64_t e, int worker) {
                QVERIFY(worker >= 0 && worker < pool.size());
                for (int64_t i = b; i < e; ++i) hits[size_t(i)] += 1;
            });
            for (int h : hits) QCOMPARE(h, 1);
            if (job % 10 == 0) {
                std::vector<std::atomic<int>> calls(size_t(pool.size()));
                pool.run([&](int w, int) { calls[size_t(w)]++; });
                for (auto& c : calls) QCOMPARE(c.load(), 1);
            }
        }
    }

    void singleThreadRunsInline() {
        ThreadPool pool(1);
        const auto caller = std::this_thread::get_id();
        bool inline_ = true;
        pool.parallelFor(100, 7, [&](int64_t, int64_t, int w) { inline_ = inline_ && w == 0 && std::this_thread::get_id() == caller; });
        QVERIFY(inline_);
    }

    void defaultSizeIsHardware() {
        ThreadPool pool;
        QCOMPARE(pool.size(), ThreadPool::hardwareThreads());
        QVERIFY(pool.size() >= 1);
    }

    void destroyWhileIdle() {
        for (int i = 0; i < 50; ++i) {
            ThreadPool pool(4);
            if (i % 2) pool.run([](int, int) {});
        }
    }
};

QTEST_GUILESS_MAIN(TestThreadPool)
#include "test_thread_pool.moc"
