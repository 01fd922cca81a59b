#include "ui/machine_info.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <memory>

#include "core/common/cpu_features.h"
#include "core/common/system_info.h"
#include "core/common/thread_pool.h"
#include "ui/format.h"
#include "ui/job_runner.h"

namespace qd::ui {

namespace {

// The job's value: the devices, or why there are none (no Vulkan in this build, no loader or driver),
// which is an answer, not a failed job.
struct GpuListing {
    std::vector<qd::GpuDevice> devices;
    QString error;
};
using GpuList = std::shared_ptr<const GpuListing>;

QString qs(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

}  // namespace qd::ui

Q_DECLARE_METATYPE(qd::ui::GpuList)

namespace qd::ui {

QString gpuKindText(const std::string& kind) {
    if (kind == "discrete GPU") return MachineInfo::tr("discrete GPU");
    if (kind == "integrated GPU") return MachineInfo::tr("integrated GPU");
    if (kind == "virtual GPU") return MachineInfo::tr("virtual GPU");
    if (kind == "CPU implementation") return MachineInfo::tr("CPU implementation");
    if (kind == "other device") return MachineInfo::tr("other device");
    return qs(kind);
}

bool isCpuImplementation(const qd::GpuDevice& device) { return device.kind == "CPU implementation"; }

QString gpuDeviceText(const qd::GpuDevice& d) {
    QString text = qs(d.name) + QStringLiteral(" · ") + gpuKindText(d.kind);
    if (d.memoryBytes) text += QStringLiteral(" · ") + formatSize(d.memoryBytes);
    return text;
}

MachineInfo::MachineInfo(JobRunner& jobs, QObject* parent) : QObject(parent), m_jobs(jobs) {
    connect(&m_jobs, &JobRunner::jobFinished, this, [this](int id, JobState state) {
        if (id != m_job) return;
        m_job = 0;
        const JobRecord* r = m_jobs.job(id);
        if (state == JobState::Finished && r) {
            const GpuList list = r->outcome.value.value<GpuList>();
            m_gpus = list ? list->devices : std::vector<qd::GpuDevice>();
            m_error = list ? list->error : QString();
        } else {
            m_gpus.clear();
            m_error = r && state == JobState::Failed ? r->outcome.message : tr("the list of GPUs was cancelled");
        }
        m_listed = true;
        emit gpusChanged();
    });
}

void MachineInfo::refresh(bool again) {
    if (m_job || (m_listed && !again)) return;
    JobSpec spec;
    spec.title = tr("List the GPUs");
    spec.kind = QStringLiteral("gpu-list");
    spec.bytes = false;
    spec.ownSlot = true;        // a person is waiting for it; it must not queue behind a quantization
    spec.removeWhenDone = true;  // the chat settings and This Machine show the result
    spec.work = [](JobContext& job) -> JobOutcome {
        job.progress(0, 1, tr("Asking the Vulkan drivers"));
        auto devices = qd::listGpuDevices();
        auto listing = std::make_shared<GpuListing>();
        if (devices) listing->devices = std::move(*devices);
        else listing->error = qs(devices.message());
        const int n = int(listing->devices.size());
        return JobOutcome::finished(devices ? tr("%n Vulkan device(s) found", nullptr, n) : qs(devices.message()),
                                    QVariant::fromValue(GpuList(std::move(listing))));
    };
    m_job = m_jobs.submit(std::move(spec));
}

QString MachineInfo::cpuLine() {
    const qd::IsaChoice& isa = qd::selectedIsa();
    QString line = qs(qd::describeCpu(qd::cpuFeatures(), isa.level));
    if (!isa.note.empty()) line += QStringLiteral(" (") + qs(isa.note) + QLatin1Char(')');
    return line;
}

// ----------------------------------------------------------------------------------------------------

GpuChoiceWidget::GpuChoiceWidget(QWidget* parent) : QWidget(parent) {
    auto* h = new QHBoxLayout(this);
    h->setContentsMargins(0, 0, 0, 0);
    m_device = new QComboBox(this);
    m_device->setToolTip(tr("A Vulkan GPU that holds some or all of the model's layers (Help ▸ This Machine lists them)"));
    m_device->setAccessibleName(tr("GPU"));
    m_device->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_device->setMinimumContentsLength(12);
    m_layers = new QSpinBox(this);
    m_layers->setRange(0, 999);
    m_layers->setSpecialValueText(tr("All layers"));
    m_layers->setSuffix(tr(" layers"));
    m_layers->setToolTip(tr("How many layers (the last ones, and the output) run on the GPU; the rest stay on the CPU. "
                            "What does not fit in the GPU's memory stays on the CPU, and QuantDesk says so."));
    m_layers->setAccessibleName(tr("GPU layers"));
    h->addWidget(m_device, 1);
    h->addWidget(m_layers);
    connect(m_device, &QComboBox::currentIndexChanged, this, [this] {
        if (m_rebuilding) return;
        m_want = m_device->currentData().toInt();
        m_wantCpu = m_device->currentData(Qt::UserRole + 1).toBool();
        m_layers->setEnabled(m_want != kNoGpu);
        emit changed();
    });
    connect(m_layers, &QSpinBox::valueChanged, this, [this] {
        if (!m_rebuilding) emit changed();
    });
    rebuild();
}

void GpuChoiceWidget::setDevices(const std::vector<qd::GpuDevice>& devices, const QString& error) {
    const int layersBefore = layers(), deviceBefore = device();
    const bool cpuBefore = cpuDevice();
    m_gpus = devices;
    m_error = error;
    m_listed = true;
    rebuild();
    if (layers() != layersBefore || device() != deviceBefore || cpuDevice() != cpuBefore) emit changed();
}

void GpuChoiceWidget::setChoice(int layers, int device, bool cpuDevice) {
    m_want = layers == 0 ? kNoGpu : std::max(-1, device);
    m_wantCpu = layers != 0 && cpuDevice;
    m_rebuilding = true;
    m_layers->setValue(layers > 0 ? layers : 0);
    m_rebuilding = false;
    rebuild();
}

int GpuChoiceWidget::layers() const {
    if (m_want == kNoGpu) return 0;
    return m_layers->value() == 0 ? -1 : m_layers->value();
}

int GpuChoiceWidget::device() const { return m_want == kNoGpu ? -1 : m_want; }

bool GpuChoiceWidget::cpuDevice() const { return m_want != kNoGpu && m_wantCpu; }

void GpuChoiceWidget::rebuild() {
    m_rebuilding = true;
    m_device->clear();
    m_device->addItem(tr("None: CPU only"), kNoGpu);
    auto* items = qobject_cast<QStandardItemModel*>(m_device->model());
    if (!m_listed) {
        m_device->addItem(tr("The best GPU"), -1);
        if (m_want >= 0) {
            m_device->addItem(tr("Device %1").arg(m_want), m_want);
            m_device->setItemData(m_device->count() - 1, m_wantCpu, Qt::UserRole + 1);
        }
    } else {
        for (const qd::GpuDevice& d : m_gpus)
            if (d.chosenByDefault) m_device->addItem(tr("The best GPU: %1").arg(qs(d.name)), -1);
        for (const qd::GpuDevice& d : m_gpus) {
            m_device->addItem(gpuDeviceText(d), d.index);
            const int row = m_device->count() - 1;
            m_device->setItemData(row, isCpuImplementation(d), Qt::UserRole + 1);
            QString tip = tr("Vulkan %1").arg(qs(d.apiVersion));
            if (!d.usable) tip = tr("Vulkan %1: %2").arg(qs(d.apiVersion), qs(d.note));
            else if (isCpuImplementation(d))
                tip = tr("Vulkan %1: a CPU implementation, slower than QuantDesk's own CPU kernels").arg(qs(d.apiVersion));
            m_device->setItemData(row, tip, Qt::ToolTipRole);
            if (!d.usable && items) items->item(row)->setEnabled(false);
        }
    }
    int at = m_device->findData(m_want);
    if (at < 0 || (items && !items->item(at)->isEnabled())) at = 0;
    m_device->setCurrentIndex(at);
    m_want = m_device->currentData().toInt();
    m_wantCpu = m_device->currentData(Qt::UserRole + 1).toBool();
    m_layers->setEnabled(m_want != kNoGpu);
    const bool any = m_device->count() > 1;
    m_device->setEnabled(any);
    if (m_listed && !any)
        m_device->setToolTip(m_error.isEmpty() ? tr("No Vulkan device: no driver reports one. Models run on the CPU.")
                                               : tr("No GPU offload: %1. Models run on the CPU.").arg(m_error));
    m_rebuilding = false;
}

// ----------------------------------------------------------------------------------------------------

MachineDialog::MachineDialog(MachineInfo& info, QWidget* parent) : QDialog(parent), m_info(info) {
    setWindowTitle(tr("This Machine"));
    auto* v = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_cpu = new QLabel(this);
    m_cpu->setWordWrap(true);
    m_cpu->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_memory = new QLabel(this);
    m_memory->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("CPU:"), m_cpu);
    form->addRow(tr("Threads:"), new QLabel(QLocale().toString(qd::ThreadPool::hardwareThreads()), this));
    form->addRow(tr("Memory:"), m_memory);
    v->addLayout(form);

