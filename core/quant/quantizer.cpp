#include "core/quant/quantizer.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <memory>

#include "core/common/checked_math.h"
#include "core/common/thread_pool.h"
#include "core/gguf/gguf_writer.h"
#include "core/quant/dot.h"
#include "core/quant/quantize.h"

#include <cerrno>
#include <cstdio>

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <unistd.h>
#define QD_HAVE_PREAD 1
#endif

namespace qd {

namespace {

// A task is about 1 MiB of floats (at least one row); a batch is a few tasks per thread. Memory in
// flight: threads x 1 MiB of floats plus one batch of output, whatever the model's size.
constexpr uint64_t kTaskFloats = uint64_t(1) << 18;
constexpr int kTasksPerThread = 4;
constexpr size_t kCopySlice = size_t(4) << 20;

bool isFloatType(GgmlType t) { return t == GgmlType::F32 || t == GgmlType::F16 || t == GgmlType::BF16; }

// Source rows of any readable type to floats (dequantizeRow, which takes the SIMD converters such as
// F16C's where the CPU has them). `src` holds n elements (whole blocks).
Status toFloats(GgmlType type, const uint8_t* src, float* dst, int64_t n) {
    if (type == GgmlType::F32) {
        std::memcpy(dst, src, size_t(n) * 4);
        return {};
    }
    return dequantizeRow(type, src, dst, n);
}

// Floats to the target type: F32 is a copy, F16 / BF16 round to nearest even, the quantized types go
// through quantizeRows (quantize.h), which checks the values and picks the SIMD quantizer if any.
// `importance`: the tensor's importance-matrix row (rowLength weights), or null.
Status fromFloats(GgmlType type, const float* src, uint8_t* dst, int64_t rows, int64_t rowLength, const float* importance) {
    const int64_t n = rows * rowLength;
    switch (type) {
        case GgmlType::F32: std::memcpy(dst, src, size_t(n) * 4); return {};
        case GgmlType::F16:
        case GgmlType::BF16: kernels().fromFloatFor(type)(src, dst, n); return {};
        default: return quantizeRows(type, src, dst, rows, rowLength, importance);
    }
}

std::string shapeOf(const std::vector<uint64_t>& dims) {
    std::string s;
    for (size_t i = 0; i < dims.size(); ++i) s += (i ? " x " : "") + std::to_string(dims[i]);
    return s;
}

std::string typeName(GgmlType t) { return std::string(ggmlTypeName(t)); }

// Reads the source's tensor data with explicit reads rather than through the header's memory map: a
// source that another program truncates while we read it then gives a short read and a clear error,
// where a mapped page past the new end would kill the process with SIGBUS. The pages stay in the page
// cache: the wizard reads the same source once per variant.
class SourceReader {
public:
    SourceReader() = default;
    SourceReader(const SourceReader&) = delete;
    SourceReader& operator=(const SourceReader&) = delete;
    ~SourceReader() {
#ifdef QD_HAVE_PREAD
        if (m_fd >= 0) ::close(m_fd);
#else
        if (m_file) std::fclose(m_file);
#endif
    }

