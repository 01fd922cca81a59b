#include "core/common/result.h"

namespace qd {

const char* errorKindName(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::BadInput: return "bad input";
        case ErrorKind::Unsupported: return "unsupported";
        case ErrorKind::Io: return "I/O";
        case ErrorKind::DiskFull: return "disk full";
        case ErrorKind::OutOfMemory: return "out of memory";
        case ErrorKind::Cancelled: return "cancelled";
        case ErrorKind::Internal: return "internal";
    }
    return "unknown";
}

}  // namespace qd
