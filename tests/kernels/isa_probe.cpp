// Prints the kernel level the dispatcher selected (first line) and its note, for test_kernels.
#include <cstdio>
#include <string>

#include "core/common/cpu_features.h"
#include "core/quant/dot.h"

int main() {
    const qd::KernelTable& table = qd::kernels();
    std::printf("%s\n%s\n", std::string(qd::isaLevelName(table.level)).c_str(), qd::selectedIsa().note.c_str());
    return 0;
}