    Status open(const std::filesystem::path& path) {
#ifdef QD_HAVE_PREAD
        m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (m_fd < 0) return fail(ErrorKind::Io, "cannot open " + path.string() + " again to read its tensors");
#if defined(POSIX_FADV_SEQUENTIAL)
        ::posix_fadvise(m_fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
#else
        m_file = std::fopen(path.string().c_str(), "rb");
        if (!m_file) return fail(ErrorKind::Io, "cannot open " + path.string() + " again to read its tensors");
#endif
        return {};
    }

    // Exactly `size` bytes at `offset`, or an error naming the tensor.
    Status read(uint64_t offset, void* dst, size_t size, const std::string& tensor) {
        auto* out = static_cast<uint8_t*>(dst);
        size_t done = 0;
#ifdef QD_HAVE_PREAD
        while (done < size) {
            const ssize_t n = ::pread(m_fd, out + done, size - done, static_cast<off_t>(offset + done));
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) return fail(ErrorKind::Io, "reading tensor " + tensor + " of the source: " + std::strerror(errno));
            if (n == 0) return shortRead(tensor);
            done += static_cast<size_t>(n);
        }
#else
        if (_fseeki64(m_file, static_cast<long long>(offset), SEEK_SET) != 0) return shortRead(tensor);
        done = std::fread(out, 1, size, m_file);
        if (done != size) return shortRead(tensor);
#endif
        return {};
    }

private:
    static Error shortRead(const std::string& tensor) {
        return fail(ErrorKind::Io, "the source file became shorter while tensor " + tensor +
                                       " was read: another program changed it during the run");
    }

#ifdef QD_HAVE_PREAD
    int m_fd = -1;
#else
    std::FILE* m_file = nullptr;
#endif
};

// Runs one quantize job: holds the buffers reused across tensors and the progress state.
class Job {
public:
    Job(const GgufFile& file, SourceReader& reader, const MixPlan& plan, ThreadPool& pool, uint64_t taskFloats,
        const ProgressFn& progress, uint64_t total, const Imatrix* imatrix)
        : m_file(file), m_reader(reader), m_plan(plan), m_imatrix(imatrix), m_pool(pool), m_taskFloats(taskFloats ? taskFloats : kTaskFloats),
          m_progress(progress), m_total(total),
          m_floats(static_cast<size_t>(pool.size())), m_errors(static_cast<size_t>(pool.size())) {}

    bool cancelled() const { return m_cancelled; }

    Status produce(size_t index, TensorSink& sink) {
        const TensorPlan& p = m_plan.tensors[index];
        const GgufTensorInfo& src = m_file.tensors()[p.sourceIndex];
        const uint64_t offset = m_file.dataOffset() + src.offset;
        if (!p.convert) return copy(p, offset, src.nBytes, sink);
        return convert(p, src, offset, sink);
    }

private:
    bool advance(uint64_t bytes, const std::string& stage) {
        m_done += bytes;
        if (!report(m_progress, m_done, m_total, stage)) m_cancelled = true;
        return !m_cancelled;
    }

    Status copy(const TensorPlan& p, uint64_t offset, uint64_t size, TensorSink& sink) {
        m_input.resize(static_cast<size_t>(std::min<uint64_t>(kCopySlice, size)));
        for (uint64_t off = 0; off < size; off += kCopySlice) {
            const size_t n = static_cast<size_t>(std::min<uint64_t>(kCopySlice, size - off));
            if (auto s = m_reader.read(offset + off, m_input.data(), n, p.name); !s) return s;
            if (auto s = sink.write(m_input.data(), n); !s) return s;
            if (!advance(n, p.name)) return cancelledError();
        }
        return {};
    }

