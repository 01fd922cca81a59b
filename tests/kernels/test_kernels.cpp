// Dot-product kernels and activation quantizers at every instruction-set level this CPU runs.
//
// Tolerances:
//  * SIMD vs reference dot: |fast - ref| <= 1e-5 * sum_i |w_i| |a_i| (the weights read back exactly,
//    the activations dequantized). Both sum exact integers per block; they differ only in the order
//    of the float additions of block results (the reference adds in double), about 84 float ulps of
//    the magnitude sum - far below any quantization effect, far above reordering noise.
//  * Reference vs float dot of dequantized rows: the same 1e-5 relative bound, plus for Q4_1 / Q5_1
//    the half-precision rounding of Q8_1's stored sum s (ggml's definition uses s, not sum of d*q).
//  * Reference vs the original float activations: additionally sum_i |w_i| |x_i - dequant(a)_i|.
//  * Activation quantizers: byte-identical at every level.
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QtTest>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>

#include "core/common/cpu_features.h"
#include "core/quant/blocks.h"
#include "core/quant/dot.h"
#include "core/quant/fp16.h"
#include "core/quant/quantize.h"
#include "avx512_emulated.h"
#include "kernel_test_data.h"

using namespace qd;
using namespace qd::test;

Q_DECLARE_METATYPE(qd::GgmlType)
Q_DECLARE_METATYPE(qd::IsaLevel)

namespace {

constexpr double kRelTolerance = 1e-5;

std::vector<int64_t> lengthsFor(GgmlType type) {
    const uint32_t block = ggmlTypeTraits(type).blockSize;
    if (block == 1) return {1, 7, 8, 33, 100, 256, 4096, 4099};
    // One block, an odd count of blocks, a typical width and an odd count at a typical size.
    if (block == 32) return {32, 96, 224, 4096, 4096 + 3 * 32};
    return {256, 768, 4096, 256 * 13};
}

// Activation row (quantized) and its values read back as floats.
struct Activations {
    std::vector<uint8_t> packed;
    std::vector<float> values;
};

Activations quantizeActivations(GgmlType act, const std::vector<float>& x) {
    const KernelTable& scalar = *kernelsFor(IsaLevel::Scalar);
    const auto n = static_cast<int64_t>(x.size());
    Activations a;
    a.packed.resize(rowBytes(act, n));
    scalar.fromFloatFor(act)(x.data(), a.packed.data(), n);
    a.values.resize(x.size());
    const uint8_t* p = a.packed.data();
    for (int64_t i = 0; i < n; ++i) {
        switch (act) {
        case GgmlType::F32: std::memcpy(&a.values[i], p + 4 * i, 4); break;
        case GgmlType::F16:
        case GgmlType::BF16: {
            uint16_t h;
            std::memcpy(&h, p + 2 * i, 2);
            a.values[i] = act == GgmlType::F16 ? halfToFloat(h) : bf16ToFloat(h);
            break;
        }
        case GgmlType::Q8_0: {
            const auto* b = reinterpret_cast<const BlockQ8_0*>(p) + i / 32;
            a.values[i] = halfToFloat(b->d) * b->qs[i % 32];
            break;
        }
        case GgmlType::Q8_1: {
            const auto* b = reinterpret_cast<const BlockQ8_1*>(p) + i / 32;
            a.values[i] = halfToFloat(b->d) * b->qs[i % 32];
            break;
        }
        case GgmlType::Q8_K: {
            const auto* b = reinterpret_cast<const BlockQ8_K*>(p) + i / 256;
            a.values[i] = b->d * b->qs[i % 256];
            break;
        }
        default: break;
        }
    }
    return a;
}

double magnitudeSum(const std::vector<float>& w, const std::vector<float>& a) {
    double s = 0.0;
    for (size_t i = 0; i < w.size(); ++i) s += std::fabs(static_cast<double>(w[i]) * a[i]);
    return s;
}

// Q4_1 / Q5_1: the reference uses m * s with s = half(d * sum q) where the float dot has
// m * half(d) * sum q. Both halves round to 2^-11 relative: bound the difference per block.
double minimumSumSlack(GgmlType type, const uint8_t* w, const Activations& a, int64_t n) {
    if (type != GgmlType::Q4_1 && type != GgmlType::Q5_1) return 0.0;
    const size_t blockBytes = ggmlTypeTraits(type).blockBytes;
    double slack = 0.0;
    for (int64_t b = 0; b < n / 32; ++b) {
        Half mBits;
        std::memcpy(&mBits, w + b * blockBytes + 2, 2);  // m follows d in both layouts
        const auto* ab = reinterpret_cast<const BlockQ8_1*>(a.packed.data()) + b;
        int qsum = 0;
        for (int j = 0; j < 32; ++j) qsum += ab->qs[j];
        const double exact = std::fabs(static_cast<double>(halfToFloat(ab->d)) * qsum);
        slack += std::fabs(halfToFloat(mBits)) * (std::fabs(halfToFloat(ab->s)) + exact) * std::ldexp(1.0, -10);
    }
    return slack;
}

QString context(GgmlType type, int64_t n, WeightPattern wp, ActivationPattern ap) {
    return QStringLiteral("%1 n=%2 weights=%3 activations=%4")
        .arg(QString::fromUtf8(ggmlTypeName(type).data(), int(ggmlTypeName(type).size())))
        .arg(n)
        .arg(QString::fromUtf8(patternName(wp)))
        .arg(QString::fromUtf8(patternName(ap)));
}

QString typeName(GgmlType t) {
    const std::string_view s = ggmlTypeName(t);
    return QString::fromUtf8(s.data(), int(s.size()));
}

#if defined(__linux__)
// The CPU flags the Linux kernel reports, to cross-check our CPUID reading.
QStringList procCpuFlags() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("flags", 0) == 0) {
            const size_t colon = line.find(':');
            return QString::fromStdString(line.substr(colon + 1)).split(' ', Qt::SkipEmptyParts);
        }
    }
    return {};
}
#endif

}  // namespace

