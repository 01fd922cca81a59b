#include "ui/evaluate_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "core/gguf/file_type.h"
#include "ui/demo_model.h"
#include "ui/format.h"
#include "ui/machine_info.h"
#include "ui/model_list_model.h"

namespace qd::ui {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

EvaluateDialog::EvaluateDialog(const ModelListModel& models, const QString& selected, QWidget* parent, MachineInfo* machine)
    : QDialog(parent) {
    setWindowTitle(tr("Evaluate models"));
    for (int r = 0; r < models.rowCount(); ++r) {
        const ModelEntry& e = models.entry(r);
        if (e.kind != ModelKind::Gguf || !e.readable() || !e.summary.unsupported.empty()) continue;
        File f;
        f.path = e.path;
        f.fileType = qs(e.summary.fileType);
        f.architecture = qs(e.summary.architecture);
        f.vocab = e.summary.vocabSize;
        f.context = e.summary.contextLength;
        f.size = quint64(e.fileSize);
        f.name = e.alias.isEmpty() ? e.fileName() : e.alias;
        m_entries.push_back(f);
    }
    std::stable_sort(m_entries.begin(), m_entries.end(), [](const File& a, const File& b) {
        return a.name.localeAwareCompare(b.name) < 0;
    });

    auto* v = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Measures perplexity, KL divergence from the base and speed on this machine. Results go to the "
                                "results database and appear on the Compare page as they finish; files measured before "
                                "with the same settings are not measured again."),
                             this);
    intro->setWordWrap(true);
    v->addWidget(intro);
    v->addWidget(new QLabel(tr("Files to evaluate:"), this));
    m_files = new QListWidget(this);
    m_files->setObjectName(QStringLiteral("evaluateFiles"));
    for (const File& f : m_entries) {
        auto* item = new QListWidgetItem(tr("%1 · %2 · %3").arg(f.name, f.fileType, formatSize(f.size)), m_files);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(QFileInfo(f.path) == QFileInfo(selected) ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(QDir::toNativeSeparators(f.path));
    }
    m_files->setMinimumHeight(160);
    v->addWidget(m_files, 1);
    auto* tickRow = new QHBoxLayout;
    auto* all = new QPushButton(tr("Tick all"), this);
    all->setObjectName(QStringLiteral("evaluateTickAll"));
    auto* none = new QPushButton(tr("Tick none"), this);
    tickRow->addWidget(all);
    tickRow->addWidget(none);
    tickRow->addStretch(1);
    v->addLayout(tickRow);
    auto tickEvery = [this](Qt::CheckState state) {
        for (int i = 0; i < m_files->count(); ++i) m_files->item(i)->setCheckState(state);
    };
    connect(all, &QPushButton::clicked, this, [tickEvery] { tickEvery(Qt::Checked); });
    connect(none, &QPushButton::clicked, this, [tickEvery] { tickEvery(Qt::Unchecked); });

    auto* form = new QFormLayout;
    m_base = new QComboBox(this);
    m_base->setObjectName(QStringLiteral("evaluateBase"));
    for (const File& f : m_entries) m_base->addItem(tr("%1 · %2 · %3").arg(f.name, f.fileType, formatSize(f.size)), f.path);
    m_base->setToolTip(tr("The KL divergence is measured against this model: the unquantized one (F16, BF16 or F32) where "
                          "there is one"));
    form->addRow(tr("Base model:"), m_base);
    auto* textRow = new QHBoxLayout;
    m_text = new QLineEdit(demoTextPath(), this);
    m_text->setObjectName(QStringLiteral("evaluateText"));
    m_text->setToolTip(tr("Plain text the model has not been trained on; the bundled one is held-out Shakespeare"));
    textRow->addWidget(m_text, 1);
    auto* browse = new QPushButton(tr("Browse…"), this);
    textRow->addWidget(browse);
    form->addRow(tr("Evaluation text:"), textRow);
    m_context = new QSpinBox(this);
    m_context->setObjectName(QStringLiteral("evaluateContext"));
    m_context->setRange(16, 1 << 16);
    m_context->setValue(512);
    m_context->setSuffix(tr(" tokens"));
    m_context->setToolTip(tr("Tokens per chunk, as llama-perplexity's -c (512 compares with published numbers)"));
    form->addRow(tr("Context:"), m_context);
    m_chunks = new QSpinBox(this);
    m_chunks->setObjectName(QStringLiteral("evaluateChunks"));
    m_chunks->setRange(0, 100000);
    m_chunks->setSpecialValueText(tr("every chunk"));
    m_chunks->setToolTip(tr("At most this many chunks of the text: fewer is faster, with larger error bars"));
    form->addRow(tr("Chunks:"), m_chunks);
    m_speed = new QCheckBox(tr("Measure prompt and generation speed"), this);
    m_speed->setObjectName(QStringLiteral("evaluateSpeed"));
    m_speed->setChecked(true);
    form->addRow(QString(), m_speed);
    m_gpu = new GpuChoiceWidget(this);
    m_gpu->setObjectName(QStringLiteral("evaluateGpu"));
    m_gpu->deviceBox()->setToolTip(tr("Run every model with layers on a Vulkan GPU: speed (and, slightly, perplexity and KL "
                                      "divergence) is then the GPU's, kept as a series of its own"));
    form->addRow(tr("GPU:"), m_gpu);
    if (machine) {
        auto toChoice = [this, machine] { m_gpu->setDevices(machine->gpus(), machine->gpuError()); };
        connect(machine, &MachineInfo::gpusChanged, this, toChoice);
        if (machine->listed()) toChoice();
        machine->refresh();
    }
    v->addLayout(form);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("evaluateProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b71c1c;"));
    v->addWidget(m_problem);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Evaluate"));
    v->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Evaluation text"), QFileInfo(m_text->text()).absolutePath(),
                                                       tr("Text (*.txt *.md *.raw);;All files (*)"));
        if (!f.isEmpty()) m_text->setText(f);
    });
    connect(m_files, &QListWidget::itemChanged, this, [this] {
        if (!m_baseTouched) chooseBase();
        if (!m_contextTouched) chooseContext();
        update();
    });
    connect(m_context, &QSpinBox::editingFinished, this, [this] { m_contextTouched = true; });
    connect(m_base, &QComboBox::activated, this, [this] {
        m_baseTouched = true;
        update();
    });
    connect(m_base, &QComboBox::currentIndexChanged, this, &EvaluateDialog::update);
    connect(m_text, &QLineEdit::textChanged, this, &EvaluateDialog::update);
    chooseBase();
    chooseContext();
    update();
    resize(640, 560);
}

