// A corpus of corrupt GGUF files, generated here at run time: truncations, flipped bytes, absurd counts and
// lengths, unknown types, impossible shapes, bad offsets, duplicates, bad alignment, other byte orders and
// over-deep nesting. Each must be an Error (naming the problem where the case targets one), never a crash,
// an out-of-bounds read (the sanitizer build checks that) or an allocation sized by a claimed count.
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cmath>
#include <limits>
#include <cstdlib>
#include <new>
#include <optional>

#include "core/gguf/gguf_file.h"
#include "core/gguf/gguf_writer.h"
#include "core/gguf/metadata_text.h"
#include "gguf/gguf_test_support.h"
#include "gguf/gguf_walk.h"

using namespace qdtest;

// --- Allocation watch: the largest single operator new while g_watchAllocations is set. ---
// Not under AddressSanitizer, whose runtime brings its own operator new.
#if defined(__SANITIZE_ADDRESS__)
#define QD_WATCH_ALLOCATIONS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define QD_WATCH_ALLOCATIONS 0
#endif
#endif
#ifndef QD_WATCH_ALLOCATIONS
#define QD_WATCH_ALLOCATIONS 1
#endif

namespace {
std::atomic<bool> g_watchAllocations{false};
std::atomic<size_t> g_largestAllocation{0};
}  // namespace