class TestKernels : public QObject {
    Q_OBJECT

private slots:
    void cpuFeaturesMatchOperatingSystem();
    void isaChoiceRules();
    void environmentOverrideSelectsLevel();
    void tablesAreComplete();
    void activationQuantizersMatchReference_data();
    void activationQuantizersMatchReference();
    void activationQuantizationError();
    void fastDotMatchesReference_data();
    void fastDotMatchesReference();
    void avx512KernelsEmulated();
    void rowKernelsMatchAcrossLevels();
    void vectorMathMatchesAcrossLevels();
    void attentionDotsMatchAcrossLevels();
    void referenceMatchesDequantizedDot_data();
    void referenceMatchesDequantizedDot();
};

void TestKernels::cpuFeaturesMatchOperatingSystem() {
    const CpuFeatures& f = cpuFeatures();
    const IsaLevel level = maxIsaLevel(f);
    qInfo("%s", describeCpu(f, level).c_str());
    QVERIFY(f.sse2);  // every x86-64 CPU
    QVERIFY(QString::fromStdString(describeCpu(f, level)).endsWith(QString::fromUtf8(isaLevelName(level).data())));
#if defined(__linux__)
    const QStringList flags = procCpuFlags();
    if (flags.isEmpty()) QSKIP("/proc/cpuinfo has no flags line");
    // The kernel lists a feature only when it also enabled its register state, as we require.
    QCOMPARE(f.avx2, flags.contains("avx2"));
    QCOMPARE(f.fma, flags.contains("fma"));
    QCOMPARE(f.f16c, flags.contains("f16c"));
    QCOMPARE(f.bmi2, flags.contains("bmi2"));
    QCOMPARE(f.ssse3, flags.contains("ssse3"));
    QCOMPARE(f.sse42, flags.contains("sse4_2"));
    QCOMPARE(f.avx512f, flags.contains("avx512f"));
    QCOMPARE(f.avx512bw, flags.contains("avx512bw"));
    QCOMPARE(f.avx512vl, flags.contains("avx512vl"));
    QCOMPARE(f.avx512dq, flags.contains("avx512dq"));
    QCOMPARE(f.avx512vnni, flags.contains("avx512_vnni"));
    QCOMPARE(f.avx512bf16, flags.contains("avx512_bf16"));
#endif
}