    auto* gpuTitle = new QLabel(tr("<b>Vulkan devices</b> (for GPU layers in the chat and evaluation settings)"), this);
    v->addWidget(gpuTitle);
    m_devices = new QTableWidget(0, 5, this);
    m_devices->setHorizontalHeaderLabels({tr("#"), tr("Device"), tr("Kind"), tr("Memory"), tr("QuantDesk uses it")});
    m_devices->verticalHeader()->hide();
    m_devices->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_devices->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_devices->horizontalHeader()->setStretchLastSection(true);
    m_devices->setWordWrap(true);
    m_devices->setAccessibleName(tr("Vulkan devices"));
    v->addWidget(m_devices, 1);
    m_gpuStatus = new QLabel(this);
    m_gpuStatus->setWordWrap(true);
    v->addWidget(m_gpuStatus);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_refresh = buttons->addButton(tr("List Again"), QDialogButtonBox::ActionRole);
    m_refresh->setToolTip(tr("Ask the Vulkan drivers again (after installing a driver or plugging in a GPU)"));
    QPushButton* copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    copy->setToolTip(tr("Copy all of this as text, for a bug report"));
    v->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_refresh, &QPushButton::clicked, this, [this] {
        m_info.refresh(true);
        fill();
    });
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(text()); });
    connect(&m_info, &MachineInfo::gpusChanged, this, &MachineDialog::fill);

    m_info.refresh();
    fill();
    resize(760, 420);
}