void EvaluateDialog::chooseBase() {
    // The unquantized model of the first checked file's architecture, else the largest file of it.
    QString arch;
    for (int i = 0; i < m_files->count(); ++i)
        if (m_files->item(i)->checkState() == Qt::Checked) {
            arch = m_entries[size_t(i)].architecture;
            break;
        }
    int best = -1;
    auto score = [&](const File& f) { return (qd::isUnquantizedName(f.fileType.toStdString()) ? (1ull << 62) : 0ull) + f.size; };
    for (size_t i = 0; i < m_entries.size(); ++i) {
        if (!arch.isEmpty() && m_entries[i].architecture != arch) continue;
        if (best < 0 || score(m_entries[i]) > score(m_entries[size_t(best)])) best = int(i);
    }
    if (best >= 0) m_base->setCurrentIndex(best);
}

void EvaluateDialog::chooseContext() {
    // 512 (what published perplexities use), but never past what a ticked model or the base was trained on.
    quint64 context = 512;
    const int b = m_base->currentIndex();
    for (int i = 0; i < m_files->count(); ++i) {
        const bool used = m_files->item(i)->checkState() == Qt::Checked || i == b;
        if (used && m_entries[size_t(i)].context > 0) context = std::min(context, m_entries[size_t(i)].context);
    }
    m_context->setValue(int(std::max<quint64>(16, context)));
}

QString EvaluateDialog::problem() const {
    if (m_entries.empty()) return tr("The library has no GGUF file QuantDesk runs: add one on the Models page.");
    const int b = m_base->currentIndex();
    int checked = 0;
    for (int i = 0; i < m_files->count(); ++i) {
        if (m_files->item(i)->checkState() != Qt::Checked) continue;
        ++checked;
        if (b >= 0 && (m_entries[size_t(i)].architecture != m_entries[size_t(b)].architecture ||
                       m_entries[size_t(i)].vocab != m_entries[size_t(b)].vocab))
            return tr("%1 is not a variant of the base %2 (another architecture or vocabulary): the KL divergence "
                      "compares the same model quantized differently.")
                .arg(m_entries[size_t(i)].name, m_entries[size_t(b)].name);
    }
    if (checked == 0) return tr("Tick the files to evaluate.");
    if (checked == 1 && b >= 0 && m_files->item(b)->checkState() == Qt::Checked)
        return tr("Tick at least one file besides the base: the base is measured as the reference anyway.");
    if (!QFileInfo(m_text->text()).isFile()) return tr("The evaluation text %1 does not exist.").arg(QDir::toNativeSeparators(m_text->text()));
    return {};
}

void EvaluateDialog::update() {
    const QString p = problem();
    m_problem->setText(p);
    m_problem->setVisible(!p.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(p.isEmpty());
}

EvaluateRequest EvaluateDialog::request() const {
    EvaluateRequest r;
    const int b = m_base->currentIndex();
    if (b >= 0) r.base = m_entries[size_t(b)].path;
    for (int i = 0; i < m_files->count(); ++i) {
        if (m_files->item(i)->checkState() != Qt::Checked) continue;
        const File& f = m_entries[size_t(i)];
        if (i == b) continue;  // the base is measured as the base
        r.mixes << (f.fileType.isEmpty() ? QFileInfo(f.path).completeBaseName() : f.fileType);
        r.files << f.path;
    }
    r.textFile = m_text->text();
    r.context = m_context->value();
    r.maxChunks = m_chunks->value();
    r.speed = m_speed->isChecked();
    r.gpuLayers = m_gpu->layers();
    r.gpuDevice = m_gpu->device();
    r.gpuAllowCpuDevice = m_gpu->cpuDevice();
    return r;
}

}  // namespace qd::ui