void TestKernels::isaChoiceRules() {
    CpuFeatures none;
    CpuFeatures avx2;
    avx2.sse2 = avx2.avx = avx2.avx2 = avx2.fma = avx2.f16c = avx2.bmi2 = avx2.osYmm = true;
    CpuFeatures avx512 = avx2;
    avx512.osZmm = avx512.avx512f = avx512.avx512bw = avx512.avx512vl = avx512.avx512dq = true;
    CpuFeatures avx512NoVnni = avx512;
    avx512.avx512vnni = true;

    QCOMPARE(maxIsaLevel(none), IsaLevel::Scalar);
    QCOMPARE(maxIsaLevel(avx2), IsaLevel::Avx2);
    QCOMPARE(maxIsaLevel(avx512), IsaLevel::Avx512);
    QCOMPARE(maxIsaLevel(avx512NoVnni), IsaLevel::Avx2);
    CpuFeatures noOsState = avx2;
    noOsState.osYmm = false;
    QCOMPARE(maxIsaLevel(noOsState), IsaLevel::Scalar);

    IsaChoice c = chooseIsaLevel(avx512, nullptr);
    QCOMPARE(c.level, IsaLevel::Avx512);
    QVERIFY(c.note.empty());
    c = chooseIsaLevel(avx512, "scalar");
    QCOMPARE(c.level, IsaLevel::Scalar);
    QVERIFY(!c.note.empty());
    c = chooseIsaLevel(avx512, "AVX2");
    QCOMPARE(c.level, IsaLevel::Avx2);
    c = chooseIsaLevel(avx2, "avx512");  // never more than the CPU supports, and says so
    QCOMPARE(c.level, IsaLevel::Avx2);
    QVERIFY2(c.note.find("more than this CPU supports") != std::string::npos, c.note.c_str());
    c = chooseIsaLevel(none, "avx2");
    QCOMPARE(c.level, IsaLevel::Scalar);
    QVERIFY(!c.note.empty());
    c = chooseIsaLevel(avx2, "sse9");
    QCOMPARE(c.level, IsaLevel::Avx2);
    QVERIFY2(c.note.find("not one of") != std::string::npos, c.note.c_str());
}

void TestKernels::environmentOverrideSelectsLevel() {
    const IsaLevel best = maxIsaLevel(cpuFeatures());
    auto run = [](const QString& value) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("QUANTDESK_ISA");
        if (!value.isNull()) env.insert("QUANTDESK_ISA", value);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(QD_ISA_PROBE_PATH), {});
        if (!p.waitForFinished(30000)) return QStringList{"(probe did not finish)"};
        QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).split('\n');
        lines << QString::fromUtf8(p.readAllStandardError());
        return lines;
    };
    const QString bestName = QString::fromUtf8(isaLevelName(best).data());
    QCOMPARE(run(QString()).value(0), bestName);
    QCOMPARE(run("scalar").value(0), QStringLiteral("scalar"));
    const QStringList avx2 = run("avx2");
    QCOMPARE(avx2.value(0), best >= IsaLevel::Avx2 ? QStringLiteral("avx2") : QStringLiteral("scalar"));
    const QStringList avx512 = run("avx512");
    QCOMPARE(avx512.value(0), bestName);
    if (best < IsaLevel::Avx512) {
        QVERIFY2(avx512.value(1).contains("more than this CPU supports"), qPrintable(avx512.join('|')));
        QVERIFY2(avx512.last().contains("more than this CPU supports"), "the override note goes to stderr");
    }
}

void TestKernels::tablesAreComplete() {
    const struct {
        GgmlType weight, activation;
    } ggmlPairs[] = {
        {GgmlType::F32, GgmlType::F32},     {GgmlType::F16, GgmlType::F16},     {GgmlType::BF16, GgmlType::BF16},
        {GgmlType::Q4_0, GgmlType::Q8_0},   {GgmlType::Q4_1, GgmlType::Q8_1},   {GgmlType::Q5_0, GgmlType::Q8_0},
        {GgmlType::Q5_1, GgmlType::Q8_1},   {GgmlType::Q8_0, GgmlType::Q8_0},   {GgmlType::IQ4_NL, GgmlType::Q8_0},
        {GgmlType::Q2_K, GgmlType::Q8_K},   {GgmlType::Q3_K, GgmlType::Q8_K},   {GgmlType::Q4_K, GgmlType::Q8_K},
        {GgmlType::Q5_K, GgmlType::Q8_K},   {GgmlType::Q6_K, GgmlType::Q8_K},   {GgmlType::IQ4_XS, GgmlType::Q8_K},
    };
    for (const auto& p : ggmlPairs) QCOMPARE(activationType(p.weight), std::optional<GgmlType>(p.activation));
    QVERIFY(!hasDotKernel(GgmlType::IQ2_XXS));
    QVERIFY(!activationType(GgmlType::Q8_K).has_value());

    const IsaLevel best = maxIsaLevel(cpuFeatures());
    QCOMPARE(kernels().level, selectedIsa().level);
    for (IsaLevel level : {IsaLevel::Scalar, IsaLevel::Avx2, IsaLevel::Avx512}) {
        const KernelTable* t = kernelsFor(level);
        if (level > best) {
            QVERIFY(t == nullptr);
            continue;
        }
        QVERIFY(t != nullptr);
        QCOMPARE(t->level, level);
        for (const auto& p : ggmlPairs) {
            QVERIFY2(t->dotFor(p.weight) != nullptr, qPrintable(typeName(p.weight)));
            QVERIFY2(t->fromFloatFor(p.activation) != nullptr, qPrintable(typeName(p.activation)));
        }
        QVERIFY(t->dotFor(GgmlType::IQ2_XXS) == nullptr);
    }
}

