// Fills the kernel tables of dot.h, one per instruction-set level, from the per-tier kernels.
#include "core/quant/dot.h"

#include <cstdio>

#include "core/quant/kernels/kernel_set.h"

namespace qd {

namespace {

struct Pairing {
    GgmlType weight;
    GgmlType activation;
};

// ggml's vec_dot_type for every weight type we have a kernel for.
constexpr Pairing kPairings[] = {
    {GgmlType::F32, GgmlType::F32},      {GgmlType::F16, GgmlType::F16},
    {GgmlType::BF16, GgmlType::BF16},    {GgmlType::Q4_0, GgmlType::Q8_0},
    {GgmlType::Q4_1, GgmlType::Q8_1},    {GgmlType::Q5_0, GgmlType::Q8_0},
    {GgmlType::Q5_1, GgmlType::Q8_1},    {GgmlType::Q8_0, GgmlType::Q8_0},
    {GgmlType::IQ4_NL, GgmlType::Q8_0},  {GgmlType::Q2_K, GgmlType::Q8_K},
    {GgmlType::Q3_K, GgmlType::Q8_K},    {GgmlType::Q4_K, GgmlType::Q8_K},
    {GgmlType::Q5_K, GgmlType::Q8_K},    {GgmlType::Q6_K, GgmlType::Q8_K},
    {GgmlType::IQ4_XS, GgmlType::Q8_K},
};

// Puts a kernel into a per-type array of the table.
template <typename Fn>
void set(std::array<Fn, kGgmlTypeSlots>& entries, GgmlType type, Fn fn) {
    entries[static_cast<uint32_t>(type)] = fn;
}

// One macro per tier so the three tables list the same kernels in the same order.
#define QD_FILL_TABLE(ns, t)                                  \
    set(t.dot, GgmlType::F32, ns::dotF32);                    \
    set(t.dot, GgmlType::F16, ns::dotF16);                    \
    set(t.dot, GgmlType::BF16, ns::dotBF16);                  \
    set(t.dot, GgmlType::Q4_0, ns::dotQ4_0);                  \
    set(t.dot, GgmlType::Q4_1, ns::dotQ4_1);                  \
    set(t.dot, GgmlType::Q5_0, ns::dotQ5_0);                  \
    set(t.dot, GgmlType::Q5_1, ns::dotQ5_1);                  \
    set(t.dot, GgmlType::Q8_0, ns::dotQ8_0);                  \
    set(t.dot, GgmlType::IQ4_NL, ns::dotIQ4_NL);              \
    set(t.dot, GgmlType::Q2_K, ns::dotQ2_K);                  \
    set(t.dot, GgmlType::Q3_K, ns::dotQ3_K);                  \
    set(t.dot, GgmlType::Q4_K, ns::dotQ4_K);                  \
    set(t.dot, GgmlType::Q5_K, ns::dotQ5_K);                  \
    set(t.dot, GgmlType::Q6_K, ns::dotQ6_K);                  \
    set(t.dot, GgmlType::IQ4_XS, ns::dotIQ4_XS);              \
    set(t.fromFloat, GgmlType::F32, ref::fromFloatF32);       \
    set(t.fromFloat, GgmlType::F16, ns::fromFloatF16);        \
    set(t.fromFloat, GgmlType::BF16, ns::fromFloatBF16);      \
    set(t.fromFloat, GgmlType::Q8_0, ns::fromFloatQ8_0);      \
    set(t.fromFloat, GgmlType::Q8_1, ns::fromFloatQ8_1);      \
    set(t.fromFloat, GgmlType::Q8_K, ns::fromFloatQ8_K);       \
    set(t.dotRows, GgmlType::Q4_0, ns::dotRowsQ4_0);           \
    set(t.dotRows, GgmlType::F32, ns::dotRowsF32);             \
    set(t.dotRows, GgmlType::F16, ns::dotRowsF16);             \
    t.halfDotSequential = ns::dotF16Sequential;                \
    t.halfDotPadded32 = ns::dotF16Padded32;                    \
    t.expSum = ns::expSum;                                     \
    t.silu = ns::siluRow

KernelTable buildScalar() {
    KernelTable t;
    t.level = IsaLevel::Scalar;
    QD_FILL_TABLE(ref, t);
    return t;
}

KernelTable buildAvx2() {
    KernelTable t;
    t.level = IsaLevel::Avx2;
    QD_FILL_TABLE(avx2, t);
    set(t.quantizeRow, GgmlType::Q4_0, avx2::quantizeRowQ4_0);
    set(t.quantizeRow, GgmlType::Q4_1, avx2::quantizeRowQ4_1);
    set(t.quantizeRow, GgmlType::Q5_0, avx2::quantizeRowQ5_0);
    set(t.quantizeRow, GgmlType::Q5_1, avx2::quantizeRowQ5_1);
    set(t.quantizeRow, GgmlType::Q8_0, avx2::quantizeRowQ8_0);
    set(t.quantizeRow, GgmlType::Q4_K, avx2::quantizeRowQ4_K);
    set(t.quantizeRow, GgmlType::Q5_K, avx2::quantizeRowQ5_K);
    set(t.quantizeRow, GgmlType::Q6_K, avx2::quantizeRowQ6_K);
    // F16 / BF16 weights round like the activation converters (same bytes as the reference).
    set(t.quantizeRow, GgmlType::F16, avx2::fromFloatF16);
    set(t.quantizeRow, GgmlType::BF16, avx2::fromFloatBF16);
    set<ToFloatFn>(t.dequantizeRow, GgmlType::Q4_0, avx2::dequantRowQ4_0);
    set<ToFloatFn>(t.dequantizeRow, GgmlType::Q4_1, avx2::dequantRowQ4_1);
    set<ToFloatFn>(t.dequantizeRow, GgmlType::Q8_0, avx2::dequantRowQ8_0);
    set<ToFloatFn>(t.dequantizeRow, GgmlType::Q4_K, avx2::dequantRowQ4_K);
    set<ToFloatFn>(t.dequantizeRow, GgmlType::Q6_K, avx2::dequantRowQ6_K);
    set<ToFloatFn>(t.dequantizeRow, GgmlType::F16, avx2::halfRowToFloat);
    set<ToFloatFn>(t.dequantizeRow, GgmlType::BF16, avx2::bf16RowToFloat);
    return t;
}

KernelTable buildAvx512() {
    KernelTable t = buildAvx2();  // AVX2 kernels for the types AVX-512 does not speed up
    t.level = IsaLevel::Avx512;
    set(t.dot, GgmlType::F32, avx512::dotF32);
    set(t.dot, GgmlType::F16, avx512::dotF16);
    set(t.dot, GgmlType::BF16, avx512::dotBF16);
    set(t.dot, GgmlType::Q8_0, avx512::dotQ8_0);
    set(t.dot, GgmlType::Q4_0, avx512::dotQ4_0);
    set(t.dot, GgmlType::IQ4_NL, avx512::dotIQ4_NL);
    set(t.dot, GgmlType::Q4_K, avx512::dotQ4_K);
    set(t.dot, GgmlType::Q6_K, avx512::dotQ6_K);
    return t;
}

#undef QD_FILL_TABLE

}  // namespace

std::optional<GgmlType> activationType(GgmlType weightType) {
    for (const Pairing& p : kPairings) {
        if (p.weight == weightType) return p.activation;
    }
    return std::nullopt;
}

bool hasDotKernel(GgmlType weightType) { return activationType(weightType).has_value(); }

const KernelTable* kernelsFor(IsaLevel level) {
    if (static_cast<int>(level) > static_cast<int>(maxIsaLevel(cpuFeatures()))) return nullptr;
    // Built on first request; each table is immutable afterwards.
    static const KernelTable scalar = buildScalar();
    switch (level) {
    case IsaLevel::Scalar: return &scalar;
    case IsaLevel::Avx2: {
        static const KernelTable avx2 = buildAvx2();
        return &avx2;
    }
    case IsaLevel::Avx512: {
        static const KernelTable avx512 = buildAvx512();
        return &avx512;
    }
    }
    return nullptr;
}

const KernelTable& kernels() {
    static const KernelTable* const table = [] {
        const IsaChoice& choice = selectedIsa();
        // An override is rare and deliberate (tests, benchmarks, bug reports): say what it did.
        if (!choice.note.empty()) std::fprintf(stderr, "quantdesk: %s\n", choice.note.c_str());
        return kernelsFor(choice.level);
    }();
    return *table;
}

}  // namespace qd