#if QD_WATCH_ALLOCATIONS
void* operator new(size_t n) {
    if (g_watchAllocations.load(std::memory_order_relaxed)) {
        size_t prev = g_largestAllocation.load(std::memory_order_relaxed);
        while (n > prev && !g_largestAllocation.compare_exchange_weak(prev, n)) {
        }
    }
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void* operator new[](size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }
void operator delete[](void* p, size_t) noexcept { std::free(p); }
#endif

namespace {

// --- A GGUF emitter independent of GgufWriter, to build files field by field and break them. ---
template <class T>
QByteArray le(T v) {
    return QByteArray(reinterpret_cast<const char*>(&v), sizeof v);
}

enum : uint32_t { kU8 = 0, kU32 = 4, kI32 = 5, kF32 = 6, kBool = 7, kString = 8, kArray = 9, kU64 = 10 };
enum : uint32_t { kGgmlF32 = 0, kGgmlQ8_0 = 8, kGgmlQ4_K = 12, kGgmlF64 = 28 };

QByteArray str(const std::string& s) { return le<uint64_t>(s.size()) + QByteArray(s.data(), qsizetype(s.size())); }

struct RawKv {
    std::string key;
    uint32_t type;
    QByteArray payload;  // the value's bytes as they follow the type
};

struct RawTensor {
    std::string name;
    std::vector<uint64_t> dims;
    uint32_t type;
    uint64_t offset;
    std::optional<uint32_t> nDims;  // overrides dims.size() in the file
};

struct RawGguf {
    uint32_t version = 3;
    std::optional<uint64_t> tensorCount, kvCount;
    std::vector<RawKv> kvs;
    std::vector<RawTensor> tensors;
    uint64_t alignment = 32;  // used for padding only; general.alignment must be set as a kv
    uint64_t dataBytes = 0;
    bool pad = true;  // pad the header to `alignment`

    QByteArray bytes() const {
        QByteArray b = le<uint32_t>(0x46554747) + le<uint32_t>(version);
        b += le<uint64_t>(tensorCount.value_or(tensors.size()));
        b += le<uint64_t>(kvCount.value_or(kvs.size()));
        for (const auto& kv : kvs) b += str(kv.key) + le<uint32_t>(kv.type) + kv.payload;
        for (const auto& t : tensors) {
            b += str(t.name) + le<uint32_t>(t.nDims.value_or(uint32_t(t.dims.size())));
            for (uint64_t d : t.dims) b += le<uint64_t>(d);
            b += le<uint32_t>(t.type) + le<uint64_t>(t.offset);
        }
        while (pad && uint64_t(b.size()) % alignment) b += '\0';
        return b + QByteArray(qsizetype(dataBytes), '\x5a');
    }
};

// A valid file: two metadata entries and two tensors.
//   a  F32  [8, 2]  64 bytes at 0
//   b  Q8_0 [32, 2] 68 bytes at 64 (28 bytes of padding follow)
RawGguf baseFile() {
    RawGguf g;
    g.kvs.push_back({"general.architecture", kString, str("llama")});
    g.kvs.push_back({"llama.block_count", kU32, le<uint32_t>(1)});
    g.tensors.push_back({"a", {8, 2}, kGgmlF32, 0, {}});
    g.tensors.push_back({"b", {32, 2}, kGgmlQ8_0, 64, {}});
    g.dataBytes = 160;
    return g;
}

// An array value nested `levels` deep: [[[...[u8 7]...]]].
QByteArray nestedArrayPayload(int levels) {
    // Each outer level is { element type: array, count 1 } followed by its one element.
    const QByteArray outer = le<uint32_t>(kArray) + le<uint64_t>(1);
    return outer.repeated(levels - 1) + le<uint32_t>(kU8) + le<uint64_t>(1) + QByteArray(1, '\x07');
}

// Parses a copy of exactly these bytes (so reading one byte too far is caught by the sanitizer build).
qd::Result<qd::GgufFile> parseCopy(const std::vector<uint8_t>& copy) { return qd::GgufFile::parse(copy); }

std::vector<uint8_t> toVector(const QByteArray& b, qsizetype n = -1) {
    if (n < 0) n = b.size();
    return std::vector<uint8_t>(b.begin(), b.begin() + n);
}

// Field boundaries of a valid v2/v3 file, found by a walker written for this test (not the reader): the
// byte offset where every header field starts, and the end of the header.
struct HeaderMap {
    std::vector<uint64_t> boundaries;
    uint64_t headerEnd = 0;
    bool ok = false;
};

HeaderMap mapHeader(const QByteArray& b) {
    HeaderMap m;
    uint64_t pos = 0;
    auto u32 = [&]() {
        uint32_t v;
        std::memcpy(&v, b.constData() + pos, 4);
        m.boundaries.push_back(pos);
        pos += 4;
        return v;
    };
    auto u64 = [&]() {
        uint64_t v;
        std::memcpy(&v, b.constData() + pos, 8);
        m.boundaries.push_back(pos);
        pos += 8;
        return v;
    };
    auto skipString = [&]() {
        uint64_t n = u64();
        m.boundaries.push_back(pos);
        pos += n;
    };
    std::function<void(uint32_t)> skipValue = [&](uint32_t type) {
        static const int sizes[] = {1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8};
        if (type == kString) return skipString();
        if (type == kArray) {
            uint32_t et = u32();
            uint64_t n = u64();
            m.boundaries.push_back(pos);
            if (et == kString || et == kArray)
                for (uint64_t i = 0; i < n; ++i) skipValue(et);
            else
                pos += n * uint64_t(sizes[et]);
            return;
        }
        m.boundaries.push_back(pos);
        pos += uint64_t(sizes[type]);
    };
    u32();
    u32();
    const uint64_t tensors = u64(), kvs = u64();
    for (uint64_t i = 0; i < kvs; ++i) {
        skipString();
        skipValue(u32());
    }
    for (uint64_t i = 0; i < tensors; ++i) {
        skipString();
        const uint32_t nDims = u32();
        for (uint32_t d = 0; d < nDims; ++d) u64();
        u32();
        u64();
    }
    m.boundaries.push_back(pos);
    m.headerEnd = pos;
    m.ok = pos <= uint64_t(b.size());
    return m;
}

// Words an error about a file that ends too early uses.
bool mentionsTruncation(const std::string& msg) {
    return msg.find("truncated") != std::string::npos || msg.find("past the end") != std::string::npos ||
           msg.find("more than the") != std::string::npos || msg.find("outside the file") != std::string::npos;
}

QByteArray smallWriterFile() {
    QTemporaryDir dir;
    return writePatternFile(smallModelWriter(), dir.filePath("small.gguf"));
}

}  // namespace

class TestGgufMalformed : public QObject {
    Q_OBJECT

private slots:
    void baseFileIsValid() {
        const QByteArray b = baseFile().bytes();
        auto f = qd::GgufFile::parse(asSpan(b));
        QVERIFY2(f.ok(), f.ok() ? "" : f.message().c_str());
        QCOMPARE(f->tensors().size(), size_t(2));
        QCOMPARE(f->tensors()[1].nBytes, uint64_t(68));
        QCOMPARE(f->dataOffset() + 160, uint64_t(b.size()));
    }

    // Targeted corruptions, each with the words its error must contain.
    void targeted_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        auto row = [](const char* name, const RawGguf& g, const char* expected) {
            QTest::newRow(name) << g.bytes() << QString(expected);
        };
        auto patched = [](const char* name, QByteArray b, qsizetype at, const QByteArray& with, const char* expected) {
            b.replace(at, with.size(), with);
            QTest::newRow(name) << b << QString(expected);
        };
        const QByteArray base = baseFile().bytes();
        RawGguf g;

        // Magic and version.
        QTest::newRow("empty") << QByteArray() << "only 0 bytes long";
        QTest::newRow("three bytes") << QByteArray("GGU") << "only 3 bytes long";
        patched("bad magic", base, 0, "GGML", "starts with 'GGML' instead of 'GGUF'");
        patched("big-endian v3", base, 4, le<uint32_t>(0x03000000), "big-endian");
        patched("big-endian v2", base, 4, le<uint32_t>(0x02000000), "big-endian");
        patched("big-endian v1", base, 4, le<uint32_t>(0x01000000), "big-endian");
        patched("version 0", base, 4, le<uint32_t>(0), "unsupported GGUF version 0");
        patched("version 4", base, 4, le<uint32_t>(4), "unsupported GGUF version 4");

        // Counts.
        patched("tensor count 2^63", base, 8, le<uint64_t>(1ull << 63), "tensors, more than the file can hold");
        patched("tensor count max", base, 8, le<uint64_t>(~0ull), "tensors, more than the file can hold");
        patched("tensor count 1e6", base, 8, le<uint64_t>(1000000), "tensors, more than the file can hold");
        patched("kv count max", base, 16, le<uint64_t>(~0ull), "metadata entries, more than the file can hold");
        patched("kv count 1e9", base, 16, le<uint64_t>(1000000000), "metadata entries, more than the file can hold");
        g = baseFile();
        g.tensorCount = 3;  // one tensor info more than the file holds, and nothing after the infos
        g.pad = false;
        g.dataBytes = 0;
        QTest::newRow("tensor count one too many") << g.bytes() << "while reading the name of tensor 2";

        // Strings and arrays running past the end.
        patched("key length past end", base, 24, le<uint64_t>(1ull << 40), "the key of metadata entry 0");
        g = baseFile();
        g.kvs.push_back({"x.s", kString, le<uint64_t>(1ull << 50) + "abc"});
        row("string value past end", g, "the value of 'x.s' at byte");
        g = baseFile();
        g.kvs.push_back({"x.s", kString, le<uint64_t>(~0ull)});
        row("string length max", g, "past the end of the file");
        g = baseFile();
        g.kvs.push_back({"x.a", kArray, le<uint32_t>(kU32) + le<uint64_t>(1000000000000000ull)});
        row("numeric array past end", g, "claims 1000000000000000 elements");
        g = baseFile();
        g.kvs.push_back({"x.a", kArray, le<uint32_t>(kU64) + le<uint64_t>(~0ull / 4)});
        row("array bytes overflow", g, "elements, more than the");
        g = baseFile();
        g.kvs.push_back({"x.a", kArray, le<uint32_t>(kString) + le<uint64_t>(1ull << 40)});
        row("string array past end", g, "claims 1099511627776 elements");
        g = baseFile();
        g.kvs.push_back({"x.a", kArray, le<uint32_t>(kString) + le<uint64_t>(2) + str("ok") + le<uint64_t>(1ull << 40)});
        row("string in array past end", g, "element 1 of the value of 'x.a'");
        g = baseFile();
        g.kvs.push_back({"x.a", kArray, le<uint32_t>(kArray) + le<uint64_t>(1ull << 40)});
        row("nested array past end", g, "claims 1099511627776 elements");
        g = baseFile();
        g.tensors[1].name = std::string(10, 'n');
        {
            QByteArray b = g.bytes();
            const qsizetype at = b.indexOf(QByteArray("nnnnnnnnnn")) - 8;
            patched("tensor name past end", b, at, le<uint64_t>(1ull << 33), "the name of tensor 1");
        }

        // Unknown value types.
        g = baseFile();
        g.kvs.push_back({"x.t", 13, le<uint32_t>(0)});
        row("value type 13", g, "metadata key 'x.t' has unknown value type 13");
        g = baseFile();
        g.kvs.push_back({"x.t", 0xFFFFFFFFu, le<uint32_t>(0)});
        row("value type max", g, "unknown value type 4294967295");
        g = baseFile();
        g.kvs.push_back({"x.t", kArray, le<uint32_t>(13) + le<uint64_t>(1) + le<uint32_t>(0)});
        row("array of type 13", g, "is an array of unknown value type 13");
        g = baseFile();
        g.kvs.push_back({"x.b", kBool, QByteArray(1, '\x02')});
        row("bool 2", g, "neither 0 nor 1");
        g = baseFile();
        g.kvs.push_back({"x.b", kArray, le<uint32_t>(kBool) + le<uint64_t>(3) + QByteArray("\x01\x00\xff", 3)});
        row("bool array 255", g, "neither 0 nor 1");

        // Nesting.
        g = baseFile();
        g.kvs.push_back({"x.n", kArray, nestedArrayPayload(9)});
        row("arrays nested 9 deep", g, "nests arrays more than 8 deep");
        g = baseFile();
        g.kvs.push_back({"x.n", kArray, nestedArrayPayload(100000)});
        row("arrays nested 100000 deep", g, "nests arrays more than 8 deep");

        // Tensor types and shapes.
        for (uint32_t id : {4u, 5u, 31u, 32u, 33u, 36u, 37u, 38u, 40u, 1000u, 0xFFFFFFFFu}) {
            g = baseFile();
            g.tensors[1].type = id;
            QTest::newRow(qPrintable(QString("ggml type %1").arg(id)))
                << g.bytes() << QString("tensor 'b' has unknown tensor type id %1").arg(id);
        }
        g = baseFile();
        g.tensors[0].dims = {8, 2, 1, 1, 1};
        row("5 dims", g, "tensor 'a' has 5 dimensions; GGUF allows at most 4");
        g = baseFile();
        g.tensors[0].nDims = 0xFFFFFFFFu;
        row("2^32-1 dims", g, "has 4294967295 dimensions");
        g = baseFile();
        g.tensors[0].dims = {8, 0};
        row("dim 0", g, "tensor 'a' has a dimension of size 0");
        g = baseFile();
        g.tensors[0].dims = {0};
        row("first dim 0", g, "dimension of size 0");
        g = baseFile();
        g.tensors[0].dims = {1ull << 32, 1ull << 32};
        row("dims 2^32 x 2^32", g, "element count overflows (4294967296 x 4294967296)");
        g = baseFile();
        g.tensors[0].dims = {~0ull};
        row("dim 2^64-1", g, "element count overflows");
        g = baseFile();
        g.tensors[0].dims = {1ull << 62, 1, 1, 4};
        row("4 dims overflowing", g, "element count overflows");
        g = baseFile();
        g.tensors[0].dims = {1ull << 62};
        g.tensors[0].type = kGgmlF64;
        row("bytes overflow", g, "tensor 'a' is too large");
        g = baseFile();
        g.tensors[1].dims = {100, 1};
        g.tensors[1].type = kGgmlQ4_K;
        row("row not a block multiple", g, "rows of 100 elements, not a multiple of 256");

        // Offsets.
        g = baseFile();
        g.tensors[1].offset = 65;
        row("misaligned offset", g, "tensor 'b' has data offset 65, not a multiple of the alignment 32");
        g = baseFile();
        g.tensors[1].offset = 1ull << 40;
        row("offset outside data", g, "tensor 'b' lies outside the file");
        g = baseFile();
        g.tensors[1].offset = 128;  // 128 + 68 > 160
        row("tensor ends past the data", g, "tensor 'b' lies outside the file");
        g = baseFile();
        g.tensors[1].offset = ~0ull & ~31ull;
        row("offset near 2^64", g, "tensor 'b' lies outside the file");
        g = baseFile();
        g.tensors[1].offset = 32;
        row("overlapping tensors", g, "tensors 'a' and 'b' overlap");
        g = baseFile();
        g.tensors[0].offset = 64;
        g.tensors[1].offset = 0;  // 'b' (68 bytes) runs into 'a'
        row("overlap in reverse order", g, "tensors 'b' and 'a' overlap");
        g = baseFile();
        g.tensors[1].offset = 0;
        row("same offset", g, "overlap");
        g = baseFile();
        g.dataBytes = 0;
        row("no data section", g, "the file is truncated");

        // Duplicates.
        g = baseFile();
        g.kvs.push_back({"general.architecture", kString, str("gpt2")});
        row("duplicate key", g, "metadata key 'general.architecture' appears twice");
        g = baseFile();
        g.tensors[1].name = "a";
        row("duplicate tensor name", g, "tensor name 'a' appears twice");

        // Alignment.
        for (uint32_t a : {0u, 3u, 48u, 0xFFFFFFFFu}) {
            g = baseFile();
            g.kvs.push_back({"general.alignment", kU32, le<uint32_t>(a)});
            QTest::newRow(qPrintable(QString("alignment %1").arg(a)))
                << g.bytes() << QString("general.alignment is %1, which is not a power of two").arg(a);
        }
        g = baseFile();
        g.kvs.push_back({"general.alignment", kU64, le<uint64_t>(32)});
        row("alignment as uint64", g, "general.alignment must be a uint32, not uint64");
        g = baseFile();
        g.kvs.push_back({"general.alignment", kString, str("32")});
        row("alignment as string", g, "general.alignment must be a uint32, not string");
        g = baseFile();
        g.kvs.push_back({"general.alignment", kU32, le<uint32_t>(1u << 31)});
        g.tensors[1].offset = 1u << 31;
        row("alignment 2^31", g, "the file is truncated: the tensor data should start at byte 2147483648");
        g = baseFile();
        g.kvs.push_back({"general.alignment", kU32, le<uint32_t>(64)});
        g.tensors[1].offset = 96;  // a multiple of the default 32, not of 64
        g.dataBytes = 192;
        row("offset aligned to 32, not 64", g, "tensor 'b' has data offset 96, not a multiple of the alignment 64");
    }

    void targeted() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const std::vector<uint8_t> copy = toVector(bytes);
        auto f = parseCopy(copy);
        QVERIFY2(!f.ok(), "a corrupt file was accepted");
        QVERIFY2(QString::fromStdString(f.message()).contains(expected), f.message().c_str());
    }

    // Limits are inclusive: the largest valid variants of the targeted cases still parse.
    void boundariesAccepted() {
        RawGguf g = baseFile();
        g.kvs.push_back({"x.n", kArray, nestedArrayPayload(8)});
        g.kvs.push_back({"general.alignment", kU32, le<uint32_t>(32)});
        g.kvs.push_back({"x.b", kArray, le<uint32_t>(kBool) + le<uint64_t>(2) + QByteArray("\x01\x00", 2)});
        g.kvs.push_back({"x.e", kArray, le<uint32_t>(kString) + le<uint64_t>(0)});
        g.tensors[0].dims = {8, 2, 1, 1};  // four dimensions
        const QByteArray b = g.bytes();
        auto f = qd::GgufFile::parse(asSpan(b));
        QVERIFY2(f.ok(), f.ok() ? "" : f.message().c_str());
        QCOMPARE(f->find("x.n")->arrayNested()[0].arraySize(), uint64_t(1));
        QCOMPARE(f->tensors()[0].dims.size(), size_t(4));
    }

    // Values a file can hold that do not fit the accessors' types saturate (they used to be undefined
    // conversions, found by fuzz_gguf_reader), and JSON shows uint64 elements as it shows uint64 scalars.
    void outOfRangeValues() {
        const float big[] = {1e30f, -1e30f, std::numeric_limits<float>::quiet_NaN(), -7.9f};
        const qd::GgufValue floats =
            qd::GgufValue::arrayOf<float>(qd::GgufValueType::Float32, std::vector<float>(std::begin(big), std::end(big)));
        QCOMPARE(floats.arrayInt(0), std::numeric_limits<int64_t>::max());
        QCOMPARE(floats.arrayInt(1), std::numeric_limits<int64_t>::min());
        QCOMPARE(floats.arrayInt(2), int64_t(0));
        QCOMPARE(floats.arrayInt(3), int64_t(-7));
        QCOMPARE(floats.arrayInt(4), int64_t(0));  // past the end
        const qd::GgufValue u64 = qd::GgufValue::arrayOf<uint64_t>(qd::GgufValueType::UInt64, {~0ull, 5});
        QCOMPARE(u64.arrayInt(0), std::numeric_limits<int64_t>::max());
        QCOMPARE(u64.arrayInt(1), int64_t(5));
        // As a uint64 scalar is shown (Json keeps values above 2^63 as a double), not saturated to 2^63-1.
        QCOMPARE(qd::ggufValueToJson(u64).dump(), "[" + qd::Json(~uint64_t(0)).dump() + ", 5]");
        QVERIFY(qd::ggufValueToJson(u64).dump().find("9223372036854775807") == std::string::npos);
        const qd::GgufValue empty = qd::GgufValue::arrayOf<uint8_t>(qd::GgufValueType::UInt8, {});
        QCOMPARE(empty.display(), std::string("[] (0 uint8)"));
    }

    // open() on files: errors name the file.
    void openReportsFileName() {
        QTemporaryDir dir;
        auto write = [&](const QString& name, const QByteArray& b) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(b);
        };
        RawGguf g = baseFile();
        g.tensors[1].offset = 32;
        write("overlap.gguf", g.bytes());
        write("empty.gguf", QByteArray());
        write("truncated.gguf", baseFile().bytes().left(100));

        auto overlap = qd::GgufFile::open(dir.filePath("overlap.gguf").toStdString());
        QVERIFY(!overlap.ok());
        QVERIFY2(QString::fromStdString(overlap.message()).startsWith("overlap.gguf: tensors 'a' and 'b' overlap"),
                 overlap.message().c_str());
        auto empty = qd::GgufFile::open(dir.filePath("empty.gguf").toStdString());
        QVERIFY(!empty.ok());
        QVERIFY2(QString::fromStdString(empty.message()).startsWith("empty.gguf: not a GGUF file"), empty.message().c_str());
        auto truncated = qd::GgufFile::open(dir.filePath("truncated.gguf").toStdString());
        QVERIFY(!truncated.ok());
        QVERIFY2(QString::fromStdString(truncated.message()).startsWith("truncated.gguf: ") &&
                     mentionsTruncation(truncated.message()),
                 truncated.message().c_str());
        auto missing = qd::GgufFile::open(dir.filePath("missing.gguf").toStdString());
        QVERIFY(!missing.ok());
        QVERIFY2(QString::fromStdString(missing.message()).endsWith("missing.gguf: no such file"), missing.message().c_str());
        auto folder = qd::GgufFile::open(dir.path().toStdString());
        QVERIFY(!folder.ok());
        QVERIFY2(QString::fromStdString(folder.message()).contains("is a folder"), folder.message().c_str());
    }

    // The small GgufWriter file cut at every byte: every cut before the end of the last tensor's data is an
    // error about the file ending early; every cut after it (in the final padding) still reads.
    void truncateSmallFileAtEveryByte() {
        const QByteArray full = smallWriterFile();
        QVERIFY(!full.isEmpty());
        auto whole = qd::GgufFile::parse(asSpan(full));
        QVERIFY(whole.ok());
        const auto& last = whole->tensors().back();
        const qsizetype needed = qsizetype(whole->dataOffset() + last.offset + last.nBytes);
        QVERIFY(needed < full.size());
        for (qsizetype n = 0; n <= full.size(); ++n) {
            const std::vector<uint8_t> copy = toVector(full, n);
            auto f = parseCopy(copy);
            if (n < needed) {
                QVERIFY2(!f.ok(), qPrintable(QString("cut at %1 was accepted").arg(n)));
                if (n >= 4) QVERIFY2(mentionsTruncation(f.message()), qPrintable(QString("cut at %1: ").arg(n) + f.message().c_str()));
            } else {
                QVERIFY2(f.ok(), qPrintable(QString("cut at %1: ").arg(n) + (f.ok() ? "" : f.message().c_str())));
                QVERIFY(walkGguf(*f, copy).tensorsInBounds);
            }
        }
    }

    // A llama.cpp fixture cut at every header field boundary (found by this test's own walker).
    void truncateFixtureAtEveryFieldBoundary() {
        const QByteArray full = readFile(fixturesDir() + "/shakespeare-Q4_K_M.gguf");
        QVERIFY(!full.isEmpty());
        const HeaderMap map = mapHeader(full);
        QVERIFY(map.ok);
        QVERIFY(map.boundaries.size() > 2300);  // 1024 tokens (length + bytes), scores, types, 39 tensors
        auto whole = qd::GgufFile::parse(asSpan(full));
        QVERIFY(whole.ok());
        QCOMPARE(whole->headerBytesParsed(), map.headerEnd);
        std::vector<uint64_t> cuts = map.boundaries;
        for (uint64_t b : map.boundaries) {  // also one byte either side of each boundary
            if (b > 0) cuts.push_back(b - 1);
            cuts.push_back(b + 1);
        }
        uint64_t needed = 0;  // the end of the last tensor's data; the file may have padding after it
        for (const auto& t : whole->tensors()) needed = std::max(needed, whole->dataOffset() + t.offset + t.nBytes);
        cuts.push_back(whole->dataOffset());
        cuts.push_back(needed - 1);
        for (uint64_t n : cuts) {
            if (n >= needed) continue;
            const std::vector<uint8_t> copy = toVector(full, qsizetype(n));
            auto f = parseCopy(copy);
            QVERIFY2(!f.ok(), qPrintable(QString("cut at %1 was accepted").arg(n)));
            if (n >= 4) QVERIFY2(mentionsTruncation(f.message()), qPrintable(QString("cut at %1: ").arg(n) + f.message().c_str()));
        }
    }

    // Every header byte of the small file replaced by several values: never a crash; what is accepted is
    // walked completely and its tensor views stay inside the buffer. The magic bytes always fail.
    void flipEveryHeaderByte() {
        const QByteArray full = smallWriterFile();
        auto whole = qd::GgufFile::parse(asSpan(full));
        QVERIFY(whole.ok());
        std::vector<uint8_t> copy = toVector(full);
        int accepted = 0, rejected = 0;
        for (size_t pos = 0; pos < whole->dataOffset(); ++pos) {
            const uint8_t original = copy[pos];
            for (uint8_t mask : {uint8_t(0x01), uint8_t(0x02), uint8_t(0x10), uint8_t(0x80), uint8_t(0xFF)}) {
                copy[pos] = original ^ mask;
                auto f = parseCopy(copy);
                if (f.ok()) {
                    ++accepted;
                    QVERIFY2(pos >= 4, "a bad magic was accepted");
                    QVERIFY2(walkGguf(*f, copy).tensorsInBounds, qPrintable(QString("flip at %1").arg(pos)));
                } else {
                    ++rejected;
                    QVERIFY(!f.message().empty());
                }
            }
            copy[pos] = original;
        }
        // Flips inside string contents or numeric values give valid files, flips in lengths and types do not.
        QVERIFY(accepted > 100);
        QVERIFY(rejected > 100);
    }

    // Random multi-byte corruption and truncation, reproducible (fixed seed): never a crash.
    void randomCorruption() {
        const QByteArray small = smallWriterFile();
        const QByteArray fixture = readFile(fixturesDir() + "/shakespeare-Q4_K_M.gguf");
        QVERIFY(!small.isEmpty() && !fixture.isEmpty());
        QRandomGenerator rng(20250222);
        int accepted = 0;
        for (int round = 0; round < 2; ++round) {
            const QByteArray& src = round == 0 ? small : fixture;
            auto whole = qd::GgufFile::parse(asSpan(src));
            QVERIFY(whole.ok());
            const uint32_t header = uint32_t(whole->dataOffset());
            const int iterations = round == 0 ? 20000 : 2000;
            std::vector<uint8_t> copy = toVector(src);
            for (int it = 0; it < iterations; ++it) {
                const int flips = 1 + int(rng.bounded(8));
                std::vector<std::pair<uint32_t, uint8_t>> saved;
                for (int k = 0; k < flips; ++k) {
                    const uint32_t pos = rng.bounded(header);
                    saved.push_back({pos, copy[pos]});
                    copy[pos] = uint8_t(rng.bounded(256));
                }
                std::span<const uint8_t> view(copy);
                std::vector<uint8_t> cut;
                if (rng.bounded(4) == 0) {  // also truncated somewhere
                    cut.assign(copy.begin(), copy.begin() + rng.bounded(uint32_t(copy.size())));
                    view = cut;
                }
                auto f = qd::GgufFile::parse(view);
                if (f.ok()) {
                    ++accepted;
                    QVERIFY(walkGguf(*f, view).tensorsInBounds);
                } else {
                    QVERIFY(!f.message().empty());
                }
                for (auto it2 = saved.rbegin(); it2 != saved.rend(); ++it2) copy[it2->first] = it2->second;
            }
            QVERIFY(copy == toVector(src));
        }
        QVERIFY(accepted > 0);
    }

    // Counts and lengths that the bytes cannot back never size an allocation: the largest single
    // allocation while parsing a 4 MiB corrupt buffer stays at 1 MiB or less, where sizing vectors by
    // the claimed counts would take 16 to 50 MiB.
    void claimsDoNotDriveAllocation_data() {
        QTest::addColumn<QByteArray>("bytes");
        constexpr int kSize = 4 << 20;
        const QByteArray filler(kSize, '\0');
        const QByteArray junk(kSize, '\xff');
        // Zeros after the counts read as entries with an empty key (or empty tensor name): the second is a
        // duplicate, after many claimed but two parsed.
        QTest::newRow("kv count") << le<uint32_t>(0x46554747) + le<uint32_t>(3) + le<uint64_t>(0) +
                                         le<uint64_t>(kSize / 13) + filler;
        QTest::newRow("tensor count") << le<uint32_t>(0x46554747) + le<uint32_t>(3) + le<uint64_t>(kSize / 24) +
                                             le<uint64_t>(0) + filler;
        // An array claiming as many elements as the bytes left could hold, whose first element is broken.
        const QByteArray head = le<uint32_t>(0x46554747) + le<uint32_t>(3) + le<uint64_t>(0) + le<uint64_t>(1) +
                                str("x") + le<uint32_t>(kArray);
        QTest::newRow("string array") << head + le<uint32_t>(kString) + le<uint64_t>(kSize / 8) + junk;
        QTest::newRow("nested array") << head + le<uint32_t>(kArray) + le<uint64_t>(kSize / 12) + junk;
    }

    // Valid but hostile: every element is really there, yet its in-memory form is many times the file
    // (an empty string is 8 bytes on disk and a 32-byte object; an empty nested array 12 bytes and a whole
    // value). Past the cap the header is refused, whatever the claimed count; a real vocabulary is not.
    void memoryAmplificationIsCapped_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("accepted");
        const QByteArray head = le<uint32_t>(0x46554747) + le<uint32_t>(3) + le<uint64_t>(0) + le<uint64_t>(1) +
                                str("x") + le<uint32_t>(kArray);
        constexpr uint64_t kEmpty = 1u << 20;
        QTest::newRow("a million empty strings")
            << head + le<uint32_t>(kString) + le<uint64_t>(kEmpty) + QByteArray(qsizetype(kEmpty * 8), '\0') << false;
        QByteArray nested = head + le<uint32_t>(kArray) + le<uint64_t>(kEmpty / 4);
        for (uint64_t i = 0; i < kEmpty / 4; ++i) nested += le<uint32_t>(kU8) + le<uint64_t>(0);
        QTest::newRow("a quarter million empty arrays") << nested << false;
        QByteArray kvs = le<uint32_t>(0x46554747) + le<uint32_t>(3) + le<uint64_t>(0) + le<uint64_t>(200000);
        for (int i = 0; i < 200000; ++i) kvs += str(std::to_string(i)) + le<uint32_t>(kU8) + QByteArray(1, '\0');
        QTest::newRow("200,000 tiny keys") << kvs << false;
        // 100,000 six-letter tokens: about 2x in memory, well inside the cap.
        QByteArray words = head + le<uint32_t>(kString) + le<uint64_t>(100000);
        for (int i = 0; i < 100000; ++i) words += str("tok" + std::to_string(100 + i % 900));
        QTest::newRow("a real-looking vocabulary") << words << true;
    }

    void memoryAmplificationIsCapped() {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, accepted);
        const std::vector<uint8_t> copy = toVector(bytes);
        auto f = parseCopy(copy);
        QCOMPARE(f.ok(), accepted);
        if (!accepted)
            QVERIFY2(f.message().find("MiB of memory") != std::string::npos && f.message().find("refused") != std::string::npos,
                     f.message().c_str());
    }

    void claimsDoNotDriveAllocation() {
        QFETCH(QByteArray, bytes);
        if (!QD_WATCH_ALLOCATIONS) QSKIP("allocation sizes are not watched under AddressSanitizer");
        const std::vector<uint8_t> copy = toVector(bytes);
        g_largestAllocation = 0;
        g_watchAllocations = true;
        auto f = parseCopy(copy);
        g_watchAllocations = false;
        QVERIFY(!f.ok());
        QVERIFY2(g_largestAllocation.load() <= (1u << 20),
                 qPrintable(QString("largest allocation %1 bytes for a %2-byte file (%3)")
                                .arg(g_largestAllocation.load())
                                .arg(copy.size())
                                .arg(QString::fromStdString(f.message()))));
    }
};

QTEST_GUILESS_MAIN(TestGgufMalformed)
#include "test_gguf_malformed.moc"