void TestKernels::activationQuantizersMatchReference_data() {
    QTest::addColumn<IsaLevel>("level");
    QTest::addColumn<GgmlType>("type");
    for (IsaLevel level : {IsaLevel::Avx2, IsaLevel::Avx512}) {
        for (GgmlType t : {GgmlType::F16, GgmlType::BF16, GgmlType::Q8_0, GgmlType::Q8_1, GgmlType::Q8_K}) {
            QTest::addRow("%s/%s", isaLevelName(level).data(), ggmlTypeName(t).data()) << level << t;
        }
    }
}

void TestKernels::activationQuantizersMatchReference() {
    QFETCH(IsaLevel, level);
    QFETCH(GgmlType, type);
    const KernelTable* fast = kernelsFor(level);
    if (!fast) QSKIP("this CPU cannot run the level (AVX-512 kernels need AVX-512 F/BW/VL/DQ + VNNI)");
    const KernelTable& scalar = *kernelsFor(IsaLevel::Scalar);
    std::mt19937 rng(1234);
    const int64_t block = ggmlTypeTraits(type).blockSize;
    for (int64_t n : {int64_t(256), int64_t(256 * 3), int64_t(4096), int64_t(256 * 13)}) {
        if (n % block) continue;
        for (ActivationPattern p : allActivationPatterns()) {
            std::vector<float> x = makeActivationRow(n, p, rng);
            if (block == 1) {
                // A few awkward values for the 16-bit float conversions: halfway cases, overflow, NaN.
                x[0] = 65520.0f;
                x[1] = 1.0f + 1.0f / 2048.0f;
                x[2] = std::nanf("");
                x[3] = -1e-8f;
            }
            std::vector<uint8_t> ref(rowBytes(type, n)), got(rowBytes(type, n), 0xAB);
            scalar.fromFloatFor(type)(x.data(), ref.data(), n);
            fast->fromFloatFor(type)(x.data(), got.data(), n);
            QVERIFY2(ref == got, qPrintable(QStringLiteral("%1 n=%2 %3").arg(typeName(type)).arg(n).arg(patternName(p))));
        }
    }
}