    Status convert(const TensorPlan& p, const GgufTensorInfo& src, uint64_t offset, TensorSink& sink) {
        const int64_t rowLength = static_cast<int64_t>(p.dims[0]);
        const int64_t rows = static_cast<int64_t>(src.nElements / p.dims[0]);
        const auto srcRow = ggmlRowBytes(src.type, p.dims[0]);
        const auto dstRow = ggmlRowBytes(p.targetType, p.dims[0]);
        if (!srcRow || !dstRow || *srcRow * uint64_t(rows) != src.nBytes)
            return fail("tensor " + p.name + " has a size that does not match its shape and type");
        // The importance-matrix weights, one row of them per matrix of the tensor (experts: dims[2]).
        std::vector<float> importance;
        int64_t rowsPerMatrix = rows;
        if (m_imatrix) {
            importance = m_imatrix->importance(p.name);
            const int64_t matrices = p.dims.size() > 2 ? static_cast<int64_t>(p.dims[2]) : 1;
            rowsPerMatrix = rows / std::max<int64_t>(1, matrices);
            if (!importance.empty() && importance.size() != static_cast<size_t>(rowLength * matrices)) {
                // llama-quantize ignores a mismatch only on the token embedding, and refuses it elsewhere.
                if (p.name != "token_embd.weight")
                    return fail("the importance matrix has " + std::to_string(importance.size()) + " values for " + p.name +
                                ", whose rows hold " + std::to_string(rowLength * matrices) +
                                ": it was computed for another model");
                importance.clear();
            }
        }

        const int64_t rowsPerTask = std::max<int64_t>(1, static_cast<int64_t>(m_taskFloats) / rowLength);
        const int64_t rowsPerBatch = rowsPerTask * kTasksPerThread * m_pool.size();
        const size_t taskFloats = static_cast<size_t>(rowsPerTask * rowLength);
        for (auto& f : m_floats)
            if (f.size() < taskFloats) f.resize(taskFloats);
        const int64_t batchCap = std::min(rowsPerBatch, rows);
        m_output.resize(static_cast<size_t>(batchCap) * *dstRow);
        m_input.resize(static_cast<size_t>(batchCap) * *srcRow);

        for (int64_t first = 0; first < rows; first += rowsPerBatch) {
            const int64_t batchRows = std::min(rowsPerBatch, rows - first);
            const size_t batchBytes = size_t(batchRows) * *srcRow;
            if (auto s = m_reader.read(offset + uint64_t(first) * *srcRow, m_input.data(), batchBytes, p.name); !s) return s;
            const uint8_t* batchSrc = m_input.data();
            for (auto& e : m_errors) e = {};
            m_pool.parallelFor(batchRows, rowsPerTask, [&](int64_t b, int64_t e, int worker) {
                if (!m_errors[worker]) return;
                float* floats = m_floats[worker].data();
                const int64_t n = e - b;
                Status s = toFloats(src.type, batchSrc + uint64_t(b) * *srcRow, floats, n * rowLength);
                // Rows of one matrix at a time, each with its importance row.
                for (int64_t r = 0; s && r < n;) {
                    const int64_t row = first + b + r, matrix = row / rowsPerMatrix;
                    const int64_t count = std::min(n - r, (matrix + 1) * rowsPerMatrix - row);
                    const float* weights = importance.empty() ? nullptr : importance.data() + matrix * rowLength;
                    s = fromFloats(p.targetType, floats + r * rowLength, m_output.data() + uint64_t(b + r) * *dstRow, count,
                                   rowLength, weights);
                    r += count;
                }
                if (!s) m_errors[worker] = fail("tensor " + p.name + ", row " + std::to_string(first + b) + ": " + s.message());
            });
            for (const auto& e : m_errors)
                if (!e) return e;
            if (auto s = sink.write(m_output.data(), size_t(batchRows) * *dstRow); !s) return s;
            if (!advance(batchBytes, p.name)) return cancelledError();
        }
        return {};
    }

