// Progress reporting and cancellation for long core jobs.
//
// Every long job takes a ProgressFn. The job calls it at least once per tensor, chunk or token; the
// callback returns false to ask the job to stop. The same object therefore carries progress out and the
// cancel request in, so a caller on another thread only has to flip a flag the callback reads.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace qd {

struct Progress {
    uint64_t done = 0;      // units finished (bytes, tokens, chunks: the job documents which)
    uint64_t total = 0;     // units in all, 0 when unknown
    std::string stage;      // what is being worked on now, e.g. a tensor name
};

// Returns true to continue, false to cancel.
using ProgressFn = std::function<bool(const Progress&)>;

// A cancel flag shared between the thread that runs a job and the one that may stop it.
class CancelFlag {
public:
    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool cancelled() const { return m_cancelled.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> m_cancelled{false};
};

// Calls `fn` when it is set; true means go on.
inline bool report(const ProgressFn& fn, uint64_t done, uint64_t total, const std::string& stage = {}) {
    return !fn || fn(Progress{done, total, stage});
}

}  // namespace qd