void TestKernels::activationQuantizationError() {
    std::mt19937 rng(99);
    for (GgmlType act : {GgmlType::Q8_0, GgmlType::Q8_1, GgmlType::Q8_K}) {
        for (ActivationPattern p : allActivationPatterns()) {
            const std::vector<float> x = makeActivationRow(4096, p, rng);
            const Activations a = quantizeActivations(act, x);
            const int block = act == GgmlType::Q8_K ? 256 : 32;
            for (int64_t b = 0; b < 4096 / block; ++b) {
                float amax = 0.0f;
                for (int j = 0; j < block; ++j) amax = std::max(amax, std::fabs(x[b * block + j]));
                // Half a step of amax / 127, plus (Q8_0 / Q8_1) 127 times the half rounding of the step.
                const double step = amax / 127.0;
                const double bound = act == GgmlType::Q8_K ? 0.5 * step * (1 + 1e-6) : step * (0.5 + 127.0 / 2048.0);
                for (int j = 0; j < block; ++j) {
                    const size_t i = static_cast<size_t>(b * block + j);
                    QVERIFY2(std::fabs(x[i] - a.values[i]) <= bound,
                             qPrintable(QStringLiteral("%1 %2 element %3: %4 vs %5")
                                            .arg(typeName(act), patternName(p))
                                            .arg(i)
                                            .arg(x[i])
                                            .arg(a.values[i])));
                }
            }
            if (act == GgmlType::Q8_K) {
                const auto* blocks = reinterpret_cast<const BlockQ8_K*>(a.packed.data());
                for (int b = 0; b < 16; ++b) {
                    for (int k = 0; k < 16; ++k) {
                        int s = 0;
                        for (int j = 0; j < 16; ++j) s += blocks[b].qs[16 * k + j];
                        QCOMPARE(int(blocks[b].bsums[k]), s);
                    }
                }
            }
            if (act == GgmlType::Q8_1) {
                // s = d * sum(q) with d = amax / 127 before its rounding to half.
                const auto* blocks = reinterpret_cast<const BlockQ8_1*>(a.packed.data());
                for (int b = 0; b < 4096 / 32; ++b) {
                    int s = 0;
                    float amax = 0.0f;
                    for (int j = 0; j < 32; ++j) {
                        s += blocks[b].qs[j];
                        amax = std::max(amax, std::fabs(x[static_cast<size_t>(32 * b + j)]));
                    }
                    QCOMPARE(blocks[b].s, floatToHalf(static_cast<float>(s) * (amax / 127.0f)));
                }
            }
            if (p == ActivationPattern::Ties && act != GgmlType::Q8_K) {
                // Scale exactly 1: k + 0.5 rounds half to even, as llama.cpp's x86 activation quantizer
                // does (vroundps to nearest), so 2.5 -> 2, 3.5 -> 4, -2.5 -> -2.
                // First block only: its levels start after d (Q8_0) or d and s (Q8_1).
                const int8_t* qs = reinterpret_cast<const int8_t*>(a.packed.data() + (act == GgmlType::Q8_0 ? 2 : 4));
                for (int j = 1; j < 32; ++j) {
                    const int v2 = static_cast<int>(2.0f * x[static_cast<size_t>(j)]);  // odd: 2k + 1
                    const int lo = (v2 - 1) / 2;                                        // floor(v)
                    QCOMPARE(int(qs[j]), lo % 2 == 0 ? lo : lo + 1);
                }
            }
        }
    }
}

void TestKernels::fastDotMatchesReference_data() {
    QTest::addColumn<IsaLevel>("level");
    QTest::addColumn<GgmlType>("type");
    for (IsaLevel level : {IsaLevel::Avx2, IsaLevel::Avx512}) {
        for (GgmlType t : dotWeightTypes()) {
            QTest::addRow("%s/%s", isaLevelName(level).data(), ggmlTypeName(t).data()) << level << t;
        }
    }
}

// Every length, weight pattern and activation pattern: the kernel against the scalar reference.
static void checkAgainstReference(GgmlType type, DotFn dot, unsigned seed) {
    const KernelTable& scalar = *kernelsFor(IsaLevel::Scalar);
    const GgmlType act = *activationType(type);
    std::mt19937 rng(seed);
    int checked = 0;
    for (int64_t n : lengthsFor(type)) {
        for (WeightPattern wp : allWeightPatterns()) {
            const std::vector<uint8_t> w = makeWeightRow(type, n, wp, rng);
            const std::vector<float> wValues = weightsViaReference(type, w.data(), n);
            for (ActivationPattern ap : allActivationPatterns()) {
                const Activations a = quantizeActivations(act, makeActivationRow(n, ap, rng));
                const float ref = scalar.dotFor(type)(n, w.data(), a.packed.data());
                const float got = dot(n, w.data(), a.packed.data());
                const double tolerance = kRelTolerance * magnitudeSum(wValues, a.values);
                QVERIFY2(std::isfinite(ref), qPrintable(context(type, n, wp, ap)));
                QVERIFY2(std::fabs(static_cast<double>(got) - ref) <= tolerance,
                         qPrintable(context(type, n, wp, ap) + QStringLiteral(": fast %1, reference %2, tolerance %3")
                                                                    .arg(double(got), 0, 'g', 9)
                                                                    .arg(double(ref), 0, 'g', 9)
                                                                    .arg(tolerance)));
                ++checked;
            }
        }
    }
    QVERIFY(checked > 0);
}

void TestKernels::fastDotMatchesReference() {
    QFETCH(IsaLevel, level);
    QFETCH(GgmlType, type);
    const KernelTable* fast = kernelsFor(level);
    if (!fast) QSKIP("this CPU cannot run the level (AVX-512 kernels need AVX-512 F/BW/VL/DQ + VNNI)");
    checkAgainstReference(type, fast->dotFor(type), static_cast<unsigned>(type) * 7919u + static_cast<unsigned>(level));
}