void MachineDialog::fill() {
    m_cpu->setText(MachineInfo::cpuLine());
    const quint64 total = qd::physicalMemoryBytes(), free = qd::availableMemoryBytes();
    m_memory->setText(total ? tr("%1 installed, %2 free now").arg(formatSize(total), formatSize(free)) : tr("unknown"));
    m_refresh->setEnabled(!m_info.listing());

    const auto& gpus = m_info.gpus();
    m_devices->setRowCount(int(gpus.size()));
    for (int i = 0; i < int(gpus.size()); ++i) {
        const qd::GpuDevice& d = gpus[size_t(i)];
        QString use;
        if (!d.usable) use = tr("No: %1").arg(qs(d.note));
        else if (d.chosenByDefault) use = tr("Yes, the best one here");
        else if (isCpuImplementation(d)) use = tr("When chosen: a CPU implementation, slower than QuantDesk's own CPU kernels");
        else use = tr("When chosen");
        const QStringList cells = {QString::number(d.index), qs(d.name), gpuKindText(d.kind),
                                   d.memoryBytes ? formatSize(d.memoryBytes) : tr("unknown"), use};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setToolTip(c == 1 ? tr("%1 (Vulkan %2)").arg(cells[c], qs(d.apiVersion)) : cells[c]);
            m_devices->setItem(i, c, item);
        }
    }
    m_devices->resizeColumnsToContents();
    m_devices->horizontalHeader()->setStretchLastSection(true);

    if (m_info.listing()) m_gpuStatus->setText(tr("Asking the Vulkan drivers…"));
    else if (!m_info.gpuError().isEmpty()) m_gpuStatus->setText(tr("No GPU offload: %1. Models run on the CPU.").arg(m_info.gpuError()));
    else if (gpus.empty()) m_gpuStatus->setText(tr("No Vulkan device: no driver reports one. Models run on the CPU."));
    else {
        bool any = false;
        for (const auto& d : gpus) any = any || d.chosenByDefault;
        m_gpuStatus->setText(any ? tr("Layers go to the device marked as the best one unless a setting names another.")
                                 : tr("No GPU here is used unless chosen: the devices listed are CPU implementations or cannot run QuantDesk's shaders."));
    }
}

QString MachineDialog::text() const {
    QStringList lines;
    lines << tr("CPU: %1").arg(m_cpu->text());
    lines << tr("Threads: %1").arg(qd::ThreadPool::hardwareThreads());
    lines << tr("Memory: %1").arg(m_memory->text());
    for (int r = 0; r < m_devices->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < m_devices->columnCount(); ++c) cells << (m_devices->item(r, c) ? m_devices->item(r, c)->text() : QString());
        lines << tr("Vulkan device %1").arg(cells.join(QStringLiteral(" | ")));
    }
    lines << m_gpuStatus->text();
    return lines.join(QLatin1Char('\n'));
}

}  // namespace qd::ui