    const GgufFile& m_file;
    SourceReader& m_reader;
    const MixPlan& m_plan;
    const Imatrix* m_imatrix;
    ThreadPool& m_pool;
    uint64_t m_taskFloats;
    const ProgressFn& m_progress;
    uint64_t m_total;
    uint64_t m_done = 0;
    bool m_cancelled = false;
    std::vector<std::vector<float>> m_floats;  // one task's floats per worker
    std::vector<Status> m_errors;              // one slot per worker
    std::vector<uint8_t> m_input;              // one batch of source rows (or a slice of a copied tensor)
    std::vector<uint8_t> m_output;             // one batch of converted rows
};

// Checks that every conversion the plan asks for can be done, before any file is created.
Status checkConversions(const MixPlan& plan, const QuantizeOptions& options, std::vector<std::string>& warnings) {
    std::vector<GgmlType> requantized;
    for (const auto& p : plan.tensors) {
        if (!p.convert) continue;
        if (!isFloatType(p.sourceType)) {
            if (!ggmlTypeTraits(p.sourceType).quantized || !canDequantize(p.sourceType))
                return fail("tensor " + p.name + " has type " + typeName(p.sourceType) +
                            ", which QuantDesk cannot convert from");
            if (!options.allowRequantize)
                return fail("tensor " + p.name + " is already quantized (" + typeName(p.sourceType) +
                            "); requantizing loses quality, so it needs --allow-requantize");
            if (std::find(requantized.begin(), requantized.end(), p.sourceType) == requantized.end())
                requantized.push_back(p.sourceType);
        }
        if (!isFloatType(p.targetType) && !canQuantize(p.targetType))
            return fail("QuantDesk cannot write " + typeName(p.targetType) + " yet (needed for tensor " + p.name + ")");
    }
    for (GgmlType t : requantized)
        warnings.push_back("requantizing tensors stored as " + typeName(t) +
                           ": they are dequantized first, so the result is worse than quantizing the original "
                           "F32/F16/BF16 weights");
    return {};
}

}  // namespace

std::vector<GgufKeyValue> quantizedMetadata(const std::vector<GgufKeyValue>& source, uint32_t fileTypeId) {
    static constexpr std::array<std::string_view, 5> kDropped = {
        "split.no", "split.count", "split.tensors.count", "general.quantization_version", "general.file_type"};
    std::vector<GgufKeyValue> out;
    for (const auto& kv : source)
        if (std::find(kDropped.begin(), kDropped.end(), kv.key) == kDropped.end()) out.push_back(kv);
    out.push_back({"general.quantization_version", GgufValue::uint32(2)});
    out.push_back({"general.file_type", GgufValue::uint32(fileTypeId)});
    return out;
}

std::vector<GgufKeyValue> quantizedMetadata(const GgufFile& source, uint32_t fileTypeId) {
    return quantizedMetadata(source.metadata(), fileTypeId);
}

QuantizeSource describeQuantizeSource(const GgufFile& file) { return {file.metadata(), tensorDescs(file)}; }

QuantizeSource describeQuantizeSource(const GgufWriter& layout) {
    QuantizeSource s;
    s.metadata = layout.metadata();
    for (const auto& t : layout.tensors()) s.tensors.push_back({t.name, t.dims, t.type});
    return s;
}

namespace {

// The plan and the output's layout: everything quantizeModel decides before it reads tensor data, and
// all that estimateQuantize needs. Both go through here, so the estimate is the file's size by construction.
struct PreparedQuantize {
    MixPlan plan;
    GgufWriter writer{3};
    std::vector<std::string> warnings;
    uint64_t sourceTensorBytes = 0;
    uint64_t elements = 0;
};

Result<PreparedQuantize> prepareQuantize(const QuantizeSource& source, const QuantizeOptions& options) {
    PreparedQuantize out;
    MixOptions mix = options.mix;
    mix.imatrix = mix.imatrix || options.imatrix != nullptr;  // the wizard plans with one before it is computed
    auto planned = planMix(source.tensors, mixModelInfo(source.metadata, source.tensors), mix);
    if (!planned) return planned.error();
    out.plan = std::move(planned.value());
    out.warnings = out.plan.warnings;
    if (auto s = checkConversions(out.plan, options, out.warnings); !s) return s.error();
    for (auto& kv : quantizedMetadata(source.metadata, options.mix.mix.fileTypeId)) out.writer.set(kv.key, std::move(kv.value));
    if (options.imatrix) {
        // llama-quantize records the imatrix as key overrides, its strings cut to 127 bytes.
        const Imatrix& m = *options.imatrix;
        out.writer.set("quantize.imatrix.file", GgufValue::string(options.imatrixFile.substr(0, 127)));
        if (!m.dataset.empty()) out.writer.set("quantize.imatrix.dataset", GgufValue::string(m.dataset.substr(0, 127)));
        out.writer.set("quantize.imatrix.entries_count", GgufValue::int32(static_cast<int32_t>(m.entries.size())));
        if (m.lastChunk > 0) out.writer.set("quantize.imatrix.chunks_count", GgufValue::int32(m.lastChunk));
    }
    for (const auto& p : out.plan.tensors) {
        if (auto s = out.writer.addTensor(p.name, p.dims, p.targetType); !s) return s.error();
        const TensorDesc& t = source.tensors[p.sourceIndex];
        uint64_t elements = 1;
        for (uint64_t d : t.dims) elements = saturatingMul(elements, d);
        const auto rowBytes = ggmlRowBytes(t.type, t.dims.empty() ? 1 : t.dims[0]);
        if (!rowBytes) return fail("tensor " + t.name + " has a row length that does not fit its type");
        out.sourceTensorBytes = saturatingAdd(out.sourceTensorBytes, saturatingMul(*rowBytes, elements / t.dims[0]));
        out.elements = saturatingAdd(out.elements, elements);
    }
    return out;
}

}  // namespace

Result<QuantizeEstimate> estimateQuantize(const QuantizeSource& source, const QuantizeOptions& options) {
    auto prepared = prepareQuantize(source, options);
    if (!prepared) return prepared.error();
    QuantizeEstimate e;
    e.fileBytes = prepared->writer.fileSize();
    for (const auto& t : prepared->writer.tensors()) e.tensorBytes += t.nBytes;
    e.sourceTensorBytes = prepared->sourceTensorBytes;
    e.elements = prepared->elements;
    e.warnings = std::move(prepared->warnings);
    e.plan = std::move(prepared->plan);
    return e;
}

Result<QuantizeEstimate> estimateQuantize(const GgufFile& source, const QuantizeOptions& options) {
    return estimateQuantize(describeQuantizeSource(source), options);
}

Result<QuantizeReport> quantizeModel(const std::filesystem::path& source, const std::filesystem::path& output,
                                     const QuantizeOptions& options, const ProgressFn& progress) {
    const auto start = std::chrono::steady_clock::now();
    std::error_code ec;
    if (std::filesystem::exists(output, ec) && std::filesystem::equivalent(output, source, ec))
        return fail("the output would replace the source file; choose another output path");

    auto opened = GgufFile::open(source);
    if (!opened) return opened.error();
    const GgufFile& file = opened.value();

    auto prepared = prepareQuantize(describeQuantizeSource(file), options);
    if (!prepared) return prepared.error();
    const MixPlan& plan = prepared->plan;
    const GgufWriter& writer = prepared->writer;

    QuantizeReport rep;
    rep.warnings = prepared->warnings;

    uint64_t total = 0;
    for (const auto& p : plan.tensors) total += file.tensors()[p.sourceIndex].nBytes;

    std::unique_ptr<ThreadPool> ownPool;
    ThreadPool* pool = options.pool;
    if (!pool) {
        ownPool = std::make_unique<ThreadPool>(options.threads);
        pool = ownPool.get();
    }

    SourceReader reader;
    if (auto s = reader.open(source); !s) return s.error();
    Job job(file, reader, plan, *pool, options.taskFloats, progress, total, options.imatrix.get());
    if (!report(progress, 0, total, plan.tensors.empty() ? std::string() : plan.tensors.front().name))
        return cancelledError();
    // The writer's own progress only relays the cancel; the job reports source bytes.
    Status written = writer.write(
        output, [&](size_t i, const GgufTensorInfo&, TensorSink& sink) { return job.produce(i, sink); },
        [&](const Progress&) { return !job.cancelled(); });
    if (!written) return job.cancelled() ? cancelledError() : written.error();

    rep.threads = pool->size();
    rep.sourceFileBytes = file.fileSize();
    rep.outputFileBytes = writer.fileSize();
    const auto& outTensors = writer.tensors();
    for (size_t i = 0; i < plan.tensors.size(); ++i) {
        const auto& p = plan.tensors[i];
        const auto& src = file.tensors()[p.sourceIndex];
        rep.tensors.push_back({p.name, shapeOf(p.dims), p.sourceType, p.targetType, src.nBytes, outTensors[i].nBytes,
                               p.fallback});
        rep.sourceTensorBytes += src.nBytes;
        rep.outputTensorBytes += outTensors[i].nBytes;
        rep.elements += src.nElements;
    }
    rep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return rep;
}

}  // namespace qd