// The eight-row kernels (dot.h kDotRows): at every level the same bits as the scalar eight-row
// reference (they share llama.cpp's per-block arithmetic), and within the usual tolerance of the
// single-row reference. Rows are taken with a stride larger than a row (a gap between rows, as in no
// real matrix, so a kernel that ignores the stride fails), every weight and activation pattern, and
// eight different rows so a lane mix-up shows.
void TestKernels::rowKernelsMatchAcrossLevels() {
    const KernelTable& scalar = *kernelsFor(IsaLevel::Scalar);
    std::mt19937 rng(4242);
    int checked = 0;
    for (GgmlType type : dotWeightTypes()) {
        if (!scalar.dotRowsFor(type)) continue;
        const GgmlType act = *activationType(type);
        for (int64_t n : lengthsFor(type)) {
            const size_t rb = rowBytes(type, n), stride = rb + 40;
            for (WeightPattern wp : allWeightPatterns()) {
                std::vector<uint8_t> w(stride * kDotRows, 0xEE);
                std::vector<std::vector<float>> values;
                for (int r = 0; r < kDotRows; ++r) {
                    const std::vector<uint8_t> row = makeWeightRow(type, n, wp, rng);
                    std::copy(row.begin(), row.end(), w.begin() + static_cast<std::ptrdiff_t>(r * stride));
                    values.push_back(weightsViaReference(type, row.data(), n));
                }
                for (ActivationPattern ap : allActivationPatterns()) {
                    const Activations a = quantizeActivations(act, makeActivationRow(n, ap, rng));
                    float ref[kDotRows];
                    scalar.dotRowsFor(type)(n, w.data(), stride, a.packed.data(), ref);
                    for (int r = 0; r < kDotRows; ++r) {
                        const float single = scalar.dotFor(type)(n, w.data() + r * stride, a.packed.data());
                        const double tolerance = kRelTolerance * magnitudeSum(values[size_t(r)], a.values);
                        QVERIFY2(std::fabs(double(ref[r]) - single) <= tolerance,
                                 qPrintable(context(type, n, wp, ap) + QStringLiteral(" row %1: %2 vs %3")
                                                                            .arg(r).arg(double(ref[r])).arg(double(single))));
                    }
                    for (IsaLevel level : {IsaLevel::Avx2, IsaLevel::Avx512}) {
                        const KernelTable* fast = kernelsFor(level);
                        if (!fast) continue;
                        QVERIFY(fast->dotRowsFor(type) != nullptr);
                        float got[kDotRows];
                        fast->dotRowsFor(type)(n, w.data(), stride, a.packed.data(), got);
                        QVERIFY2(std::memcmp(got, ref, sizeof ref) == 0,
                                 qPrintable(context(type, n, wp, ap) + QStringLiteral(" at ") +
                                            QString::fromUtf8(isaLevelName(level).data())));
                    }
                    ++checked;
                }
            }
        }
    }
    QVERIFY(checked > 0);
    QVERIFY(scalar.dotRowsFor(GgmlType::Q4_0) != nullptr);
}

// expSum and SiLU (dot.h): the same bits at every level, within 2 ulp of the C library (the polynomial's
// documented bound is 1.5 ulp), exact zeros where the exponential underflows, and the returned sum equal to
// the groups of 8 summed in float and added in double.
void TestKernels::vectorMathMatchesAcrossLevels() {
    const KernelTable& scalar = *kernelsFor(IsaLevel::Scalar);
    std::mt19937 rng(77);
    std::uniform_real_distribution<float> wide(-110.0f, 0.0f), near(-3.0f, 0.0f), act(-30.0f, 30.0f);
    int checked = 0;
    for (int64_t n : {int64_t(1), int64_t(7), int64_t(8), int64_t(39), int64_t(64), int64_t(1000)}) {
        std::vector<float> x(static_cast<size_t>(n));
        for (size_t i = 0; i < x.size(); ++i) x[i] = (i % 3 == 0 ? wide(rng) : near(rng)) + 5.0f;
        if (n > 5) x[3] = -200.0f;  // exp(-205) underflows to zero
        const float mx = *std::max_element(x.begin(), x.end());
        std::vector<float> ref = x;
        const double refSum = scalar.expSum(ref.data(), n, mx);
        double groups = 0.0;
        for (int64_t g = 0; g < n; g += 8) {
            float lanes[8] = {};
            for (int64_t l = 0; l < 8 && g + l < n; ++l) lanes[l] = ref[size_t(g + l)];
            groups += double(((lanes[0] + lanes[4]) + (lanes[2] + lanes[6])) + ((lanes[1] + lanes[5]) + (lanes[3] + lanes[7])));
        }
        QCOMPARE(refSum, groups);
        for (int64_t i = 0; i < n; ++i) {
            const float exact = std::exp(x[size_t(i)] - mx);
            QVERIFY2(std::fabs(ref[size_t(i)] - exact) <= 2.5f * std::numeric_limits<float>::epsilon() * exact + 1e-38f,
                     qPrintable(QStringLiteral("exp(%1): %2 vs %3").arg(double(x[size_t(i)] - mx)).arg(double(ref[size_t(i)])).arg(double(exact))));
        }
        if (n > 5) QCOMPARE(ref[3], 0.0f);
        std::vector<float> a(static_cast<size_t>(n)), siluRef(a.size());
        for (auto& v : a) v = act(rng);
        scalar.silu(a.data(), siluRef.data(), n);
        for (int64_t i = 0; i < n; ++i) {
            const float v = a[size_t(i)], exact = v / (1.0f + std::exp(-v));
            QVERIFY(std::fabs(siluRef[size_t(i)] - exact) <= 4e-7f * std::fabs(exact) + 1e-30f);
        }
        for (IsaLevel level : {IsaLevel::Avx2, IsaLevel::Avx512}) {
            const KernelTable* fast = kernelsFor(level);
            if (!fast) continue;
            std::vector<float> got = x;
            const double sum = fast->expSum(got.data(), n, mx);
            QCOMPARE(sum, refSum);
            QVERIFY(std::memcmp(got.data(), ref.data(), got.size() * 4) == 0);
            std::vector<float> siluGot(a.size());
            fast->silu(a.data(), siluGot.data(), n);
            QVERIFY(std::memcmp(siluGot.data(), siluRef.data(), siluGot.size() * 4) == 0);
            ++checked;
        }
    }
    if (!kernelsFor(IsaLevel::Avx2)) QSKIP("no SIMD level to compare with the scalar versions");
    QVERIFY(checked > 0);
}

// Attention's half dot products (dot.h halfDotSequential / halfDotPadded32): the same bits at every level,
// within the usual tolerance of the reference F16 dot, and the padded form equal to a dot over the row
// explicitly padded with zeros to a multiple of 32.
void TestKernels::attentionDotsMatchAcrossLevels() {
    const KernelTable& scalar = *kernelsFor(IsaLevel::Scalar);
    std::mt19937 rng(91);
    std::normal_distribution<float> nd(0.0f, 1.0f);
    int checked = 0;
    for (int64_t n : {int64_t(1), int64_t(5), int64_t(8), int64_t(39), int64_t(64), int64_t(80), int64_t(1027)}) {
        std::vector<uint16_t> w(static_cast<size_t>(n)), a(w.size());
        double magnitude = 0.0;
        for (size_t i = 0; i < w.size(); ++i) {
            w[i] = floatToHalf(nd(rng));
            a[i] = floatToHalf(std::fabs(nd(rng)) * 0.1f);
            magnitude += std::fabs(double(halfToFloat(w[i])) * halfToFloat(a[i]));
        }
        const float reference = scalar.dotFor(GgmlType::F16)(n, w.data(), a.data());
        const float seq = scalar.halfDotSequential(n, w.data(), a.data());
        const float pad = scalar.halfDotPadded32(n, w.data(), a.data());
        QVERIFY(std::fabs(double(seq) - reference) <= kRelTolerance * magnitude);
        QVERIFY(std::fabs(double(pad) - reference) <= kRelTolerance * magnitude);
        const int64_t padded = (n + 31) / 32 * 32;
        std::vector<uint16_t> wp(w), ap(a);
        wp.resize(static_cast<size_t>(padded), 0);
        ap.resize(static_cast<size_t>(padded), 0);
        QCOMPARE(scalar.halfDotPadded32(padded, wp.data(), ap.data()), pad);
        // Decode attention pads only the probabilities (cpu_backend.cpp): the value cells past n hold
        // whatever the cache has there, finite values times zero, and the sum is the same.
        std::vector<uint16_t> stale(wp);
        for (size_t i = static_cast<size_t>(n); i < stale.size(); ++i) stale[i] = floatToHalf(nd(rng) * 100.0f);
        QCOMPARE(scalar.halfDotPadded32(padded, stale.data(), ap.data()), pad);
        for (IsaLevel level : {IsaLevel::Avx2, IsaLevel::Avx512}) {
            const KernelTable* fast = kernelsFor(level);
            if (!fast) continue;
            QCOMPARE(fast->halfDotSequential(n, w.data(), a.data()), seq);
            QCOMPARE(fast->halfDotPadded32(n, w.data(), a.data()), pad);
            QCOMPARE(fast->halfDotPadded32(padded, stale.data(), ap.data()), pad);
            ++checked;
        }
    }
    if (!kernelsFor(IsaLevel::Avx2)) QSKIP("no SIMD level to compare with the scalar versions");
    QVERIFY(checked > 0);
}

// The AVX-512 kernels' logic through SIMDe's emulation, on any CPU (the real instructions are
// checked by fastDotMatchesReference where the CPU has them).
void TestKernels::avx512KernelsEmulated() {
    const std::vector<EmulatedKernel> emulated = emulatedAvx512Kernels();
    if (emulated.empty()) QSKIP("SIMDe headers not found at configure time (install libsimde-dev)");
    QCOMPARE(emulated.size(), size_t(8));  // every kernel declared in qd::avx512 (kernel_set.h)
    for (const EmulatedKernel& k : emulated) {
        checkAgainstReference(k.type, k.dot, 100u + static_cast<unsigned>(k.type));
        if (QTest::currentTestFailed()) return;
    }
}

void TestKernels::referenceMatchesDequantizedDot_data() {
    QTest::addColumn<GgmlType>("type");
    for (GgmlType t : dotWeightTypes()) QTest::addRow("%s", ggmlTypeName(t).data()) << t;
}

void TestKernels::referenceMatchesDequantizedDot() {
    QFETCH(GgmlType, type);
    if (!canDequantize(type)) QSKIP("no reference dequantizer (core/quant/quantize.h) for this type yet");
    const KernelTable& scalar = *kernelsFor(IsaLevel::Scalar);
    const GgmlType act = *activationType(type);
    std::mt19937 rng(4321u + static_cast<unsigned>(type));
    for (int64_t n : lengthsFor(type)) {
        for (WeightPattern wp : allWeightPatterns()) {
            const std::vector<uint8_t> w = makeWeightRow(type, n, wp, rng);
            // The reference kernel's view of every weight equals the independent dequantizer's.
            std::vector<float> wValues(static_cast<size_t>(n));
            const Status st = dequantizeRow(type, w.data(), wValues.data(), n);
            QVERIFY2(st.ok(), st.ok() ? "" : st.message().c_str());
            const std::vector<float> viaDot = weightsViaReference(type, w.data(), n);
            for (int64_t i = 0; i < n; ++i) {
                QVERIFY2(viaDot[i] == wValues[i] || (std::isnan(viaDot[i]) && std::isnan(wValues[i])),
                         qPrintable(QStringLiteral("%1 n=%2 %3 weight %4: dot kernel reads %5, dequantizer %6")
                                        .arg(typeName(type))
                                        .arg(n)
                                        .arg(patternName(wp))
                                        .arg(i)
                                        .arg(double(viaDot[i]), 0, 'g', 9)
                                        .arg(double(wValues[i]), 0, 'g', 9)));
            }
            for (ActivationPattern ap : allActivationPatterns()) {
                const std::vector<float> x = makeActivationRow(n, ap, rng);
                const Activations a = quantizeActivations(act, x);
                const float ref = scalar.dotFor(type)(n, w.data(), a.packed.data());
                double exact = 0.0, exactFloatX = 0.0, activationError = 0.0;
                for (int64_t i = 0; i < n; ++i) {
                    exact += static_cast<double>(wValues[i]) * a.values[i];
                    exactFloatX += static_cast<double>(wValues[i]) * x[i];
                    activationError += std::fabs(static_cast<double>(wValues[i])) * std::fabs(x[i] - a.values[i]);
                }
                const double tol = kRelTolerance * magnitudeSum(wValues, a.values) + minimumSumSlack(type, w.data(), a, n);
                QVERIFY2(std::fabs(ref - exact) <= tol,
                         qPrintable(context(type, n, wp, ap) + QStringLiteral(": reference %1, dequantized dot %2")
                                                                    .arg(double(ref), 0, 'g', 9)
                                                                    .arg(exact, 0, 'g', 9)));
                QVERIFY2(std::fabs(ref - exactFloatX) <= tol + activationError * (1 + 1e-6),
                         qPrintable(context(type, n, wp, ap) + QStringLiteral(": reference %1, float activations %2")
                                                                    .arg(double(ref), 0, 'g', 9)
                                                                    .arg(exactFloatX, 0, 'g', 9)));
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestKernels)
#include "test_kernels.moc"
